"""How a public post feels about the business: negative, neutral or positive, with the
classifier's confidence and the words that drove it (trained on data/sentiment/)."""
from __future__ import annotations

from functools import lru_cache

from redress.text.classifier import Classifier, Verdict
from redress.text.corpus import Example, examples
from redress.text.models import cached

NEGATIVE, NEUTRAL, POSITIVE = "negative", "neutral", "positive"


def train(found: list[Example]) -> Classifier:
    return Classifier([e.text for e in found], [e.label for e in found])


@lru_cache(maxsize=1)
def model() -> Classifier:
    return cached("sentiment", lambda: train(examples("sentiment", "sentiment")))


def feeling(text: str, classifier: Classifier | None = None) -> Verdict:
    """The post's sentiment (the verdict's label), its confidence and evidence."""
    return (classifier or model()).judge(text)
