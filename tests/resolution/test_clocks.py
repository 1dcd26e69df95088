"""Clocks driven from the log: warnings and breaches are events, breaches escalate, a pause
moves deadlines, a restarted or second replica fires a missed timer once."""
from __future__ import annotations

import asyncio
from datetime import timedelta

import grpc
import pytest

from redress.events.v1 import resolution_pb2 as rev
from redress.intake.v1 import intake_service_pb2 as api
from redress.resolution.v1 import resolution_service_pb2 as rapi
from redress.types.v1 import complaint_pb2 as types
from tests.helpers import auth, eventually, filing, opened_case, resolution_stub, stub

pytestmark = pytest.mark.kafka
CLOCK = "token-clock"  # org-clock: first_contact due 3 s after filing, warning at 1.5 s (tests' config)


async def _history(resolution_channel, complaint_id, token=CLOCK):
    return await resolution_stub(resolution_channel).GetCase(rapi.GetCaseRequest(complaint_id=complaint_id),
                                                             metadata=auth(token))


def _clock_events(history, name):
    found = []
    for e in history:
        kind = e.type.rsplit(".", 1)[1]
        if kind in ("ClockWarned", "ClockBreached"):
            payload = getattr(rev, kind)()
            e.payload.Unpack(payload)
            if payload.name == name:
                found.append(kind)
    return found


async def test_a_missed_first_contact_warns_then_breaches_and_escalates(channel, resolution_channel):
    complaint = (await stub(channel).FileComplaint(filing(), metadata=auth(CLOCK))).complaint
    await opened_case(resolution_channel, complaint.complaint_id, CLOCK)

    async def breached():
        story = await _history(resolution_channel, complaint.complaint_id)
        return story if "ClockBreached" in _clock_events(story.history, "first_contact") else None

    story = await eventually(breached, timeout=20)
    assert story, "first_contact never breached"
    assert _clock_events(story.history, "first_contact") == ["ClockWarned", "ClockBreached"]
    assert story.case.level == types.LEVEL_CORPORATE_OFFICE and story.case.escalations == 1
    escalated = rev.CaseEscalated()
    next(e for e in story.history if e.type.endswith("CaseEscalated")).payload.Unpack(escalated)
    assert escalated.cause == rev.ESCALATION_CAUSE_CLOCK_BREACHED


async def test_paused_clocks_do_not_breach_and_resume_with_later_deadlines(channel, resolution_channel):
    complaint = (await stub(channel).FileComplaint(filing(), metadata=auth(CLOCK))).complaint
    opened = (await opened_case(resolution_channel, complaint.complaint_id, CLOCK)).case
    cases = resolution_stub(resolution_channel)
    due_before = {c.clock.name: c.clock.due_at.ToDatetime() for c in opened.clocks}
    await cases.PauseClocks(rapi.PauseClocksRequest(complaint_id=complaint.complaint_id,
                                                    reason="waiting for the customer's receipt"), metadata=auth(CLOCK))
    await asyncio.sleep(4)
    story = await _history(resolution_channel, complaint.complaint_id)
    assert "ClockBreached" not in _clock_events(story.history, "first_contact")
    resumed = await cases.ResumeClocks(rapi.ResumeClocksRequest(complaint_id=complaint.complaint_id),
                                       metadata=auth(CLOCK))
    due_after = {c.clock.name: c.clock.due_at.ToDatetime() for c in resumed.clocks}
    assert due_after["first_contact"] - due_before["first_contact"] >= timedelta(seconds=3.9)
    with pytest.raises(grpc.aio.AioRpcError) as twice:
        await cases.ResumeClocks(rapi.ResumeClocksRequest(complaint_id=complaint.complaint_id), metadata=auth(CLOCK))
    assert twice.value.code() == grpc.StatusCode.FAILED_PRECONDITION


async def test_a_timer_fires_once_however_many_replicas_watch_it_across_a_rebalance(
        channel, resolution_channel, start_resolution):
    first = (await stub(channel).FileComplaint(filing(severity=types.SEVERITY_HIGH), metadata=auth(CLOCK))).complaint
    await opened_case(resolution_channel, first.complaint_id, CLOCK)
    extra = [start_resolution(), start_resolution()]  # partitions move while clocks come due
    try:
        async def breached():
            story = await _history(resolution_channel, first.complaint_id)
            return story if "ClockBreached" in _clock_events(story.history, "first_contact") else None

        story = await eventually(breached, timeout=25)
        assert story
        await asyncio.sleep(1.5)  # every replica has had its ticks
        story = await _history(resolution_channel, first.complaint_id)
        assert _clock_events(story.history, "first_contact").count("ClockBreached") == 1
        assert [e.type for e in story.history].count("redress.events.v1.CaseEscalated") == 1
    finally:
        for replica in extra:
            replica.stop()


