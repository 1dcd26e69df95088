"""Which complaint a public post is about: evidence against each candidate complaint, a
confidence, and what to do with the best (link it, queue it for a person, or nothing).

Pure: the candidates come from the read model's indexes (identity and reference lookups,
and the organisation's recent complaints for similar text); the text module folds words."""
from __future__ import annotations

import re
from dataclasses import dataclass

from redress.events.v1 import publicity_pb2 as pev
from redress.text.folding import normalise
from redress.text.references import complaint_references, mentions
from redress_publicity_watch.story import ComplaintStory

WEIGHTS = {"complaint_reference": 0.95, "email": 0.85, "handle": 0.8, "phone": 0.8, "order_reference": 0.7,
           "name": 0.4, "store": 0.15}
SIMILAR_MAX = 0.6  # similar words alone never link: they can only add to other evidence
SHARED_AT_LEAST = 3
AMBIGUOUS = 0.1  # two candidates this close: a person decides
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
HANDLE = re.compile(r"(?<![\w@])@(\w{2,30})")
WORD = re.compile(r"\w{4,}")


@dataclass(frozen=True)
class Thresholds:
    auto: float = 0.8
    review: float = 0.3


@dataclass(frozen=True)
class Post:
    """What matching reads of a mention."""
    author: str
    handle: str
    text: str


def identities(post: Post) -> dict[str, set[str]]:
    """The keys to look a post's author and complaint up by, folded as the index folds them."""
    return {
        "handle": {h for h in {fold_handle(post.handle), *(fold_handle(h) for h in HANDLE.findall(post.text))} if h},
        "email": {e.casefold() for e in EMAIL.findall(post.text)},
        "phone": {p for p in (fold_phone(m) for m in re.findall(r"\+?\d[\d ()-]{7,}\d", post.text)) if p},
        "name": {fold_name(post.author)} - {""},
        "reference": set(complaint_references(post.text)),
    }


def story_identities(story: ComplaintStory) -> dict[str, set[str]]:
    return {
        "handle": {fold_handle(c.social_handle) for c in story.contacts} - {""},
        "email": {c.email.strip().casefold() for c in story.contacts} - {""},
        "phone": {fold_phone(c.phone) for c in story.contacts} - {""},
        "name": {fold_name(c.name) for c in story.contacts} - {""},
        "reference": {story.reference} - {""},
    }


def fold_handle(handle: str) -> str:
    return handle.strip().lstrip("@").casefold()


def fold_phone(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return digits[-9:] if len(digits) >= 8 else ""  # the subscriber's number, whatever the prefix


def fold_name(name: str) -> str:
    return " ".join(normalise(name).split()) if len(name.split()) >= 2 else ""


def words(text: str) -> set[str]:
    return set(WORD.findall(normalise(text)))


def similarity(a: set[str], b: set[str]) -> float:
    """How much of the shorter text's vocabulary the other shares (0 to 1); fewer than three
    words in common is no likeness ("customer service" is in every other complaint)."""
    shared = len(a & b)
    return shared / min(len(a), len(b)) if shared >= SHARED_AT_LEAST else 0.0


def evidence(post: Post, story: ComplaintStory) -> list[pev.LinkEvidence]:
    found: list[pev.LinkEvidence] = []
    mine, theirs = identities(post), story_identities(story)
    for kind in ("handle", "email", "phone", "name"):
        for value in sorted(mine[kind] & theirs[kind]):
            found.append(pev.LinkEvidence(kind=kind, detail=_as_given(story, kind, value), weight=WEIGHTS[kind]))
    if story.reference and story.reference in mine["reference"]:
        found.append(pev.LinkEvidence(kind="complaint_reference", detail=story.reference,
                                      weight=WEIGHTS["complaint_reference"]))
    if story.order_reference and mentions(post.text, story.order_reference):
        found.append(pev.LinkEvidence(kind="order_reference", detail=story.order_reference,
                                      weight=WEIGHTS["order_reference"]))
    if story.store and len(story.store) >= 4 and normalise(story.store) in normalise(post.text):
        found.append(pev.LinkEvidence(kind="store", detail=story.store, weight=WEIGHTS["store"]))
    alike = similarity(words(post.text), words(" ".join(story.texts)))
    if alike >= 0.2:
        found.append(pev.LinkEvidence(kind="similar_text", detail=f"{alike:.2f} of the words shared",
                                      weight=round(min(SIMILAR_MAX, alike), 3)))
    return found


def _as_given(story: ComplaintStory, kind: str, folded: str) -> str:
    """The value as the customer gave it (a name with its accents), not as it was folded."""
    fields = {"handle": ("social_handle", fold_handle), "email": ("email", lambda v: v.strip().casefold()),
              "phone": ("phone", fold_phone), "name": ("name", fold_name)}
    field, fold = fields[kind]
    return next((getattr(c, field) for c in story.contacts if fold(getattr(c, field)) == folded), folded)


def confidence(found: list[pev.LinkEvidence]) -> float:
    doubt = 1.0
    for e in found:
        doubt *= 1 - e.weight
    return round(1 - doubt, 4)


def match(mention_id: str, post: Post, stories: list[ComplaintStory], limits: Thresholds,
          top: int = 5) -> pev.MentionMatched:
    """The candidates, best first, and the outcome: auto_link only when the best is above the
    threshold and no other candidate comes close."""
    candidates = []
    for story in stories:
        found = evidence(post, story)
        if found:
            candidates.append(pev.LinkCandidate(complaint_id=story.complaint_id, customer_id=story.customer_id,
                                                confidence=confidence(found), evidence=found))
    candidates.sort(key=lambda c: (-c.confidence, c.complaint_id))
    candidates = [c for c in candidates[:top] if c.confidence >= limits.review / 2]
    return pev.MentionMatched(mention_id=mention_id, candidates=candidates, threshold=limits.auto,
                              outcome=_outcome(candidates, limits))


def _outcome(candidates: list[pev.LinkCandidate], limits: Thresholds) -> str:
    if not candidates or candidates[0].confidence < limits.review:
        return "none"
    close = len(candidates) > 1 and candidates[0].confidence - candidates[1].confidence < AMBIGUOUS
    return "auto_link" if candidates[0].confidence >= limits.auto and not close else "review"
