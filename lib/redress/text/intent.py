"""A customer's stated intent to go public (a review site, a blog, a newspaper, social
media), and where: two classifiers trained on data/intent/, the first whether, the second
where."""
from __future__ import annotations

import re

import json
from dataclasses import dataclass
from functools import lru_cache

from redress.text.classifier import Classifier
from redress.text.corpus import DATA, Example, examples
from redress.text.folding import any_phrase, normalise
from redress.text.models import cached

PLACES = ("review_site", "blog", "newspaper", "social")
CONFIDENT = 0.5


@dataclass(frozen=True)
class Intent:
    where: str  # one of PLACES
    confidence: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Models:
    whether: Classifier
    where: Classifier


def train(found: list[Example]) -> Models:
    stated = [e for e in found if e.label == "True"]
    return Models(Classifier([e.text for e in found], [e.label for e in found]),
                  Classifier([e.text for e in stated], [e.extra["where"] for e in stated]))


@lru_cache(maxsize=1)
def models() -> Models:
    return cached("intent", lambda: train(examples("intent", "public")))


@lru_cache(maxsize=1)
def places() -> dict[str, re.Pattern]:
    """Each kind of place's names and words (data/places.json)."""
    named = json.loads((DATA / "places.json").read_text(encoding="utf-8"))
    return {place: any_phrase(normalise(w) for w in named[place]) for place in PLACES}


def where(text: str, trained: Models) -> str:
    """The place the text names first; the classifier's guess when it names none."""
    folded = normalise(text)
    named = [(found.start(), place) for place, pattern in places().items() if (found := pattern.search(folded))]
    return min(named)[1] if named else trained.where.judge(text).label


def stated_intent(text: str, trained: Models | None = None) -> Intent | None:
    """The intent to go public the text states, or None."""
    trained = trained or models()
    verdict = trained.whether.judge(text)
    if verdict.label != "True" or verdict.confidence < CONFIDENT:
        return None
    return Intent(where(text, trained), verdict.confidence, verdict.evidence)
