"""Publicity-watch's use cases, wired to the log: a connector's sighting of a post becomes a
command on the post's own stream (its id from its guid or address, or the original's for a
copy), with what matching found; links and public escalations are commands on the
complaint's story, decided by that stream's single writer."""
from __future__ import annotations

import asyncio
import uuid
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import structlog

from redress.events.v1 import publicity_pb2 as pev
from redress.kernel.eventlog import ensure_topics
from redress.kernel.rejections import Invalid, NotFound, Rejected
from redress.kernel.rpc import Caller, service_caller
from redress.kernel.servicelog import ServiceLog
from redress.kernel.settings import ServiceSettings
from redress.publicitywatch.v1.commands_pb2 import PublicityWatchCommand
from redress.text import intent, language, sentiment
from redress_publicity_watch import linking
from redress_publicity_watch.connectors import ConnectorTopic
from redress_publicity_watch.feeds import Feed, FeedWatcher, load_feeds
from redress_publicity_watch.mentions import Mention, check_sighting
from redress_publicity_watch.projection import MentionBook
from redress_publicity_watch.radar_view import RadarView
from redress_publicity_watch.settings import link_thresholds
from redress_publicity_watch.story import ComplaintStory, PublicEscalation
from redress_publicity_watch.topics import connector_topics

log = structlog.get_logger(__name__)
MENTION = uuid.UUID("5b0d2c4e-7a61-4f39-9e2d-8c3f1a6b7d20")
TRACKING = ("utm_", "fbclid", "gclid", "mc_", "ref")
COPY = 0.9  # words shared with an earlier post by the same author: the same post
AUTO = "auto"


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


def text_of(content: pev.MentionContent) -> str:
    return f"{content.title}\n{content.text}".strip()


def read(sighting: pev.MentionReported) -> None:
    """What the platform's text module reads in the post: its language, sentiment, a stated intent."""
    text = text_of(sighting.content)
    sighting.language = language.detect(text).code
    stated = intent.stated_intent(text)
    sighting.stated_intent = stated.where if stated else ""
    felt = sentiment.feeling(text)
    sighting.sentiment, sighting.sentiment_confidence = felt.label, felt.confidence


def post_of(sighting: pev.MentionReported) -> linking.Post:
    return linking.Post(sighting.author, sighting.author_handle, text_of(sighting.content))


