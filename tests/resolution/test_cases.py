"""The resolution service: cases opened from intake's log, the six steps, the ladder,
the conduct guard and the dossier, over real gRPC against the real broker."""
from __future__ import annotations

import asyncio

import grpc
import pytest

from redress.events.v1 import resolution_pb2 as rev
from redress.resolution.v1 import resolution_service_pb2 as rapi
from redress.types.v1 import complaint_pb2 as types
from tests.helpers import auth, filing, opened_case, resolution_stub, stub

pytestmark = pytest.mark.kafka
CASE = rapi


async def _file(intake_channel, token="token-a", **fields):
    return (await stub(intake_channel).FileComplaint(filing(**fields), metadata=auth(token))).complaint


async def _step(resolution_channel, complaint_id, token="token-a", override="", **step):
    return await resolution_stub(resolution_channel).RecordStep(
        rapi.RecordStepRequest(complaint_id=complaint_id, conduct_override_reason=override, **step),
        metadata=auth(token))


async def _work_the_case(resolution_channel, complaint_id, token="token-a"):
    await _step(resolution_channel, complaint_id, token,
                understand=rapi.UnderstandingStep(customer_reason="The food came cold and nobody cared."))
    await _step(resolution_channel, complaint_id, token, apologise=rapi.ApologyStep(text="We are truly sorry."))
    await _step(resolution_channel, complaint_id, token,
                explain=rapi.ExplanationStep(text="The kitchen was short of two cooks that night."))
    await _step(resolution_channel, complaint_id, token, fix=rapi.FixStep(text="We refunded the meal."))


def _types(history) -> list[str]:
    return [e.type.rsplit(".", 1)[1] for e in history]


async def test_a_filed_complaint_opens_a_case_routed_by_the_rules(channel, resolution_channel):
    plain = await _file(channel)
    case = (await opened_case(resolution_channel, plain.complaint_id)).case
    assert (case.level, case.handler, case.status) == (types.LEVEL_MANAGER, "duty-manager", CASE.CASE_STATUS_OPEN)
    clocks = {c.clock.name: c.state for c in case.clocks}
    assert clocks["first_contact"] == "running" and clocks["resolve"] == "running"

    letter = await _file(channel, channel=types.CHANNEL_LETTER_TO_CORPORATE_OFFICE)
    story = await opened_case(resolution_channel, letter.complaint_id)
    assert (story.case.level, story.case.handler) == (types.LEVEL_CORPORATE_OFFICE, "customer-relations")
    opened = rev.CaseOpened()
    story.history[0].payload.Unpack(opened)
    assert opened.routing_rule == "letter-to-corporate-office"
    assert opened.description == letter.description


async def test_the_acknowledgement_meets_the_acknowledge_clock(channel, resolution_channel):
    complaint = await _file(channel)
    await opened_case(resolution_channel, complaint.complaint_id)
    for _ in range(50):
        story = await resolution_stub(resolution_channel).GetCase(
            rapi.GetCaseRequest(complaint_id=complaint.complaint_id), metadata=auth())
        if "ComplaintAcknowledgementNoted" in _types(story.history):
            break
        await asyncio.sleep(0.1)
    assert {c.clock.name: c.state for c in story.case.clocks}["acknowledge"] == "met"


