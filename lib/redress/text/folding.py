"""Text folding for matching words in any language the customer writes in."""
from __future__ import annotations

import re
import unicodedata


def normalise(text: str) -> str:
    """Case- and accent-insensitive text, with Turkish dotless i and Greek final sigma folded."""
    text = text.replace("İ", "i").replace("I", "ı").casefold()
    text = text.replace("ı", "i").replace("ς", "σ").replace("\u2019", "'").replace("\u2018", "'")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def any_phrase(phrases) -> re.Pattern:
    """Matches any of the normalised phrases at the start of a word, longest first.

    Short phrases ("bot", "aptal") must stand alone; longer ones may be stems
    ("πιεστικ" matches "πιεστικός").
    """
    ordered = sorted(set(phrases), key=len, reverse=True)
    alternatives = (re.escape(p) + (r"(?!\w)" if len(p) < 5 else "") for p in ordered)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")")
