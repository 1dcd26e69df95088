"""Listing, streaming and tenant isolation."""
from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timezone

import grpc
import pytest

from redress.intake.v1 import intake_service_pb2 as api
from redress.types.v1 import complaint_pb2 as types
from tests.helpers import auth, filing, stub

pytestmark = pytest.mark.kafka


async def test_pages_cover_every_complaint_once_in_filing_order(channel):
    intake, md = stub(channel), auth("token-pages")
    filed = []
    for i in range(7):
        channel_kind = types.CHANNEL_PHONE if i % 2 else types.CHANNEL_WEB_FORM
        filed.append((await intake.FileComplaint(filing(f"complaint {i}", channel=channel_kind), metadata=md))
                     .complaint.complaint_id)
    seen, token, sizes = [], "", []
    while True:
        page = await intake.ListComplaints(api.ListComplaintsRequest(page_size=3, page_token=token), metadata=md)
        sizes.append(len(page.complaints))
        seen += [c.complaint_id for c in page.complaints]
        token = page.next_page_token
        if not token:
            break
    assert sizes == [3, 3, 1]
    assert seen == filed
    phones = await intake.ListComplaints(api.ListComplaintsRequest(channel=types.CHANNEL_PHONE), metadata=md)
    assert [c.complaint_id for c in phones.complaints] == filed[1::2]
    with pytest.raises(grpc.aio.AioRpcError) as bad:
        await intake.ListComplaints(api.ListComplaintsRequest(page_token="garbage!"), metadata=md)
    assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    first = await intake.ListComplaints(api.ListComplaintsRequest(page_size=3), metadata=md)
    with pytest.raises(grpc.aio.AioRpcError) as mismatch:
        await intake.ListComplaints(api.ListComplaintsRequest(page_token=first.next_page_token,
                                                              channel=types.CHANNEL_PHONE), metadata=md)
    assert mismatch.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_list_filters_by_time_and_store(channel):
    intake, md = stub(channel), auth("token-pages")
    store = f"store-{uuid.uuid4().hex[:6]}"
    start = datetime.now(timezone.utc)
    one = (await intake.FileComplaint(filing(store=store), metadata=md)).complaint
    request = api.ListComplaintsRequest(store=store)
    request.filed_after.FromDatetime(start)
    assert [c.complaint_id for c in (await intake.ListComplaints(request, metadata=md)).complaints] == \
        [one.complaint_id]
    request.filed_before.FromDatetime(start)
    assert list((await intake.ListComplaints(request, metadata=md)).complaints) == []


async def test_another_organisations_complaint_is_not_found_and_never_listed_or_streamed(channel):
    intake = stub(channel)
    mine = (await intake.FileComplaint(filing("secret of org-a"), metadata=auth("token-a"))).complaint
    for call in (
        intake.GetComplaint(api.GetComplaintRequest(complaint_id=mine.complaint_id), metadata=auth("token-b")),
        intake.WithdrawComplaint(api.WithdrawComplaintRequest(complaint_id=mine.complaint_id),
                                 metadata=auth("token-b")),
    ):
        with pytest.raises(grpc.aio.AioRpcError) as hidden:
            await call
        assert hidden.value.code() == grpc.StatusCode.NOT_FOUND
    theirs = await intake.ListComplaints(api.ListComplaintsRequest(page_size=500), metadata=auth("token-b"))
    assert all(c.organisation == "org-b" for c in theirs.complaints)
    await intake.FileComplaint(filing("org-b's own"), metadata=auth("token-b"))
    stream = intake.StreamEvents(api.StreamEventsRequest(from_beginning=True), metadata=auth("token-b"))
    seen = []
    try:
        while len(seen) < 2:
            seen.append(await asyncio.wait_for(stream.read(), 10))
    finally:
        stream.cancel()
    assert seen and all(e.organisation == "org-b" for e in seen)
    assert mine.complaint_id not in {e.complaint_id for e in seen}


async def _take(stream, n: int):
    events = []
    try:
        while len(events) < n:
            events.append(await asyncio.wait_for(stream.read(), 10))
    finally:
        stream.cancel()
    return events


async def test_event_stream_from_the_beginning_resumes_from_a_token_and_from_a_time(channel):
    intake, md = stub(channel), auth("token-stream")
    first = (await intake.FileComplaint(filing("one"), metadata=md)).complaint
    midway = datetime.now(timezone.utc)
    await asyncio.sleep(0.05)
    second = (await intake.FileComplaint(filing("two"), metadata=md)).complaint

    everything = await _take(intake.StreamEvents(api.StreamEventsRequest(from_beginning=True), metadata=md), 4)
    assert {e.complaint_id for e in everything} == {first.complaint_id, second.complaint_id}
    assert all(e.organisation == "org-stream" for e in everything)
    per_complaint = {}
    for e in everything:
        per_complaint.setdefault(e.complaint_id, []).append(e.sequence)
    assert all(seqs == [1, 2] for seqs in per_complaint.values())

    resumed = await _take(intake.StreamEvents(
        api.StreamEventsRequest(after_position_token=everything[1].position_token), metadata=md), 2)
    assert [e.event_id for e in resumed] == [e.event_id for e in everything[2:]]

    since = api.StreamEventsRequest()
    since.since_time.FromDatetime(midway)
    recent = await _take(intake.StreamEvents(since, metadata=md), 2)
    assert {e.complaint_id for e in recent} == {second.complaint_id}

    live = intake.StreamEvents(api.StreamEventsRequest(), metadata=md)
    await live.initial_metadata()  # the stream's start is fixed: what is filed now follows
    pending = asyncio.ensure_future(_take(live, 2))
    third = (await intake.FileComplaint(filing("three"), metadata=md)).complaint
    assert {e.complaint_id for e in await pending} == {third.complaint_id}