async def test_the_six_steps_come_before_a_proposal_and_prevention_before_closing(channel, resolution_channel):
    complaint = await _file(channel)
    await opened_case(resolution_channel, complaint.complaint_id)
    cases = resolution_stub(resolution_channel)
    with pytest.raises(grpc.aio.AioRpcError) as early:
        await cases.ProposeResolution(rapi.ProposeResolutionRequest(complaint_id=complaint.complaint_id),
                                      metadata=auth())
    assert early.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "understand, apologise, explain, fix" in early.value.details()

    await _work_the_case(resolution_channel, complaint.complaint_id)
    await _step(resolution_channel, complaint.complaint_id,
                offer_compensation=rapi.CompensationStep(text="A voucher for two dinners."))
    case = await _step(resolution_channel, complaint.complaint_id,
                       follow_up=rapi.FollowUpStep(question="Is there anything else we can do?", answer="No, thanks."))
    assert {c.clock.name: c.state for c in case.clocks}["first_contact"] == "met"
    await cases.ProposeResolution(rapi.ProposeResolutionRequest(complaint_id=complaint.complaint_id,
                                                                summary="Refund and voucher"), metadata=auth())
    satisfied = await cases.RecordVerdict(rapi.RecordVerdictRequest(
        complaint_id=complaint.complaint_id, satisfied=True, score=5), metadata=auth())
    assert satisfied.status == CASE.CASE_STATUS_AWAITING_PREVENTION
    closed = await _step(resolution_channel, complaint.complaint_id, prevent=rapi.PreventionStep(
        root_cause="Rota left the kitchen short", preventive_action="Minimum two cooks on every shift",
        category=types.CATEGORY_FOOD_LATE_OR_COLD))
    assert closed.status == CASE.CASE_STATUS_CLOSED and closed.last_score == 5
    assert {c.clock.name: c.state for c in closed.clocks}["resolve"] == "met"


async def test_a_dissatisfied_customer_goes_up_the_ladder_with_a_dossier(channel, resolution_channel):
    complaint = await _file(channel, store="Harbour Street")
    await opened_case(resolution_channel, complaint.complaint_id)
    cases = resolution_stub(resolution_channel)
    with pytest.raises(grpc.aio.AioRpcError) as too_low:
        await cases.GetDossier(rapi.GetDossierRequest(complaint_id=complaint.complaint_id), metadata=auth())
    assert too_low.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    await _work_the_case(resolution_channel, complaint.complaint_id)
    await cases.ProposeResolution(rapi.ProposeResolutionRequest(complaint_id=complaint.complaint_id,
                                                                summary="Refund"), metadata=auth())
    with pytest.raises(grpc.aio.AioRpcError) as no_reason:
        await cases.RecordVerdict(rapi.RecordVerdictRequest(complaint_id=complaint.complaint_id, score=2),
                                  metadata=auth())
    assert no_reason.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    escalated = await cases.RecordVerdict(rapi.RecordVerdictRequest(
        complaint_id=complaint.complaint_id, satisfied=False, score=2,
        reason=rev.DISSATISFACTION_REASON_BRUSHED_OFF, comment="They just wanted me gone."), metadata=auth())
    assert (escalated.level, escalated.handler) == (types.LEVEL_CORPORATE_OFFICE, "customer-relations")
    assert escalated.escalations == 1 and escalated.status == CASE.CASE_STATUS_OPEN

    dossier = await cases.GetDossier(rapi.GetDossierRequest(complaint_id=complaint.complaint_id), metadata=auth())
    assert complaint.description in dossier.what_happened and "Harbour Street" in dossier.what_happened
    assert any("We are truly sorry." in e.what for e in dossier.done_or_promised)
    assert any("brushed off" in e.what and "They just wanted me gone." in e.what for e in dossier.still_concerned)
    assert "What management did or promised" in dossier.letter and "We refunded the meal." in dossier.letter
    assert len(dossier.timeline) >= 7


