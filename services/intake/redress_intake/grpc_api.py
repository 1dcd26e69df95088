"""The IntakeService gRPC adapter: requests in, domain calls, protobuf answers out."""
from __future__ import annotations

import asyncio
from collections import Counter

from aiokafka import AIOKafkaConsumer

from redress.kernel.auth import Credentials
from redress.kernel.envelope import Envelope, UnreadableRecord, decode_record, packed
from redress.kernel.eventlog import assign_all
from redress.events.v1 import intake_pb2 as ev
from redress.intake.v1 import intake_service_pb2 as api
from redress.intake.v1 import intake_service_pb2_grpc as api_grpc
from redress.kernel.rejections import Exhausted, Invalid
from redress.kernel.store import micros
from redress.kernel.tokens import decode_token, encode_token, instant, page, stream_offsets, timestamp
from redress.kernel.rpc import Authenticated, Caller, streaming, unary
from redress_intake import domain
from redress_intake.application import Intake
from redress_intake.projection import ComplaintFilter
from redress.kernel.kafka_auth import client_options

READ, WRITE, EVENTS = "complaints:read", "complaints:write", "events:read"
MAX_STREAMS_PER_CLIENT = 8  # each StreamEvents call holds a Kafka consumer
STATUS = {domain.OPEN: api.COMPLAINT_STATUS_OPEN, domain.WITHDRAWN: api.COMPLAINT_STATUS_WITHDRAWN}
STATUS_NAMES = {v: k for k, v in STATUS.items()}


def complaint_message(c: domain.Complaint) -> api.Complaint:
    f = c.filed
    message = api.Complaint(
        complaint_id=f.complaint_id, organisation=f.organisation, reference=c.reference,
        customer_id=f.customer_id, status=STATUS[c.status], channel=f.channel, contact=f.contact,
        description=f.description, desired_remedy=f.desired_remedy, store=f.store,
        order_reference=f.order_reference, filed_at=timestamp(c.filed_at), category=f.category,
        category_suggested=f.category_suggested, severity=f.severity,
        repeat_contact_channels=list(c.repeat_channels), withdrawn_reason=c.withdrawn_reason,
        etag=c.etag, updated_at=timestamp(c.updated_at), language=f.language,
        category_confidence=f.category_confidence, category_evidence=f.category_evidence,
        category_needs_review=f.category_needs_review, publicity_intents=c.publicity_intents,
        suggested_links=c.suggested_links)
    if f.HasField("occurred_at"):
        message.occurred_at.CopyFrom(f.occurred_at)
    return message


def event_message(env: Envelope, token: str = "") -> api.ComplaintEvent:
    payload = packed(env.payload)
    return api.ComplaintEvent(
        event_id=env.event_id, type=env.type, complaint_id=env.subject, sequence=env.sequence,
        time=timestamp(env.time), source=env.source, organisation=env.organisation, actor=env.actor,
        client_id=env.client_id, correlation_id=env.correlation_id, causation_id=env.causation_id,
        request_id=env.request_id, payload=payload, position_token=token)


