"""Filing, reading, amending and withdrawing complaints over a real gRPC channel."""
from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta, timezone

import grpc
import pytest

from redress.events.v1 import intake_pb2 as ev
from redress.intake.v1 import intake_service_pb2 as api
from redress.types.v1 import complaint_pb2 as types
from tests.helpers import auth, error_field, filing, stub, unique_email

pytestmark = pytest.mark.kafka


async def test_filed_complaint_is_acknowledged_with_a_reference_and_tells_its_story(channel):
    intake = stub(channel)
    filed = await intake.FileComplaint(filing(store="Kadıköy", order_reference="A-1"), metadata=auth())
    complaint = filed.complaint
    assert re.fullmatch(r"RDR-[0-9A-Z]{4}-[0-9A-Z]{4}", complaint.reference)
    assert complaint.status == api.COMPLAINT_STATUS_OPEN
    assert complaint.category == types.CATEGORY_FOOD_LATE_OR_COLD and complaint.category_suggested
    assert complaint.severity == types.SEVERITY_MEDIUM

    story = await intake.GetComplaint(api.GetComplaintRequest(complaint_id=complaint.complaint_id), metadata=auth())
    assert [e.type for e in story.history] == ["redress.events.v1.ComplaintFiled",
                                               "redress.events.v1.ComplaintAcknowledged"]
    assert [e.sequence for e in story.history] == [1, 2]
    acknowledged = ev.ComplaintAcknowledged()
    assert story.history[1].payload.Unpack(acknowledged)
    assert acknowledged.reference == complaint.reference
    assert story.complaint == complaint


async def test_retry_with_the_same_request_id_files_nothing_new_and_returns_the_first_answer(channel):
    intake = stub(channel)
    request = filing()
    first = await intake.FileComplaint(request, metadata=auth())
    again = await intake.FileComplaint(request, metadata=auth())
    assert again == first
    story = await intake.GetComplaint(api.GetComplaintRequest(complaint_id=first.complaint.complaint_id),
                                      metadata=auth())
    assert len(story.history) == 2
    mine = await intake.ListComplaints(api.ListComplaintsRequest(customer_id=first.complaint.customer_id),
                                       metadata=auth())
    assert len(mine.complaints) == 1


@pytest.mark.parametrize("mutate, field", [
    (lambda r: r.ClearField("description"), "description"),
    (lambda r: setattr(r, "description", "   "), "description"),
    (lambda r: setattr(r, "description", "x" * 20001), "description"),
    (lambda r: r.ClearField("channel"), "channel"),
    (lambda r: setattr(r, "channel", 99), "channel"),
    (lambda r: r.ClearField("contact"), "contact"),
    (lambda r: setattr(r.contact, "email", "not-an-address"), "contact.email"),
    (lambda r: setattr(r.contact, "phone", "call me"), "contact.phone"),
    (lambda r: setattr(r, "store", "s" * 201), "store"),
    (lambda r: setattr(r, "category", 1234), "category"),
    (lambda r: setattr(r, "request_id", "r" * 129), "request_id"),
    (lambda r: r.occurred_at.FromDatetime(datetime.now(timezone.utc) + timedelta(days=2)), "occurred_at"),
])
async def test_bad_input_is_refused_naming_the_field_and_appends_nothing(channel, end_offsets, mutate, field):
    request = filing()
    mutate(request)
    before = await end_offsets()
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await stub(channel).FileComplaint(request, metadata=auth())
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field in refused.value.details()
    assert error_field(refused.value) == field
    assert await end_offsets() == before


async def test_unicode_is_kept_byte_for_byte(channel, read_events):
    words = ("Müşteri hizmetleri rezaletti: İade istedim, ısrarla reddettiler. "
             "Η εξυπηρέτηση ήταν απαράδεκτη — ζήτησα τον υπεύθυνο. 😡 مرحبا e\u0301 \u200d")
    intake = stub(channel)
    filed = await intake.FileComplaint(filing(words, contact=types.CustomerContact(
        name="Ayşe Yılmaz", email=unique_email())), metadata=auth())
    got = await intake.GetComplaint(api.GetComplaintRequest(complaint_id=filed.complaint.complaint_id),
                                    metadata=auth())
    assert got.complaint.description.encode() == words.encode()
    assert got.complaint.contact.name == "Ayşe Yılmaz"
    in_log = [e for e in await read_events() if e.subject == filed.complaint.complaint_id]
    assert in_log[0].payload.description.encode() == words.encode()