async def test_escalation_is_never_refused(channel, resolution_channel):
    complaint = await _file(channel, channel=types.CHANNEL_LETTER_TO_OWNER)
    await opened_case(resolution_channel, complaint.complaint_id)
    cases = resolution_stub(resolution_channel)
    at_top = await cases.RequestEscalation(rapi.RequestEscalationRequest(
        complaint_id=complaint.complaint_id, reason="I want someone higher", on_behalf_of_customer=True),
        metadata=auth())
    assert at_top.level == types.LEVEL_OWNER
    story = await cases.GetCase(rapi.GetCaseRequest(complaint_id=complaint.complaint_id), metadata=auth())
    requested = rev.EscalationRequested()
    story.history[-1].payload.Unpack(requested)
    assert requested.at_highest_level and requested.on_behalf_of_customer

    other = await _file(channel)
    await opened_case(resolution_channel, other.complaint_id)
    withdrawn = await stub(channel).WithdrawComplaint(
        __import__("redress.intake.v1.intake_service_pb2", fromlist=["x"]).WithdrawComplaintRequest(
            complaint_id=other.complaint_id, reason="sorted"), metadata=auth())
    assert withdrawn.withdrawn_reason == "sorted"

    async def closed():
        case = (await cases.GetCase(rapi.GetCaseRequest(complaint_id=other.complaint_id), metadata=auth())).case
        return case if case.status == CASE.CASE_STATUS_CLOSED else None
    from tests.helpers import eventually
    assert await eventually(closed)
    reopened = await cases.RequestEscalation(rapi.RequestEscalationRequest(
        complaint_id=other.complaint_id, reason="Actually it is not sorted"), metadata=auth())
    assert reopened.status == CASE.CASE_STATUS_OPEN and reopened.level == types.LEVEL_CORPORATE_OFFICE


@pytest.mark.parametrize("text, rule", [
    ("I can't help you, it's company policy.", "en/company-policy"),
    ("Bu konuda yapabileceğim bir şey yok, şirket politikası.", "tr/company-policy"),
    ("Λυπούμαστε για την όποια ταλαιπωρία.", "el/scripted-non-answer"),
    ("Honestly, that was your own fault.", "en/blaming-the-customer"),
])
async def test_the_conduct_guard_refuses_bad_conduct_naming_the_rule(channel, resolution_channel, text, rule):
    complaint = await _file(channel)
    before = (await opened_case(resolution_channel, complaint.complaint_id)).case
    with pytest.raises(grpc.aio.AioRpcError) as flagged:
        await _step(resolution_channel, complaint.complaint_id, apologise=rapi.ApologyStep(text=text))
    assert flagged.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert rule in flagged.value.details()
    after = (await opened_case(resolution_channel, complaint.complaint_id)).case
    assert after.etag == before.etag


async def test_only_a_manager_overrides_the_conduct_guard_and_the_override_is_recorded(channel, resolution_channel):
    complaint = await _file(channel, channel=types.CHANNEL_PHONE)
    await opened_case(resolution_channel, complaint.complaint_id)
    cases = resolution_stub(resolution_channel)
    message = rapi.SendMessageRequest(complaint_id=complaint.complaint_id,
                                      text="You can log in to the website to change the booking.",
                                      conduct_override_reason="The customer asked for the link")
    with pytest.raises(grpc.aio.AioRpcError) as denied:
        await cases.SendMessage(message, metadata=auth("token-a"))
    assert denied.value.code() == grpc.StatusCode.PERMISSION_DENIED
    sent = await cases.SendMessage(message, metadata=auth("token-a-manager"))
    assert "message" in sent.steps_done
    story = await cases.GetCase(rapi.GetCaseRequest(complaint_id=complaint.complaint_id), metadata=auth())
    event = rev.MessageSentToCustomer()
    story.history[-2].payload.Unpack(event) if _types(story.history)[-1] == "ClockMet" \
        else story.history[-1].payload.Unpack(event)
    assert list(event.conduct_override.rules) == ["en/website-for-phone-customer"]
    assert event.conduct_override.reason == "The customer asked for the link"