class IntakeServicer(Authenticated, api_grpc.IntakeServiceServicer):
    def __init__(self, intake: Intake, credentials: Credentials):
        super().__init__(credentials)
        self.intake = intake
        self._streams: Counter[str] = Counter()

    @unary(WRITE)
    async def FileComplaint(self, request: api.FileComplaintRequest, caller: Caller):
        draft = ev.ComplaintFiled(
            channel=request.channel, contact=request.contact, description=request.description,
            desired_remedy=request.desired_remedy, store=request.store,
            order_reference=request.order_reference, category=request.category, severity=request.severity)
        if request.HasField("occurred_at"):
            draft.occurred_at.CopyFrom(request.occurred_at)
        filing = await self.intake.file(caller, draft, request.request_id)
        return api.FileComplaintResponse(
            complaint=complaint_message(filing.complaint), linked_to_existing=filing.linked_to_existing,
            other_open_complaints=[complaint_message(c) for c in filing.other_open])

    @unary(READ)
    async def GetComplaint(self, request: api.GetComplaintRequest, caller: Caller):
        complaint = await self.intake.get(caller, request.complaint_id)
        history = self.intake.book.histories[complaint.complaint_id]
        return api.GetComplaintResponse(complaint=complaint_message(complaint),
                                        history=[event_message(e) for e in history])

    @unary(READ)
    async def ListComplaints(self, request: api.ListComplaintsRequest, caller: Caller):
        where = self._filter(request)
        await self.intake.caught_up()
        org = caller.principal.organisation
        complaints, token = page(lambda after, n: self.intake.book.list(org, where, after, n),
                                 lambda c: (micros(c.filed_at), c.complaint_id), where,
                                 request.page_size, request.page_token)
        return api.ListComplaintsResponse(complaints=[complaint_message(c) for c in complaints],
                                          next_page_token=token)

    def _filter(self, request: api.ListComplaintsRequest) -> ComplaintFilter:
        for name, enum in (("channel", domain.types.Channel), ("category", domain.types.Category)):
            domain.check_enum(name, getattr(request, name), enum)
        if request.status not in api.ComplaintStatus.values():
            raise Invalid(f"status has no value {request.status}", "status")
        for name in ("customer_id", "store"):
            if len(getattr(request, name)) > 200:
                raise Invalid(f"{name} is longer than 200 characters", name)
        return ComplaintFilter(
            status=STATUS_NAMES.get(request.status, ""), channel=request.channel, category=request.category,
            customer_id=request.customer_id, store=request.store,
            filed_after=instant(request.filed_after, "filed_after") if request.HasField("filed_after") else None,
            filed_before=instant(request.filed_before, "filed_before") if request.HasField("filed_before") else None)

    @unary(WRITE)
    async def AmendComplaint(self, request: api.AmendComplaintRequest, caller: Caller):
        amendment = ev.ComplaintAmended(
            category=request.category, severity=request.severity, store=request.store,
            order_reference=request.order_reference, desired_remedy=request.desired_remedy)
        complaint = await self.intake.amend(caller, request.complaint_id, request.request_id,
                                            request.expected_etag, amendment)
        return complaint_message(complaint)

    @unary(WRITE)
    async def WithdrawComplaint(self, request: api.WithdrawComplaintRequest, caller: Caller):
        complaint = await self.intake.withdraw(caller, request.complaint_id, request.request_id,
                                               request.expected_etag, request.reason)
        return complaint_message(complaint)

    @streaming(READ)
    async def WatchComplaint(self, request: api.WatchComplaintRequest, caller: Caller, context):
        queue: asyncio.Queue[Envelope] = asyncio.Queue()
        # Listen before reading the state, so that no event falls between the two.
        unwatch = self.intake.book.watch(lambda e: e.subject == request.complaint_id and queue.put_nowait(e))
        try:
            seen = (await self.intake.get(caller, request.complaint_id)).version
            await context.send_initial_metadata((("x-redress-watching-from", str(seen)),))
            while True:
                env = await queue.get()
                if env.sequence > seen:
                    seen = env.sequence
                    yield event_message(env)
        finally:
            unwatch()

    @streaming(EVENTS)
    async def StreamEvents(self, request: api.StreamEventsRequest, caller: Caller, context):
        client = caller.principal.client_id
        if self._streams[client] >= MAX_STREAMS_PER_CLIENT:
            raise Exhausted(f"client {client} already has {MAX_STREAMS_PER_CLIENT} event streams open", "")
        self._streams[client] += 1
        org = caller.principal.organisation.encode()
        consumer = AIOKafkaConsumer(bootstrap_servers=self.intake.log.bootstrap, enable_auto_commit=False,
                                    **client_options(),
                                    isolation_level="read_committed",
                                    fetch_max_wait_ms=self.intake.log.kafka.fetch_max_wait_ms)
        try:
            await consumer.start()
            positions = await self._start_positions(consumer, request)
            # Tells the caller the stream's start is fixed: anything appended from now on follows.
            await context.send_initial_metadata((("x-redress-stream-start", encode_token({"p": positions})),))
            while True:
                batches = await consumer.getmany(timeout_ms=1000)
                for tp, records in sorted(batches.items(), key=lambda kv: kv[0].partition):
                    for record in records:
                        positions[str(tp.partition)] = record.offset + 1
                        if dict(record.headers or ()).get("ce_organisation") != org:
                            continue
                        try:
                            env = decode_record(record)
                        except UnreadableRecord:  # dead-lettered by the feed; the stream goes on
                            continue
                        yield event_message(env, encode_token({"p": positions}))
        finally:
            self._streams[client] -= 1
            await consumer.stop()

    async def _start_positions(self, consumer: AIOKafkaConsumer, request: api.StreamEventsRequest) -> dict:
        tps = await assign_all(consumer, self.intake.log.events_topic)
        start = request.WhichOneof("start")
        if start == "after_position_token":
            if len(request.after_position_token) > 4096:
                raise Invalid("after_position_token is not a token this service gave", "after_position_token")
            offsets = stream_offsets(decode_token(request.after_position_token, "after_position_token"))
            for tp in tps:
                consumer.seek(tp, offsets.get(tp.partition, 0))
        elif start == "since_time":
            millis = max(0, int(instant(request.since_time, "since_time").timestamp() * 1000))
            found = await consumer.offsets_for_times({tp: millis for tp in tps})
            ends = await consumer.end_offsets(tps)
            for tp in tps:
                consumer.seek(tp, found[tp].offset if found.get(tp) else ends[tp])
        elif start == "from_beginning":
            await consumer.seek_to_beginning(*tps)
        else:
            await consumer.seek_to_end(*tps)
        return {str(tp.partition): await consumer.position(tp) for tp in tps}
