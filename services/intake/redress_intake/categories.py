"""Suggests a taxonomy category from the customer's own words (English, Turkish, Greek).

The keywords are data, one file per language in keywords/; add a language by adding a file.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from redress.text import any_phrase, normalise
from redress.types.v1 import complaint_pb2 as types

KEYWORDS_DIR = Path(__file__).parent / "keywords"


@dataclass(frozen=True)
class Matcher:
    pattern: re.Pattern
    # normalised keyword -> [(category, weight)]
    meaning: dict[str, list[tuple[int, int]]]


@lru_cache(maxsize=1)
def matcher() -> Matcher:
    meaning: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for path in sorted(KEYWORDS_DIR.glob("*.json")):
        for name, words in json.loads(path.read_text(encoding="utf-8")).items():
            for word in words:
                meaning[normalise(word)].append((types.Category.Value(name), len(word.split())))
    return Matcher(any_phrase(meaning), dict(meaning))


def suggest_category(text: str) -> int:
    """The category whose keywords the text matches most (longer phrases weigh more)."""
    m = matcher()
    found = {match.group(0) for match in m.pattern.finditer(normalise(text))}
    scores: dict[int, int] = defaultdict(int)
    for word in found:
        for category, weight in m.meaning[word]:
            scores[category] += weight
    if not scores:
        return types.CATEGORY_OTHER
    return max(scores.items(), key=lambda kv: kv[1])[0]