async def test_regulatory_clocks_run_beside_the_service_clocks(channel, resolution_channel):
    md = auth("token-regulated")
    complaint = (await stub(channel).FileComplaint(filing(), metadata=md)).complaint
    case = (await opened_case(resolution_channel, complaint.complaint_id, "token-regulated")).case
    clocks = {c.clock.name: c.clock for c in case.clocks}
    filed = complaint.filed_at.ToDatetime()  # regulatory clocks run from receipt, not from when the case opened
    assert {"fca_disp.summary_resolution", "fca_disp.final_response", "cfpb.response", "psd2.final_reply"} <= set(clocks)
    final = clocks["fca_disp.final_response"].due_at.ToDatetime() - filed
    assert timedelta(weeks=8) - timedelta(seconds=1) <= final <= timedelta(weeks=8) + timedelta(seconds=1)
    assert clocks["cfpb.response"].extended_due_at.ToDatetime() - filed >= timedelta(days=60) - timedelta(seconds=1)
    assert not clocks["fca_disp.summary_resolution"].escalates
    cases = resolution_stub(resolution_channel)
    extended = await cases.ExtendClock(rapi.ExtendClockRequest(
        complaint_id=complaint.complaint_id, clock="cfpb.response", reason="in progress response sent"), metadata=md)
    after = {c.clock.name: c.clock for c in extended.clocks}
    assert after["cfpb.response"].due_at == clocks["cfpb.response"].extended_due_at
    with pytest.raises(grpc.aio.AioRpcError) as again:
        await cases.ExtendClock(rapi.ExtendClockRequest(
            complaint_id=complaint.complaint_id, clock="cfpb.response", reason="more"), metadata=md)
    assert again.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    with pytest.raises(grpc.aio.AioRpcError) as unknown:
        await cases.ExtendClock(rapi.ExtendClockRequest(
            complaint_id=complaint.complaint_id, clock="no.such.clock", reason="x"), metadata=md)
    assert unknown.value.code() == grpc.StatusCode.NOT_FOUND


async def test_a_resolution_replica_rebuilt_from_the_log_answers_exactly_as_before(
        channel, resolution_channel, start_resolution):
    md = auth("token-restart")
    ids = [(await stub(channel).FileComplaint(filing(f"case {i}"), metadata=md)).complaint.complaint_id
           for i in range(3)]
    for complaint_id in ids:
        await opened_case(resolution_channel, complaint_id, "token-restart")
    await resolution_stub(resolution_channel).RecordStep(rapi.RecordStepRequest(
        complaint_id=ids[0], apologise=rapi.ApologyStep(text="We are sorry.")), metadata=md)
    await stub(channel).WithdrawComplaint(api.WithdrawComplaintRequest(complaint_id=ids[1]), metadata=md)

    async def answers(ch):
        cases = resolution_stub(ch)
        stories = [await cases.GetCase(rapi.GetCaseRequest(complaint_id=i), metadata=md) for i in ids]
        listing = await cases.ListCases(rapi.ListCasesRequest(page_size=2), metadata=md)
        return [m.SerializeToString(deterministic=True) for m in (*stories, listing)]

    async def settled():  # the withdrawal has reached the case
        story = await resolution_stub(resolution_channel).GetCase(rapi.GetCaseRequest(complaint_id=ids[1]),
                                                                   metadata=md)
        return story.case.status == rapi.CASE_STATUS_CLOSED

    assert await eventually(settled)
    before = await answers(resolution_channel)
    fresh = start_resolution()
    try:
        async with grpc.aio.insecure_channel(fresh.address) as ch:
            assert await answers(ch) == before
    finally:
        fresh.stop()


async def test_timers_missed_while_no_replica_ran_fire_once_when_one_starts(
        channel, resolution, resolution_channel, start_resolution):
    port = int(resolution.address.rsplit(":", 1)[1])
    resolution.stop()  # nobody watches org-clock's clocks now
    try:
        complaint = (await stub(channel).FileComplaint(filing(severity=types.SEVERITY_HIGH),
                                                       metadata=auth(CLOCK))).complaint
        await asyncio.sleep(3.5)  # first_contact (2.5 s after filing) passes unseen
    finally:
        start_resolution(port=port)  # same address: the session's channel reconnects
    await opened_case(resolution_channel, complaint.complaint_id, CLOCK, timeout=30)

    async def breached():
        story = await _history(resolution_channel, complaint.complaint_id)
        return story if "ClockBreached" in _clock_events(story.history, "first_contact") else None

    story = await eventually(breached, timeout=20)
    assert story, "the missed deadline never fired"
    await asyncio.sleep(1)
    story = await _history(resolution_channel, complaint.complaint_id)
    assert _clock_events(story.history, "first_contact") == ["ClockBreached"]
    opened = rev.CaseOpened()
    story.history[0].payload.Unpack(opened)
    # the clocks started when the complaint was filed, not when the case was opened
    assert opened.clocks[0].due_at.ToDatetime() < story.history[0].time.ToDatetime()