async def test_category_is_suggested_from_turkish_and_greek_text(channel):
    intake = stub(channel)
    turkish = await intake.FileComplaint(filing("Müdürle görüşmek istedim ama yetkili yok dediler."),
                                         metadata=auth())
    greek = await intake.FileComplaint(filing("Μου είπαν ότι είναι πολιτική της εταιρείας και δεν βοήθησαν."),
                                       metadata=auth())
    assert turkish.complaint.category == types.CATEGORY_CONDUCT_REFUSED_ESCALATION
    assert greek.complaint.category == types.CATEGORY_CONDUCT_POLICY_EXCUSE
    given = await intake.FileComplaint(filing("Anything", category=types.CATEGORY_STAFF_PUSHY), metadata=auth())
    assert given.complaint.category == types.CATEGORY_STAFF_PUSHY and not given.complaint.category_suggested


async def test_stale_etag_is_aborted_and_changes_nothing(channel):
    intake = stub(channel)
    filed = (await intake.FileComplaint(filing(), metadata=auth())).complaint
    amended = await intake.AmendComplaint(api.AmendComplaintRequest(
        complaint_id=filed.complaint_id, expected_etag=filed.etag, severity=types.SEVERITY_HIGH), metadata=auth())
    assert amended.severity == types.SEVERITY_HIGH and amended.etag != filed.etag
    with pytest.raises(grpc.aio.AioRpcError) as stale:
        await intake.WithdrawComplaint(api.WithdrawComplaintRequest(
            complaint_id=filed.complaint_id, expected_etag=filed.etag, reason="sorted"), metadata=auth())
    assert stale.value.code() == grpc.StatusCode.ABORTED
    assert "etag" in stale.value.details()
    got = await intake.GetComplaint(api.GetComplaintRequest(complaint_id=filed.complaint_id), metadata=auth())
    assert got.complaint.status == api.COMPLAINT_STATUS_OPEN and got.complaint.etag == amended.etag


async def test_withdrawn_complaint_cannot_be_withdrawn_or_amended_again(channel):
    intake = stub(channel)
    filed = (await intake.FileComplaint(filing(), metadata=auth())).complaint
    done = await intake.WithdrawComplaint(api.WithdrawComplaintRequest(
        complaint_id=filed.complaint_id, reason="they called me back"), metadata=auth())
    assert done.status == api.COMPLAINT_STATUS_WITHDRAWN and done.withdrawn_reason == "they called me back"
    for call in (
        intake.WithdrawComplaint(api.WithdrawComplaintRequest(complaint_id=filed.complaint_id), metadata=auth()),
        intake.AmendComplaint(api.AmendComplaintRequest(complaint_id=filed.complaint_id, store="X"),
                              metadata=auth()),
    ):
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await call
        assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert "withdrawn" in refused.value.details()


async def test_unknown_complaint_is_not_found(channel):
    with pytest.raises(grpc.aio.AioRpcError) as missing:
        await stub(channel).GetComplaint(api.GetComplaintRequest(complaint_id=str(uuid.uuid4())), metadata=auth())
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND


async def test_the_same_customer_is_known_across_channels_and_a_repeat_is_linked(channel):
    intake = stub(channel)
    email = unique_email()
    phone = f"+30 210 {uuid.uuid4().int % 10_000_000:07d}"
    first = (await intake.FileComplaint(filing(
        "Waited an hour on hold.", contact=types.CustomerContact(email=email), order_reference="ORD-1"),
        metadata=auth())).complaint
    by_phone = await intake.FileComplaint(filing(
        "The website checkout failed.", channel=types.CHANNEL_PHONE, order_reference="ORD-2",
        contact=types.CustomerContact(email=email.upper(), phone=phone)), metadata=auth())
    assert by_phone.complaint.customer_id == first.customer_id
    assert not by_phone.linked_to_existing
    assert [c.complaint_id for c in by_phone.other_open_complaints] == [first.complaint_id]

    # Known by the phone number alone now, on yet another channel; same order: same problem.
    again = await intake.FileComplaint(filing(
        "Still nothing about my order!", channel=types.CHANNEL_TWITTER, order_reference="ord-1",
        contact=types.CustomerContact(phone=phone.replace(" ", ""), social_handle="@someone")), metadata=auth())
    assert again.linked_to_existing
    assert again.complaint.complaint_id == first.complaint_id
    assert list(again.complaint.repeat_contact_channels) == [types.CHANNEL_TWITTER]
    mine = await intake.ListComplaints(api.ListComplaintsRequest(customer_id=first.customer_id), metadata=auth())
    assert len(mine.complaints) == 2


