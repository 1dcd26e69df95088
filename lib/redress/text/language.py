"""Which language a text is in: CLD3 (Google's Compact Language Detector 3), whose model
ships inside its wheel, so nothing is downloaded at run time."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

UNDETERMINED = "und"


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1 ("tr", "el", "en"), or "und"
    confidence: float
    reliable: bool


@lru_cache(maxsize=1)
def _identifier():
    import gcld3  # the cld3-py wheel

    return gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=2000)


def detect(text: str) -> Language:
    """The text's language; "und" when it is too short or too mixed to say."""
    if len(text.strip()) < 3:
        return Language(UNDETERMINED, 0.0, False)
    found = _identifier().FindLanguage(text=text)
    code = found.language.split("-")[0] if found.language else UNDETERMINED
    if not found.is_reliable and found.probability < 0.5:
        return Language(UNDETERMINED, round(found.probability, 3), False)
    return Language(code, round(found.probability, 3), bool(found.is_reliable))
