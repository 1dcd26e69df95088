"""Which language a text is in: CLD3 (Google's Compact Language Detector 3), whose model
ships inside its wheel, so nothing is downloaded at run time. Where CLD3 is unsure, a
classifier trained on the platform's own labelled texts has the last word for the
languages it knows (CLD3 takes Turkish typed without its letters, "soguk geldi", for
Hausa). It never overrides a language CLD3 is sure of and does not confuse."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

UNDETERMINED = "und"
SURE = 0.9  # CLD3 at or above this is taken as it is
OURS_SURE, OURS_ENOUGH = 0.95, 0.6  # ours must be this sure against a reliable CLD3, or an unreliable one
# What CLD3 says, sure enough to be called reliable, for languages typed without their own
# letters: accentless Turkish comes out as Hausa or Azerbaijani.
CONFUSIONS = frozenset({"ha", "az", "uz", "tk", "so", "hi"})


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1 ("tr", "el", "en"), or "und"
    confidence: float
    reliable: bool


@lru_cache(maxsize=1)
def _identifier():
    import gcld3  # the cld3-py wheel

    return gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=2000)


@lru_cache(maxsize=1)
def model():
    """The platform's labelled texts (data/), by the language of their file."""
    from redress.text.classifier import Classifier
    from redress.text.corpus import examples
    from redress.text.models import cached

    def train() -> Classifier:
        texts = [e for kind, label in (("categories", "category"), ("conduct", "refuse"), ("intent", "public"))
                 for e in examples(kind, label)]
        return Classifier([e.text for e in texts], [e.language for e in texts], quick=True)
    return cached("language", train)


def detect(text: str) -> Language:
    """The text's language; "und" when it is too short or too mixed to say."""
    if len(text.strip()) < 3:
        return Language(UNDETERMINED, 0.0, False)
    found = _identifier().FindLanguage(text=text)
    code = found.language.split("-")[0] if found.language else UNDETERMINED
    if found.probability < SURE and (code in CONFUSIONS or code in model().labels or code == UNDETERMINED):
        ours = model().judge(text)
        if ours.confidence >= (OURS_SURE if found.is_reliable else OURS_ENOUGH):
            return Language(ours.label, ours.confidence, True)
    if not found.is_reliable and found.probability < 0.5:
        return Language(UNDETERMINED, round(found.probability, 3), False)
    return Language(code, round(found.probability, 3), bool(found.is_reliable))
