"""The PublicityWatchService gRPC adapter."""
from __future__ import annotations

import asyncio
import statistics
from datetime import datetime, timezone

from google.protobuf.timestamp_pb2 import Timestamp

from redress.events.v1 import publicity_pb2 as pev
from redress.kernel.auth import Credentials
from redress.kernel.envelope import Envelope
from redress.kernel.rejections import Exhausted, Invalid
from redress.kernel.rpc import Authenticated, Caller, streaming, unary
from redress.kernel.store import micros
from redress.kernel.tokens import instant, page, timestamp
from redress.publicitywatch.v1 import publicity_watch_service_pb2 as api
from redress.publicitywatch.v1 import publicity_watch_service_pb2_grpc as api_grpc
from redress_publicity_watch.application import PublicityWatch
from redress_publicity_watch.mentions import Mention
from redress_publicity_watch.projection import LINKED, MentionFilter, escalation_key, published
from redress_publicity_watch.story import OPEN, RESOLVED, WITHOUT_AGREEMENT, ComplaintStory, PublicEscalation

READ, WRITE = "complaints:read", "complaints:write"
SENTIMENTS = ("negative", "neutral", "positive")
WATCH_BACKLOG = 1000  # changes a WatchMentions caller may be behind before it is cut off
STATUSES = ("open", "drafted", "approved", "published", "resolved", "closed")
CHANGES = {pev.MentionReported: "reported", pev.MentionEdited: "edited", pev.MentionDeleted: "deleted",
           pev.MentionCopySeen: "copy", pev.MentionMatched: "matched", pev.MentionLinked: "linked",
           pev.MentionUnlinked: "unlinked"}


def mention_message(m: Mention, complaint_id: str = "") -> api.Mention:
    r = m.reported
    message = api.Mention(
        mention_id=m.mention_id, organisation=m.organisation, source=r.source, source_name=r.source_name, url=r.url,
        guid=r.guid, author=r.author, author_handle=r.author_handle, content=m.content, reach=r.reach,
        language=m.language, stated_intent=r.stated_intent, deleted=m.deleted, edits=m.edits,
        sentiment=m.sentiment, sentiment_confidence=m.sentiment_confidence, complaint_id=complaint_id,
        copies=m.copies, first_seen_at=timestamp(m.first_seen_at), updated_at=timestamp(m.updated_at))
    if r.HasField("published_at"):
        message.published_at.CopyFrom(r.published_at)
    if m.match:
        message.match.CopyFrom(m.match)
    return message


def escalation_message(story: ComplaintStory, e: PublicEscalation) -> api.PublicEscalation:
    message = api.PublicEscalation(
        complaint_id=story.complaint_id, mention_id=e.mention_id, status=e.status, opened=e.opened,
        opened_at=timestamp(e.opened_at), approved_by=e.approved_by, follow_ups=e.follow_ups, outcome=e.outcome,
        updated_at=timestamp(e.updated_at))
    if e.draft:
        message.draft.CopyFrom(e.draft)
    if e.published:
        message.published.CopyFrom(e.published)
    return message


def report(escalations: list[PublicEscalation]) -> api.PublicityReport:
    hours = sorted((e.published.published_at.ToDatetime() - e.opened.went_public_at.ToDatetime()).total_seconds()
                   / 3600 for e in escalations if e.published)
    before = [e.opened.case_outcome for e in escalations]
    return api.PublicityReport(
        escalations=len(escalations), responded=len(hours),
        median_hours_to_response=statistics.median(hours) if hours else 0.0,
        p90_hours_to_response=hours[min(len(hours) - 1, int(0.9 * len(hours)))] if hours else 0.0,
        after_never_resolved=before.count(OPEN), after_resolved_without_agreement=before.count(WITHOUT_AGREEMENT),
        after_resolved=before.count(RESOLVED), resolved_publicly=sum(e.status == "resolved" for e in escalations),
        retracted=sum(e.outcome == "retracted" for e in escalations),
        open=sum(not e.finished for e in escalations))


