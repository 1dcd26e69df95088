"""Publicity-watch's use cases, wired to the log: a connector's sighting of a post becomes
a command on the post's own stream (its id comes from its guid or its address), decided
by that stream's single writer."""
from __future__ import annotations

import asyncio
import uuid
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from redress.events.v1 import publicity_pb2 as pev
from redress.kernel.rejections import Invalid, NotFound
from redress.kernel.rpc import Caller
from redress.kernel.servicelog import ServiceLog
from redress.kernel.settings import ServiceSettings
from redress.publicitywatch.v1.commands_pb2 import PublicityWatchCommand
from redress.text import intent, language, sentiment
from redress.kernel.auth import Principal
from redress_publicity_watch.domain import Mention, check_sighting
from redress_publicity_watch.feeds import Feed, FeedWatcher, load_feeds
from redress_publicity_watch.projection import MentionBook

MENTION = uuid.UUID("5b0d2c4e-7a61-4f39-9e2d-8c3f1a6b7d20")
TRACKING = ("utm_", "fbclid", "gclid", "mc_", "ref")


def canonical_url(url: str) -> str:
    """The address that names a post, whatever tracking parameters a link carried."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(TRACKING)]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(sorted(query)), ""))


def mention_id_for(organisation: str, sighting: pev.MentionReported) -> str:
    """One post, one mention: by its guid when the source gives one, else by its address."""
    key = f"guid:{sighting.guid.strip()}" if sighting.guid.strip() else f"url:{canonical_url(sighting.url)}"
    return str(uuid.uuid5(MENTION, f"{organisation}/{key}"))


def read(sighting: pev.MentionReported) -> None:
    """What the platform's text module reads in the post: its language, a stated intent."""
    text = f"{sighting.content.title}\n{sighting.content.text}".strip()
    sighting.language = language.detect(text).code
    stated = intent.stated_intent(text)
    sighting.stated_intent = stated.where if stated else ""
    felt = sentiment.feeling(text)
    sighting.sentiment, sighting.sentiment_confidence = felt.label, felt.confidence


class PublicityWatch:
    def __init__(self, log: ServiceLog, book: MentionBook, settings: ServiceSettings):
        self.log = log
        self.book = book
        self.settings = settings
        self.watcher: FeedWatcher | None = None
        self._feeds: asyncio.Task | None = None

    async def start(self) -> None:
        await asyncio.to_thread(_warm)  # the text models, from their cache or trained once
        if self.settings.publicity_feeds_file:
            feeds = load_feeds(self.settings.publicity_feeds_file)
            self.watcher = FeedWatcher(feeds, self._fed, self.settings.state_dir / "publicity-feeds.json",
                                       every_s=self.settings.feed_poll_s, active=lambda f: self.log.owns(f.id))
            self._feeds = asyncio.create_task(self.watcher.run(), name="feeds")
            self.log.supervise(self._feeds)

    async def stop(self) -> None:
        if self._feeds:
            self._feeds.cancel()
            await asyncio.gather(self._feeds, return_exceptions=True)

    async def _fed(self, feed: Feed, sighting: pev.MentionReported) -> None:
        """A feed's new or edited entry, reported for the feed's organisation (in a task of
        its own: a command timeout of its own)."""
        caller = Caller(Principal(f"feed:{feed.id}", feed.organisation, frozenset(), frozenset()),
                        str(uuid.uuid4()), f"feed:{feed.id}")
        await asyncio.create_task(self.report(caller, sighting, "", deleted=False))

    async def report(self, caller: Caller, sighting: pev.MentionReported, request_id: str,
                     deleted: bool) -> tuple[Mention, str]:
        check_sighting(sighting, deleted)
        sighting.organisation = caller.principal.organisation
        sighting.mention_id = mention_id_for(sighting.organisation, sighting)
        sighting.reported_via = sighting.reported_via or "grpc"
        read(sighting)
        await self.log.caught_up(sighting.mention_id)
        before = self.book.get(sighting.organisation, sighting.mention_id)
        command = self.log.command(PublicityWatchCommand, caller, request_id, sighting.mention_id)
        command.report.CopyFrom(sighting)
        command.deleted = deleted
        reply = await self.log.send(command)
        after = self.book.streams.as_of(sighting.mention_id, reply.version)
        return after, _outcome(before, after)

    async def get(self, caller: Caller, mention_id: str) -> Mention:
        if not mention_id or len(mention_id) > 64:
            raise Invalid("mention_id is required (at most 64 characters)", "mention_id")
        await self.log.caught_up(mention_id)
        mention = self.book.get(caller.principal.organisation, mention_id)
        if mention is None:
            raise NotFound(f"there is no mention {mention_id}", "mention_id")
        return mention


def _warm() -> None:
    language.model()
    intent.models()
    sentiment.model()


def _outcome(before: Mention | None, after: Mention) -> str:
    if before is None:
        return "new"
    if after.deleted and not before.deleted:
        return "deleted"
    return "edited" if after.edits > before.edits else "unchanged"