async def test_watch_streams_a_complaints_new_events(channel):
    import asyncio

    intake = stub(channel)
    filed = (await intake.FileComplaint(filing(), metadata=auth())).complaint
    watch = intake.WatchComplaint(api.WatchComplaintRequest(complaint_id=filed.complaint_id), metadata=auth())
    assert dict(await watch.initial_metadata())["x-redress-watching-from"] == "2"
    first = asyncio.ensure_future(watch.read())
    await intake.AmendComplaint(api.AmendComplaintRequest(complaint_id=filed.complaint_id, store="Pangaltı"),
                                metadata=auth())
    event = await asyncio.wait_for(first, 10)
    assert event.type == "redress.events.v1.ComplaintAmended" and event.sequence == 3
    watch.cancel()
    with pytest.raises(grpc.aio.AioRpcError) as hidden:
        await intake.WatchComplaint(api.WatchComplaintRequest(complaint_id=filed.complaint_id),
                                    metadata=auth("token-b")).read()
    assert hidden.value.code() == grpc.StatusCode.NOT_FOUND


async def test_unauthenticated_and_unauthorised_calls_are_refused(channel):
    intake = stub(channel)
    for metadata in ((), auth("not-a-token"), (("authorization", "Basic abc"),)):
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await intake.ListComplaints(api.ListComplaintsRequest(), metadata=metadata)
        assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
    with pytest.raises(grpc.aio.AioRpcError) as denied:
        await intake.FileComplaint(filing(), metadata=auth("token-a-auditor"))
    assert denied.value.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_correlation_and_actor_travel_into_the_events(channel):
    intake = stub(channel)
    md = auth("token-a-manager", **{"x-correlation-id": "corr-42", "x-redress-actor": "manager:zeynep"})
    filed = (await intake.FileComplaint(filing(), metadata=md)).complaint
    story = await intake.GetComplaint(api.GetComplaintRequest(complaint_id=filed.complaint_id), metadata=auth())
    for event in story.history:
        assert (event.correlation_id, event.actor, event.client_id) == ("corr-42", "manager:zeynep", "manager-a")
    assert story.history[0].causation_id == story.history[1].causation_id != ""


async def test_the_longest_description_allowed_is_filed_whole(channel):
    words = "Ş" * 20000  # 40 KB of UTF-8: more than one default producer batch
    filed = await stub(channel).FileComplaint(filing(words), metadata=auth())
    assert filed.complaint.description == words and filed.complaint.reference


async def test_malformed_tokens_and_instants_are_invalid_arguments(channel):
    import base64

    intake = stub(channel)
    tokens = [base64.urlsafe_b64encode(t).decode() for t in (b"[]", b'{"f": 1, "after": 3}', b'"x"')]
    for token in tokens:
        with pytest.raises(grpc.aio.AioRpcError) as bad:
            await intake.ListComplaints(api.ListComplaintsRequest(page_token=token), metadata=auth())
        assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    for token in [*tokens, base64.urlsafe_b64encode(b'{"p": {"0": -5}}').decode()]:
        with pytest.raises(grpc.aio.AioRpcError) as bad:
            await intake.StreamEvents(api.StreamEventsRequest(after_position_token=token), metadata=auth()).read()
        assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    out_of_range = api.ListComplaintsRequest()
    out_of_range.filed_after.seconds = 10**13
    with pytest.raises(grpc.aio.AioRpcError) as bad:
        await intake.ListComplaints(out_of_range, metadata=auth())
    assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT and "filed_after" in bad.value.details()
    request = filing()
    request.occurred_at.seconds = -10**12
    with pytest.raises(grpc.aio.AioRpcError) as bad:
        await intake.FileComplaint(request, metadata=auth())
    assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT and "occurred_at" in bad.value.details()


async def test_one_request_id_on_two_complaints_changes_each_once(channel):
    import asyncio

    intake = stub(channel)
    a, b = [(await intake.FileComplaint(filing(), metadata=auth())).complaint for _ in range(2)]
    shared = str(uuid.uuid4())
    amended = await asyncio.gather(*(
        intake.AmendComplaint(api.AmendComplaintRequest(complaint_id=c.complaint_id, request_id=shared,
                                                        store=f"store of {c.complaint_id}"), metadata=auth())
        for c in (a, b)))
    assert [x.store for x in amended] == [f"store of {a.complaint_id}", f"store of {b.complaint_id}"]
    with pytest.raises(grpc.aio.AioRpcError) as reused:
        await intake.WithdrawComplaint(api.WithdrawComplaintRequest(complaint_id=a.complaint_id,
                                                                    request_id=shared), metadata=auth())
    assert reused.value.code() == grpc.StatusCode.ALREADY_EXISTS


async def test_a_client_may_hold_only_a_few_event_streams(channel):
    from redress_intake.grpc_api import MAX_STREAMS_PER_CLIENT

    intake = stub(channel)
    streams = [intake.StreamEvents(api.StreamEventsRequest(), metadata=auth("token-a-auditor"))
               for _ in range(MAX_STREAMS_PER_CLIENT)]
    try:
        for s in streams:
            await s.initial_metadata()
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await intake.StreamEvents(api.StreamEventsRequest(), metadata=auth("token-a-auditor")).read()
        assert refused.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    finally:
        for s in streams:
            s.cancel()