class PublicityWatchServicer(Authenticated, api_grpc.PublicityWatchServiceServicer):
    def __init__(self, watch: PublicityWatch, credentials: Credentials):
        super().__init__(credentials)
        self.watch = watch

    def _mention(self, m: Mention) -> api.Mention:
        return mention_message(m, self.watch.book.linked(m.mention_id))

    # -- mentions -----------------------------------------------------------------------------

    @unary(WRITE)
    async def ReportMention(self, request: api.ReportMentionRequest, caller: Caller):
        sighting = pev.MentionReported(
            source=request.source, source_name=request.source_name, url=request.url, guid=request.guid,
            author=request.author, author_handle=request.author_handle, content=request.content,
            reach=request.reach)
        if request.HasField("published_at"):
            sighting.published_at.CopyFrom(timestamp(instant(request.published_at, "published_at")))
        mention, outcome = await self.watch.report(caller, sighting, request.request_id, request.deleted)
        return api.ReportMentionResponse(mention=self._mention(mention), outcome=outcome)

    @unary(READ)
    async def GetMention(self, request: api.GetMentionRequest, caller: Caller):
        return self._mention(await self.watch.get(caller, request.mention_id))

    @unary(READ)
    async def ListMentions(self, request: api.ListMentionsRequest, caller: Caller):
        if request.source not in pev.SourceKind.values():
            raise Invalid(f"source has no value {request.source}", "source")
        since = micros(instant(request.published_from, "published_from")) if request.HasField("published_from") else 0
        until = (micros(instant(request.published_before, "published_before"))
                 if request.HasField("published_before") else 0)
        if request.sentiment not in ("", *SENTIMENTS):
            raise Invalid(f"sentiment must be one of {', '.join(SENTIMENTS)}, not {request.sentiment!r}", "sentiment")
        if request.linked not in ("", *LINKED):
            raise Invalid(f"linked must be one of {', '.join(LINKED)}, not {request.linked!r}", "linked")
        where = MentionFilter(request.source, since, until, request.include_deleted, request.sentiment,
                              request.linked)
        await self.watch.log.caught_up()
        book, org = self.watch.book, caller.principal.organisation
        found, token = page(lambda after, n: book.list(org, where, after, n), lambda m: (published(m), m.mention_id),
                            where, request.page_size, request.page_token)
        return api.ListMentionsResponse(mentions=[self._mention(m) for m in found], next_page_token=token)

    @streaming(READ)
    async def WatchMentions(self, request: api.WatchMentionsRequest, caller: Caller, context):
        org = caller.principal.organisation
        queue: asyncio.Queue[Envelope | None] = asyncio.Queue(maxsize=WATCH_BACKLOG)

        def seen(env: Envelope) -> None:
            if env.organisation == org and type(env.payload) in CHANGES:
                try:
                    queue.put_nowait(env)
                except asyncio.QueueFull:  # a watcher this far behind is cut off, not waited for
                    queue.get_nowait()
                    queue.put_nowait(None)
        unwatch = self.watch.book.watch(seen)
        try:
            await context.send_initial_metadata((("x-redress-watching", "mentions"),))
            while True:
                env = await queue.get()
                if env is None:
                    raise Exhausted(f"this watcher fell {WATCH_BACKLOG} changes behind; watch again, and list "
                                    "what was missed with ListMentions", "")
                mention = self.watch.book.get(org, getattr(env.payload, "mention_id", "") or env.subject)
                if mention is not None:
                    yield api.MentionChange(change=CHANGES[type(env.payload)], mention=self._mention(mention))
        finally:
            unwatch()

    # -- links --------------------------------------------------------------------------------

    @unary(WRITE)
    async def LinkMention(self, request: api.LinkMentionRequest, caller: Caller):
        if not request.reason.strip():
            raise Invalid("reason is required: say why this mention is about the complaint", "reason")
        return self._mention(await self.watch.link(caller, request.mention_id, request.complaint_id, request.reason,
                                                   request.request_id))

    @unary(WRITE)
    async def UnlinkMention(self, request: api.UnlinkMentionRequest, caller: Caller):
        if not request.reason.strip():
            raise Invalid("reason is required: say why the mention is not about the complaint", "reason")
        return self._mention(await self.watch.unlink(caller, request.mention_id, request.reason, request.request_id))

    # -- public escalations -------------------------------------------------------------------

    @unary(READ)
    async def ListPublicEscalations(self, request: api.ListPublicEscalationsRequest, caller: Caller):
        if request.status not in ("", *STATUSES):
            raise Invalid(f"status must be one of {', '.join(STATUSES)}, not {request.status!r}", "status")
        await self.watch.log.caught_up()
        book, org = self.watch.book, caller.principal.organisation
        found, token = page(lambda after, n: book.escalations(org, request.status, after, n),
                            lambda pair: (micros(pair[1].opened_at), escalation_key(pair[1].mention_id,
                                                                                     pair[0].complaint_id)),
                            request.status, request.page_size, request.page_token)
        return api.ListPublicEscalationsResponse(escalations=[escalation_message(s, e) for s, e in found],
                                                 next_page_token=token)

    @unary(READ)
    async def GetPublicEscalation(self, request: api.GetPublicEscalationRequest, caller: Caller):
        await self.watch.log.caught_up()
        return escalation_message(*self.watch.escalation(caller, request.mention_id))

    async def _act(self, caller: Caller, request, action: str, payload, override: str = ""):
        found = await self.watch.act(caller, request.mention_id, action, payload, request.request_id, override)
        return escalation_message(*found)

    @unary(WRITE)
    async def DraftPublicResponse(self, request: api.DraftPublicResponseRequest, caller: Caller):
        return await self._act(caller, request, "draft_response", pev.PublicResponseDrafted(text=request.text),
                               request.conduct_override_reason)

    @unary(WRITE)
    async def ApprovePublicResponse(self, request: api.ApprovePublicResponseRequest, caller: Caller):
        return await self._act(caller, request, "approve_response", pev.PublicResponseApproved())

    @unary(WRITE)
    async def RecordPublicResponse(self, request: api.RecordPublicResponseRequest, caller: Caller):
        published = pev.PublicResponsePublished(url=request.url)
        if request.HasField("published_at"):
            published.published_at.CopyFrom(timestamp(instant(request.published_at, "published_at")))
        return await self._act(caller, request, "record_publication", published)

    @unary(WRITE)
    async def RecordFollowUp(self, request: api.RecordFollowUpRequest, caller: Caller):
        return await self._act(caller, request, "record_follow_up",
                               pev.AuthorFollowedUp(text=request.text, url=request.url))

    @unary(WRITE)
    async def ResolvePublicly(self, request: api.ResolvePubliclyRequest, caller: Caller):
        return await self._act(caller, request, "resolve_publicly",
                               pev.PublicEscalationResolved(how=request.how, detail=request.detail))

    @unary(WRITE)
    async def ClosePublicEscalation(self, request: api.ClosePublicEscalationRequest, caller: Caller):
        return await self._act(caller, request, "close_escalation", pev.PublicEscalationClosed(reason=request.reason))

    @unary(READ)
    async def GetPublicityReport(self, request: api.GetPublicityReportRequest, caller: Caller):
        return report(await self.watch.gone_public(caller))

    # -- the risk radar -----------------------------------------------------------------------

    @unary(READ)
    async def GetRiskRadar(self, request: api.GetRiskRadarRequest, caller: Caller):
        if request.limit < 0 or request.limit > 200:
            raise Invalid("limit must be 0 to 200", "limit")
        org = caller.principal.organisation
        radar = api.RiskRadar()
        for s in self.watch.radar.ranked(org, request.limit or 20, request.min_score):
            entry = radar.entries.add(complaint_id=s.complaint_id, customer_id=s.customer_id, store=s.store,
                                      score=s.score, threshold=s.threshold)
            entry.factors.extend(pev.RiskFactor(name=f["name"], points=f["points"], detail=f.get("detail", ""))
                                 for f in s.factors)
            if s.as_of:
                entry.as_of.CopyFrom(_timestamp(s.as_of))
        radar.bursts.extend(self.watch.book.bursts(org))
        return radar


def _timestamp(iso: str) -> Timestamp:
    at = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return timestamp(at if at.tzinfo else at.replace(tzinfo=timezone.utc))
