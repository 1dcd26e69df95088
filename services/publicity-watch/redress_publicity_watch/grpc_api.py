"""The PublicityWatchService gRPC adapter."""
from __future__ import annotations

from redress.events.v1 import publicity_pb2 as pev
from redress.kernel.auth import Credentials
from redress.kernel.rejections import Invalid
from redress.kernel.rpc import Authenticated, Caller, unary
from redress.kernel.store import micros
from redress.kernel.tokens import instant, page, timestamp
from redress.publicitywatch.v1 import publicity_watch_service_pb2 as api
from redress.publicitywatch.v1 import publicity_watch_service_pb2_grpc as api_grpc
from redress_publicity_watch.application import PublicityWatch
from redress_publicity_watch.domain import Mention
from redress_publicity_watch.projection import MentionFilter, published

READ, WRITE = "complaints:read", "complaints:write"
SENTIMENTS = ("negative", "neutral", "positive")


def mention_message(m: Mention) -> api.Mention:
    r = m.reported
    message = api.Mention(
        mention_id=m.mention_id, organisation=m.organisation, source=r.source, source_name=r.source_name, url=r.url,
        guid=r.guid, author=r.author, author_handle=r.author_handle, content=m.content, reach=r.reach,
        language=m.language, stated_intent=r.stated_intent, deleted=m.deleted, edits=m.edits,
        sentiment=m.sentiment, sentiment_confidence=m.sentiment_confidence,
        first_seen_at=timestamp(m.first_seen_at), updated_at=timestamp(m.updated_at))
    if r.HasField("published_at"):
        message.published_at.CopyFrom(r.published_at)
    return message


class PublicityWatchServicer(Authenticated, api_grpc.PublicityWatchServiceServicer):
    def __init__(self, watch: PublicityWatch, credentials: Credentials):
        super().__init__(credentials)
        self.watch = watch

    @unary(WRITE)
    async def ReportMention(self, request: api.ReportMentionRequest, caller: Caller):
        sighting = pev.MentionReported(
            source=request.source, source_name=request.source_name, url=request.url, guid=request.guid,
            author=request.author, author_handle=request.author_handle, content=request.content,
            reach=request.reach)
        if request.HasField("published_at"):
            sighting.published_at.CopyFrom(timestamp(instant(request.published_at, "published_at")))
        mention, outcome = await self.watch.report(caller, sighting, request.request_id, request.deleted)
        return api.ReportMentionResponse(mention=mention_message(mention), outcome=outcome)

    @unary(READ)
    async def GetMention(self, request: api.GetMentionRequest, caller: Caller):
        return mention_message(await self.watch.get(caller, request.mention_id))

    @unary(READ)
    async def ListMentions(self, request: api.ListMentionsRequest, caller: Caller):
        if request.source not in pev.SourceKind.values():
            raise Invalid(f"source has no value {request.source}", "source")
        since = micros(instant(request.published_from, "published_from")) if request.HasField("published_from") else 0
        until = (micros(instant(request.published_before, "published_before"))
                 if request.HasField("published_before") else 0)
        if request.sentiment not in ("", *SENTIMENTS):
            raise Invalid(f"sentiment must be one of {', '.join(SENTIMENTS)}, not {request.sentiment!r}", "sentiment")
        where = MentionFilter(request.source, since, until, request.include_deleted, request.sentiment)
        await self.watch.log.caught_up()
        book, org = self.watch.book, caller.principal.organisation
        found, token = page(lambda after, n: book.list(org, where, after, n), lambda m: (published(m), m.mention_id),
                            where, request.page_size, request.page_token)
        return api.ListMentionsResponse(mentions=[mention_message(m) for m in found], next_page_token=token)
