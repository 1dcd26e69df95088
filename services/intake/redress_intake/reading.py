"""What intake reads in the customer's words, with the platform's text module: the
language, the category when the client gave none, and a stated intent to go public."""
from __future__ import annotations

import re

from redress.events.v1 import intake_pb2 as ev
from redress.text import category, intent, language

SENTENCE = re.compile(r"[^.!?;\n]+[.!?;]?")


def understand(draft: ev.ComplaintFiled) -> None:
    """Records the description's language and, when the client gave no category, the
    classifier's suggestion with its confidence and evidence (OTHER and flagged for a
    person when it is unsure)."""
    draft.language = language.detect(draft.description).code
    if draft.category:
        return
    suggestion = category.suggest(draft.description)
    draft.category, draft.category_suggested = suggestion.category, True
    draft.category_confidence = suggestion.confidence
    draft.category_evidence[:] = suggestion.evidence
    draft.category_needs_review = suggestion.needs_review


def publicity_intent(text: str, language_code: str) -> ev.PublicityIntentStated | None:
    found = intent.stated_intent(text)
    if found is None:
        return None
    return ev.PublicityIntentStated(where=found.where, confidence=found.confidence, evidence=found.evidence,
                                    language=language_code, excerpt=excerpt(text, found.evidence))


def excerpt(text: str, evidence: tuple[str, ...], limit: int = 300) -> str:
    """The sentence that holds the strongest evidence (or the text's start)."""
    sentences = [s.strip() for s in SENTENCE.findall(text) if s.strip()]
    for word in evidence:
        for sentence in sentences:
            if word in sentence:
                return sentence[:limit]
    return text.strip()[:limit]


def warm() -> None:
    """Trains the classifiers now (at start) rather than on the first filing."""
    category.model()
    intent.models()
    language.model()
