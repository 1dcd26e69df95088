"""Two replicas of intake: conflicting commands, and a replica rebuilt from the log alone."""
from __future__ import annotations

import asyncio

import grpc
import pytest

from redress.intake.v1 import intake_service_pb2 as api
from redress.types.v1 import complaint_pb2 as types
from tests.helpers import auth, filing, intake_answers, stub, unique_email

pytestmark = pytest.mark.kafka


@pytest.fixture(scope="module")
async def second_channel(start_intake, intake):
    replica = start_intake()
    async with grpc.aio.insecure_channel(replica.address) as ch:
        yield ch


async def _outcome(call):
    try:
        return await call
    except grpc.aio.AioRpcError as error:
        return error.code()


async def test_conflicting_commands_on_two_replicas_never_both_succeed(channel, second_channel):
    a, b = stub(channel), stub(second_channel)
    for _ in range(6):
        filed = (await a.FileComplaint(filing(), metadata=auth())).complaint
        withdraw = api.WithdrawComplaintRequest(complaint_id=filed.complaint_id, expected_etag=filed.etag)
        amend = api.AmendComplaintRequest(complaint_id=filed.complaint_id, expected_etag=filed.etag,
                                          severity=types.SEVERITY_CRITICAL)
        results = await asyncio.gather(
            _outcome(a.WithdrawComplaint(withdraw, metadata=auth())),
            _outcome(b.AmendComplaint(amend, metadata=auth())),
        )
        winners = [r for r in results if isinstance(r, api.Complaint)]
        losers = [r for r in results if not isinstance(r, api.Complaint)]
        assert len(winners) == 1, results
        assert losers[0] in (grpc.StatusCode.ABORTED, grpc.StatusCode.FAILED_PRECONDITION)
        story = await b.GetComplaint(api.GetComplaintRequest(complaint_id=filed.complaint_id), metadata=auth())
        assert [e.sequence for e in story.history] == [1, 2, 3]
        assert story.complaint.etag == winners[0].etag


async def test_the_same_request_sent_to_both_replicas_files_one_complaint(channel, second_channel):
    request = filing()
    results = await asyncio.gather(stub(channel).FileComplaint(request, metadata=auth()),
                                   stub(second_channel).FileComplaint(request, metadata=auth()))
    assert results[0].complaint.complaint_id == results[1].complaint.complaint_id
    story = await stub(channel).GetComplaint(
        api.GetComplaintRequest(complaint_id=results[0].complaint.complaint_id), metadata=auth())
    assert len(story.history) == 2


async def test_a_write_on_one_replica_is_read_at_once_on_the_other(channel, second_channel):
    filed = (await stub(channel).FileComplaint(filing(), metadata=auth())).complaint
    got = await stub(second_channel).GetComplaint(api.GetComplaintRequest(complaint_id=filed.complaint_id),
                                                  metadata=auth())
    assert got.complaint == filed


async def test_a_replica_started_with_no_state_answers_exactly_as_before(start_intake, channel):
    intake = stub(channel)
    md = auth("token-restart")
    email = unique_email()
    ids = []
    for i, text in enumerate(["Garson bize bağırdı.", "Το φαγητό ήρθε κρύο.", "On hold for an hour."]):
        ids.append((await intake.FileComplaint(filing(text, order_reference=f"R-{i}",
                                                       contact=types.CustomerContact(email=email)),
                                               metadata=md)).complaint.complaint_id)
    await intake.AmendComplaint(api.AmendComplaintRequest(complaint_id=ids[0], store="Beşiktaş"), metadata=md)
    await intake.WithdrawComplaint(api.WithdrawComplaintRequest(complaint_id=ids[1], reason="ok"), metadata=md)

    async def answers(ch):
        return await intake_answers(ch, ids, md)

    before = await answers(channel)
    fresh = start_intake()
    try:
        async with grpc.aio.insecure_channel(fresh.address) as ch:
            assert await answers(ch) == before
    finally:
        fresh.stop()


async def test_a_new_customers_first_complaints_about_one_order_at_the_same_instant_are_one_complaint(
        channel, second_channel):
    for _ in range(4):
        contact = types.CustomerContact(email=unique_email())
        first = filing("The order came cold.", order_reference="O-1", contact=contact)
        second = filing("Still waiting for a refund for the cold order.", order_reference="O-1", contact=contact)
        a, b = await asyncio.gather(stub(channel).FileComplaint(first, metadata=auth()),
                                    stub(second_channel).FileComplaint(second, metadata=auth()))
        assert a.complaint.complaint_id == b.complaint.complaint_id
        assert a.complaint.customer_id == b.complaint.customer_id
        assert sorted([a.linked_to_existing, b.linked_to_existing]) == [False, True]


async def test_a_filing_retried_while_in_flight_is_filed_or_linked_never_both(channel, second_channel, read_events):
    rounds = []
    for _ in range(4):
        contact = types.CustomerContact(email=unique_email())
        first = filing("Cold food, rude waiter.", order_reference="O-7", contact=contact)
        other = filing("The same order: cold again.", order_reference="O-7", contact=contact)
        answers = await asyncio.gather(stub(channel).FileComplaint(first, metadata=auth()),
                                       stub(second_channel).FileComplaint(other, metadata=auth()),
                                       stub(second_channel).FileComplaint(first, metadata=auth()))
        assert answers[0].complaint.complaint_id == answers[2].complaint.complaint_id
        rounds.append((first.request_id, other.request_id))
    events = await read_events()
    for first, other in rounds:
        by_first = [e for e in events if e.request_id == first]
        assert len({e.subject for e in by_first}) == 1, by_first  # one complaint saw this request
        filed = [e for e in events if e.request_id in (first, other) and e.type.endswith("ComplaintFiled")]
        linked = [e for e in events if e.request_id in (first, other) and e.type.endswith("RepeatContactRecorded")]
        assert (len(filed), len(linked)) == (1, 1)
