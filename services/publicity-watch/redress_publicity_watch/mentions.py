"""A mention: one stream per public post about an organisation. A sighting of the same post
again changes nothing; new content is an edit; a post that is gone is a deletion; a copy
(near-identical text by the same author elsewhere) is noted on the original. The text
module's reading (language, sentiment, a stated intent) and what matching found arrive in
the command."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from google.protobuf.message import Message

from redress.events.v1 import publicity_pb2 as pev
from redress.kernel.rejections import Invalid, NotFound
from redress.publicitywatch.v1.commands_pb2 import PublicityWatchCommand

LIMITS = {"url": 2000, "guid": 500, "source_name": 200, "author": 200, "author_handle": 100}
TEXT_LIMIT = 50_000


@dataclass(frozen=True)
class Mention:
    reported: pev.MentionReported
    content: pev.MentionContent
    language: str
    sentiment: str
    first_seen_at: datetime
    updated_at: datetime
    deleted: bool = False
    edits: int = 0
    sentiment_confidence: float = 0.0
    match: pev.MentionMatched | None = None
    copies: tuple[str, ...] = ()
    # The stream's version: set by the kernel after each event, never by the domain.
    version: int = 0

    @property
    def mention_id(self) -> str:
        return self.reported.mention_id

    @property
    def organisation(self) -> str:
        return self.reported.organisation


def check_sighting(r: pev.MentionReported, deleted: bool) -> None:
    """A sighting a connector may report; refused with the field at fault."""
    if r.source not in pev.SourceKind.values() or not r.source:
        raise Invalid("source is required: one of the SourceKind values", "source")
    if not r.url.strip() and not r.guid.strip():
        raise Invalid("url or guid is required: they tell one post from another", "url")
    for name, limit in LIMITS.items():
        if len(getattr(r, name)) > limit:
            raise Invalid(f"{name} is longer than {limit} characters", name)
    if len(r.content.text) + len(r.content.title) > TEXT_LIMIT:
        raise Invalid(f"content is longer than {TEXT_LIMIT} characters", "content")
    if not deleted and not (r.content.text.strip() or r.content.title.strip()):
        raise Invalid("content.text is required", "content.text")
    if r.content.rating < 0 or r.content.rating > (r.content.rating_out_of or 5):
        raise Invalid("content.rating must be between 0 and rating_out_of (5 when unset)", "content.rating")
    if r.reach < 0:
        raise Invalid("reach must not be negative", "reach")


def report(state: Mention | None, command: PublicityWatchCommand, now: datetime) -> list[Message]:
    sighting = command.report
    check_sighting(sighting, command.deleted)
    matched = [command.match] if command.HasField("match") else []
    if state is None:
        if command.deleted:
            raise NotFound(f"there is no mention {sighting.mention_id} to delete", "url")
        return [sighting, *matched]
    if command.deleted:
        return [] if state.deleted else [pev.MentionDeleted(mention_id=state.mention_id, reason="gone at the source")]
    copy = _copy(state, sighting) if command.copy else []
    if sighting.content == state.content and not state.deleted:  # seen again after it was gone: it is back
        rematched = matched and matched[0] != state.match and (matched[0].candidates or state.match)
        return [*copy, *(matched if rematched else [])]
    edited = pev.MentionEdited(mention_id=state.mention_id, content=sighting.content, language=sighting.language,
                               sentiment=sighting.sentiment, sentiment_confidence=sighting.sentiment_confidence)
    return [*copy, edited, *matched]


def _copy(state: Mention, sighting: pev.MentionReported) -> list[Message]:
    if sighting.url in state.copies or sighting.url == state.reported.url:
        return []
    return [pev.MentionCopySeen(mention_id=state.mention_id, url=sighting.url, guid=sighting.guid)]


def apply(state: Mention | None, event: Message, at: datetime) -> Mention:
    if isinstance(event, pev.MentionReported):
        return Mention(event, event.content, event.language, event.sentiment, at, at,
                       sentiment_confidence=event.sentiment_confidence)
    if state is None:
        raise ValueError(f"{type(event).__name__} before MentionReported")
    if isinstance(event, pev.MentionEdited):
        return replace(state, content=event.content, language=event.language or state.language, deleted=False,
                       sentiment=event.sentiment or state.sentiment, edits=state.edits + 1, updated_at=at,
                       sentiment_confidence=event.sentiment_confidence or state.sentiment_confidence)
    if isinstance(event, pev.MentionDeleted):
        return replace(state, deleted=True, updated_at=at)
    if isinstance(event, pev.MentionMatched):
        return replace(state, match=event)
    if isinstance(event, pev.MentionCopySeen):
        return replace(state, copies=(*state.copies, event.url), updated_at=at)
    raise ValueError(f"{type(event).__name__} is not an event of a mention")


EVENTS = (pev.MentionReported, pev.MentionEdited, pev.MentionDeleted, pev.MentionMatched, pev.MentionCopySeen)