async def test_a_client_cannot_set_what_the_server_decides(channel, resolution_channel):
    """A client built against the old RecordStepRequest, which embedded the ApologyMade event,
    sends a conduct override with its apology: the recorded apology has none."""
    complaint = await _file(channel)
    await opened_case(resolution_channel, complaint.complaint_id)
    forged = rev.ApologyMade(text="We are truly sorry.", conduct_override=rev.ConductOverride(
        rules=["en/company-policy"], reason="forged by the client")).SerializeToString()
    old_wire = (rapi.RecordStepRequest(complaint_id=complaint.complaint_id).SerializeToString()
                + b"\x5a" + bytes([len(forged)]) + forged)  # field 11, apologise
    request = rapi.RecordStepRequest.FromString(old_wire)
    assert b"forged by the client" in request.SerializeToString()  # it does go over the wire
    await resolution_stub(resolution_channel).RecordStep(request, metadata=auth())
    story = await resolution_stub(resolution_channel).GetCase(
        rapi.GetCaseRequest(complaint_id=complaint.complaint_id), metadata=auth())
    apology = rev.ApologyMade()
    assert next(e for e in story.history if e.type == "redress.events.v1.ApologyMade").payload.Unpack(apology)
    assert apology.text == "We are truly sorry." and not apology.HasField("conduct_override")


async def test_bad_input_and_other_organisations_are_refused(channel, resolution_channel):
    complaint = await _file(channel)
    await opened_case(resolution_channel, complaint.complaint_id)
    cases = resolution_stub(resolution_channel)
    with pytest.raises(grpc.aio.AioRpcError) as hidden:
        await cases.GetCase(rapi.GetCaseRequest(complaint_id=complaint.complaint_id), metadata=auth("token-b"))
    assert hidden.value.code() == grpc.StatusCode.NOT_FOUND
    for request, field in [
        (rapi.RecordStepRequest(complaint_id=complaint.complaint_id), "step"),
        (rapi.RecordStepRequest(complaint_id=complaint.complaint_id, apologise=rapi.ApologyStep()), "text"),
        (rapi.RecordStepRequest(complaint_id=complaint.complaint_id, prevent=rapi.PreventionStep(
            root_cause="x", preventive_action="y")), "category"),
    ]:
        with pytest.raises(grpc.aio.AioRpcError) as bad:
            await cases.RecordStep(request, metadata=auth())
        assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT and field in bad.value.details()
    with pytest.raises(grpc.aio.AioRpcError) as stale:
        await cases.ReassignCase(rapi.ReassignCaseRequest(complaint_id=complaint.complaint_id, handler="zeynep",
                                                          reason="on shift", expected_etag="1"), metadata=auth())
    assert stale.value.code() == grpc.StatusCode.ABORTED
    with pytest.raises(grpc.aio.AioRpcError) as not_closed:
        await cases.ReopenCase(rapi.ReopenCaseRequest(complaint_id=complaint.complaint_id, reason="why not"),
                               metadata=auth())
    assert not_closed.value.code() == grpc.StatusCode.FAILED_PRECONDITION


async def test_intake_corrections_reach_the_case(channel, resolution_channel):
    from redress.intake.v1 import intake_service_pb2 as api
    from tests.helpers import eventually

    complaint = await _file(channel, order_reference="ORD-77")
    await opened_case(resolution_channel, complaint.complaint_id)
    await stub(channel).AmendComplaint(api.AmendComplaintRequest(
        complaint_id=complaint.complaint_id, severity=types.SEVERITY_CRITICAL), metadata=auth())
    await stub(channel).FileComplaint(filing(  # the same customer writes to head office about it
        "I am now writing to your head office.", channel=types.CHANNEL_LETTER_TO_OWNER,
        contact=complaint.contact, order_reference="ORD-77"), metadata=auth())

    async def at_owner():
        story = await resolution_stub(resolution_channel).GetCase(
            rapi.GetCaseRequest(complaint_id=complaint.complaint_id), metadata=auth())
        return story if story.case.level == types.LEVEL_OWNER else None

    story = await eventually(at_owner)
    assert story, "the letter to the owner never reached the case"
    kinds = _types(story.history)
    assert kinds.index("CaseReclassified") < kinds.index("CustomerContactedAgain")
    assert story.case.severity == types.SEVERITY_CRITICAL and story.case.escalations == 2
