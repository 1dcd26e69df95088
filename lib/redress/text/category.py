"""The category of a complaint from the customer's own words, in any language: a classifier
trained on data/categories/. Below CONFIDENT the suggestion is OTHER, flagged for a person."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from redress.text.classifier import Classifier
from redress.text.corpus import Example, examples
from redress.text.models import cached
from redress.types.v1 import complaint_pb2 as types

CONFIDENT = 0.25


@dataclass(frozen=True)
class Suggestion:
    category: int
    confidence: float
    evidence: tuple[str, ...]
    needs_review: bool  # too unsure: a person should choose


def train(found: list[Example]) -> Classifier:
    return Classifier([e.text for e in found], [e.label for e in found])


@lru_cache(maxsize=1)
def model() -> Classifier:
    return cached("category", lambda: train(examples("categories", "category")))


def suggest(text: str, classifier: Classifier | None = None) -> Suggestion:
    verdict = (classifier or model()).judge(text)
    if verdict.confidence < CONFIDENT:
        return Suggestion(types.CATEGORY_OTHER, verdict.confidence, verdict.evidence, True)
    return Suggestion(types.Category.Value(verdict.label), verdict.confidence, verdict.evidence, False)