class PublicityWatch:
    def __init__(self, log: ServiceLog, book: MentionBook, settings: ServiceSettings):
        self.log = log
        self.book = book
        self.settings = settings
        self.thresholds = link_thresholds(settings)
        self.radar = RadarView(log.bootstrap, log.kafka)
        self.connectors = ConnectorTopic(self, log)
        self.watcher: FeedWatcher | None = None
        self._tasks: list[asyncio.Task] = []
        self._refused_links: set[str] = set()

    async def start(self) -> None:
        await asyncio.to_thread(_warm)  # the text models, from their cache or trained once
        await ensure_topics(self.log.bootstrap, connector_topics(self.log.kafka))
        await self.radar.start()
        await self.connectors.start()
        self._run(self.radar.run(), "risk-radar-view")
        self._run(self.connectors.run(), "connector-topic")
        self._run(self._watch_links(), "link-watch")
        if self.settings.publicity_feeds_file:
            feeds = load_feeds(self.settings.publicity_feeds_file)
            self.watcher = FeedWatcher(feeds, self._fed, self.settings.state_dir / "publicity-feeds.json",
                                       every_s=self.settings.feed_poll_s, active=lambda f: self.log.owns(f.id))
            self._run(self.watcher.run(), "feeds")

    def _run(self, work, name: str) -> None:
        task = asyncio.create_task(work, name=name)
        self._tasks.append(task)
        self.log.supervise(task)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.connectors.stop()
        await self.radar.stop()

    # -- mentions -----------------------------------------------------------------------------

    async def _fed(self, feed: Feed, sighting: pev.MentionReported) -> None:
        """A feed's new or edited entry, reported for the feed's organisation (in a task of
        its own: a command timeout of its own)."""
        await asyncio.create_task(self.report(service_caller(f"feed:{feed.id}", feed.organisation), sighting, "", False))

    async def report(self, caller: Caller, sighting: pev.MentionReported, request_id: str,
                     deleted: bool) -> tuple[Mention, str]:
        check_sighting(sighting, deleted)
        org = sighting.organisation = caller.principal.organisation
        sighting.mention_id = mention_id_for(org, sighting)
        sighting.reported_via = sighting.reported_via or "grpc"
        await self.log.caught_up(sighting.mention_id)
        before = self.book.get(org, sighting.mention_id)
        original = None if before or deleted else self._copy_of(org, sighting)
        command = self.log.command(PublicityWatchCommand, caller, request_id, (original or sighting).mention_id)
        if original is not None:
            sighting.mention_id, before, command.copy = original.mention_id, original, True
        if not deleted:
            await asyncio.to_thread(read, sighting)
            if before is None or before.content != sighting.content or not self.book.linked(before.mention_id):
                command.match.CopyFrom(self._match(org, sighting))  # a complaint filed since may match it
        command.report.CopyFrom(sighting)
        command.deleted = deleted
        reply = await self.log.send(command)
        after = self.book.streams.as_of(sighting.mention_id, reply.version)
        outcome = "copy" if original else _outcome(before, after)
        complaint_id = self.book.linked(after.mention_id)
        if after.match and after.match.outcome == "auto_link" and not complaint_id:
            await self._link_automatically(after)
        elif outcome == "edited" and complaint_id:
            await self._note_edit(caller, after, complaint_id)
        return self.book.get(org, after.mention_id) or after, outcome

    async def _note_edit(self, caller: Caller, mention: Mention, complaint_id: str) -> None:
        """The complaint's story hears of the edit (once per edit: the request id names it)."""
        edited = pev.MentionLinked(
            complaint_id=complaint_id, mention_id=mention.mention_id, url=mention.reported.url,
            sentiment=mention.sentiment, rating=mention.content.rating,
            rating_out_of=mention.content.rating_out_of or 5, reason=text_of(mention.content)[:300])
        command = self.log.command(PublicityWatchCommand, caller, f"edit:{mention.mention_id}:{mention.edits}",
                                   complaint_id)
        command.note_edit.CopyFrom(edited)
        await self.log.caught_up(complaint_id)
        await self.log.send(command)

    def _copy_of(self, org: str, sighting: pev.MentionReported) -> Mention | None:
        """An earlier post by the same author with (nearly) the same words: the same post."""
        mine = linking.words(text_of(sighting.content))
        if len(mine) < 5:
            return None
        for earlier in self.book.by_author(org, sighting.author, sighting.author_handle):
            if earlier.deleted:
                continue
            theirs = linking.words(text_of(earlier.content))
            if len(theirs) >= 5 and len(mine & theirs) / len(mine | theirs) >= COPY:
                return earlier
        return None

    def _match(self, org: str, sighting: pev.MentionReported) -> pev.MentionMatched:
        post = post_of(sighting)
        ruled_out = self.book.unlinked_from(sighting.mention_id)
        stories = [s for s in self.book.candidates(org, linking.identities(post)) if s.complaint_id not in ruled_out]
        return linking.match(sighting.mention_id, post, stories, self.thresholds(org))

    async def get(self, caller: Caller, mention_id: str) -> Mention:
        _check_id("mention_id", mention_id)
        await self.log.caught_up(mention_id)
        mention = self.book.get(caller.principal.organisation, mention_id)
        if mention is None:
            raise NotFound(f"there is no mention {mention_id}", "mention_id")
        return mention

    # -- links --------------------------------------------------------------------------------

    async def _link_automatically(self, mention: Mention) -> None:
        best = mention.match.candidates[0]
        caller = service_caller("matching", mention.organisation)
        try:
            await self._link(caller, mention, best.complaint_id, f"link:{mention.mention_id}", AUTO,
                             best.confidence, list(best.evidence), "matched above the threshold")
        except Rejected as refused:  # a person decides: it is listed with its candidates
            self._refused_links.add(mention.mention_id)
            log.warning("automatic link refused", mention_id=mention.mention_id, reason=str(refused))

    async def link(self, caller: Caller, mention_id: str, complaint_id: str, reason: str,
                   request_id: str) -> Mention:
        mention = await self.get(caller, mention_id)
        _check_id("complaint_id", complaint_id)
        current = self.book.linked(mention_id)
        if current == complaint_id:
            return mention
        if current:
            raise Rejected(f"mention {mention_id} is linked to complaint {current}; unlink it first", "mention_id")
        candidate = next((c for c in mention.match.candidates if c.complaint_id == complaint_id), None) \
            if mention.match else None
        evidence = list(candidate.evidence) if candidate else []
        await self._link(caller, mention, complaint_id, request_id, caller.actor, candidate.confidence
                         if candidate else 0.0, evidence, reason)
        return await self.get(caller, mention_id)

    async def _link(self, caller: Caller, mention: Mention, complaint_id: str, request_id: str, by: str,
                    confidence: float, evidence: list, reason: str) -> None:
        r = mention.reported
        linked = pev.MentionLinked(
            complaint_id=complaint_id, mention_id=mention.mention_id, confidence=confidence, evidence=evidence,
            linked_by=by, reason=reason, source=r.source, url=r.url, author=r.author,
            author_handle=r.author_handle, sentiment=mention.sentiment, reach=r.reach, language=mention.language,
            rating=mention.content.rating, rating_out_of=mention.content.rating_out_of or 5)
        if r.HasField("published_at"):
            linked.published_at.CopyFrom(r.published_at)
        command = self.log.command(PublicityWatchCommand, caller, request_id, complaint_id)
        command.link.CopyFrom(linked)
        await self.log.caught_up(complaint_id)
        await self.log.send(command)

    async def unlink(self, caller: Caller, mention_id: str, reason: str, request_id: str) -> Mention:
        await self.get(caller, mention_id)
        complaint_id = self.book.linked(mention_id)
        if not complaint_id:
            raise Rejected(f"mention {mention_id} is not linked to any complaint", "mention_id")
        command = self.log.command(PublicityWatchCommand, caller, request_id, complaint_id)
        command.unlink.CopyFrom(pev.MentionUnlinked(complaint_id=complaint_id, mention_id=mention_id,
                                                    unlinked_by=caller.actor, reason=reason))
        await self.log.send(command)
        return await self.get(caller, mention_id)

    async def _watch_links(self) -> None:
        """Links, on this replica's partitions, the mentions matching said to link whose
        link a dead replica never wrote (the request id makes a repeat harmless)."""
        while True:
            await asyncio.sleep(self.settings.clock_tick_s * 5)
            for mention in self.book.awaiting_link():
                if self.log.owns(mention.mention_id) and mention.mention_id not in self._refused_links:
                    try:
                        await asyncio.create_task(self._link_automatically(mention))
                    except Exception:  # the broker or the owner is away: next time round
                        log.warning("automatic link failed; retried later", mention_id=mention.mention_id,
                                    exc_info=True)

    # -- public escalations -------------------------------------------------------------------

    def escalation(self, caller: Caller, mention_id: str) -> tuple[ComplaintStory, PublicEscalation]:
        _check_id("mention_id", mention_id)
        found = self.book.escalation_of(caller.principal.organisation, mention_id)
        if found is None:
            raise NotFound(f"there is no public escalation for mention {mention_id}", "mention_id")
        return found

    async def act(self, caller: Caller, mention_id: str, action: str, payload, request_id: str,
                  override_reason: str = "") -> tuple[ComplaintStory, PublicEscalation]:
        story, _ = self.escalation(caller, mention_id)
        payload.mention_id = mention_id
        if action == "draft_response" and payload.text.strip():
            detected = await asyncio.to_thread(language.detect, payload.text)
            payload.language = detected.code if detected.reliable and len(payload.text) >= 40 else ""
        command = self.log.command(PublicityWatchCommand, caller, request_id, story.complaint_id)
        getattr(command, action).CopyFrom(payload)
        command.conduct_override_reason = override_reason
        await self.log.send(command)
        return self.escalation(caller, mention_id)

    async def gone_public(self, caller: Caller) -> list[PublicEscalation]:
        await self.log.caught_up()
        return self.book.all_escalations(caller.principal.organisation)


def _check_id(name: str, value: str) -> None:
    if not value or len(value) > 64:
        raise Invalid(f"{name} is required (at most 64 characters)", name)


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

