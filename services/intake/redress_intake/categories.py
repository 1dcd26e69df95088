"""Suggests a taxonomy category from the customer's own words (English, Turkish, Greek).

The keywords are data, one file per language in keywords/; add a language by adding a file.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from redress.types.v1 import complaint_pb2 as types

KEYWORDS_DIR = Path(__file__).parent / "keywords"


def normalise(text: str) -> str:
    """Case- and accent-insensitive text, with Turkish dotless i and Greek final sigma folded."""
    text = text.replace("İ", "i").replace("I", "ı").casefold()
    text = text.replace("ı", "i").replace("ς", "σ")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def keywords() -> dict[int, list[tuple[re.Pattern, int]]]:
    """Per category, (pattern, weight): a keyword matches at the start of a word, so stems work."""
    table: dict[int, list[tuple[re.Pattern, int]]] = {}
    for path in sorted(KEYWORDS_DIR.glob("*.json")):
        for name, words in json.loads(path.read_text(encoding="utf-8")).items():
            patterns = [(_pattern(normalise(w)), len(w.split())) for w in words]
            table.setdefault(types.Category.Value(name), []).extend(patterns)
    return table


def _pattern(word: str) -> re.Pattern:
    # Short words ("bot", "aptal") must stand alone; longer ones may be stems.
    end = r"(?!\w)" if len(word) < 5 else ""
    return re.compile(r"(?<!\w)" + re.escape(word) + end)


def suggest_category(text: str) -> int:
    """The category whose keywords the text matches most (longer phrases weigh more)."""
    folded = normalise(text)
    scores = {
        category: sum(weight for pattern, weight in patterns if pattern.search(folded))
        for category, patterns in keywords().items()
    }
    best = max(scores.items(), key=lambda kv: kv[1], default=(types.CATEGORY_OTHER, 0))
    return best[0] if best[1] > 0 else types.CATEGORY_OTHER
