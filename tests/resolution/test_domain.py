"""The resolution domain without Kafka or gRPC: routing, steps, verdicts, the ladder,
the conduct guard, clocks and reopening."""
from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

import pytest

from redress.commands.v1.commands_pb2 import CommandContext, Principal
from redress.kernel.envelope import Envelope
from redress.events.v1 import intake_pb2 as iev
from redress.events.v1 import resolution_pb2 as rev
from redress.kernel.rejections import Forbidden, Invalid, Rejected
from redress.resolution.v1 import commands_pb2 as cmd
from redress.resolution.v1.commands_pb2 import ClockDue, ResolutionCommand, ResumeClocks
from redress.types.v1 import complaint_pb2 as types
from redress_resolution import domain, policy
from redress_resolution.application import react_to_intake
from redress_resolution.clocks import due
from redress_resolution.dossier import assemble

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)  # a Monday
POLICY = policy.load()
counter = iter(range(10**6))


def command(action: str, payload=None, roles=("integration",), override="", org="org", **ctx) -> ResolutionCommand:
    c = ResolutionCommand(context=CommandContext(
        request_id=ctx.get("request_id", f"r-{next(counter)}"), complaint_id="c-1", command_id="cmd",
        principal=Principal(client_id="cl", organisation=org, roles=list(roles))),
        conduct_override_reason=override)
    getattr(c, action).CopyFrom(payload if payload is not None else getattr(c, action).__class__())
    return c


def run(state, *commands, now=NOW):
    events = []
    for c in commands:
        for event in domain.decide(state, c, now, POLICY):
            state = domain.apply(state, event, now)
            events.append(event)
    return state, events


def opened(channel=types.CHANNEL_EMAIL, severity=types.SEVERITY_MEDIUM, **kw):
    filed = iev.ComplaintFiled(complaint_id="c-1", organisation="org", channel=channel, severity=severity,
                               category=types.CATEGORY_FOOD_LATE_OR_COLD, description="cold food", **kw)
    return run(None, command("open", filed))[0]


def worked(state):
    return run(state, command("understand", cmd.UnderstandCustomer(customer_reason="cold")),
               command("apologise", cmd.Apologise(text="We are sorry.")),
               command("explain", cmd.Explain(text="Short-staffed kitchen.")),
               command("fix", cmd.RecordFix(text="Refunded.")))[0]


def test_routing_puts_letters_to_the_corporate_office_at_that_level():
    assert (opened().level, opened().handler) == (types.LEVEL_MANAGER, "duty-manager")
    letter = opened(channel=types.CHANNEL_LETTER_TO_CORPORATE_OFFICE)
    assert (letter.level, letter.opened.routing_rule) == (types.LEVEL_CORPORATE_OFFICE, "letter-to-corporate-office")
    assert opened(severity=types.SEVERITY_CRITICAL).level == types.LEVEL_CORPORATE_OFFICE


def test_opening_starts_the_service_clocks_in_business_time():
    clocks = opened().clocks
    assert set(clocks) == {"acknowledge", "first_contact", "resolve"}
    # one business day: close of business (17:30 London) on the next business day
    assert clocks["first_contact"].due_at == datetime(2026, 11, 24, 17, 30, tzinfo=timezone.utc)
    assert clocks["first_contact"].warn_at < clocks["first_contact"].due_at


def test_no_proposal_before_the_four_steps_and_no_close_before_prevention():
    state = opened()
    with pytest.raises(Rejected, match="understand, apologise, explain, fix"):
        run(state, command("propose", cmd.ProposeResolution(summary="x")))
    state = worked(state)
    state, _ = run(state, command("propose", cmd.ProposeResolution(summary="Refund")))
    state, _ = run(state, command("verdict", cmd.RecordVerdict(satisfied=True, score=4)))
    assert state.status == domain.AWAITING_PREVENTION
    state, events = run(state, command("prevent", cmd.RecordPrevention(
        root_cause="rota", preventive_action="two cooks", category=types.CATEGORY_FOOD_LATE_OR_COLD)))
    assert [type(e).__name__ for e in events] == ["PreventionRecorded", "CaseClosed"]
    assert state.status == domain.CLOSED and state.clocks["resolve"].state == domain.MET


def test_a_dissatisfied_verdict_climbs_one_level_and_restarts_the_work():
    state, _ = run(worked(opened()), command("propose", cmd.ProposeResolution(summary="Refund")))
    state, events = run(state, command("verdict", cmd.RecordVerdict(
        satisfied=False, score=1, reason=rev.DISSATISFACTION_REASON_SCEPTICAL_OF_FIX)))
    assert events[-1].cause == rev.ESCALATION_CAUSE_DISSATISFIED and events[-1].detail == "sceptical of fix"
    assert (state.level, state.handler, state.status, state.steps) == (
        types.LEVEL_CORPORATE_OFFICE, "customer-relations", domain.OPEN, frozenset())


def test_at_the_owner_an_escalation_request_is_recorded_not_refused():
    state = opened(channel=types.CHANNEL_LETTER_TO_OWNER)
    state, events = run(state, command("request_escalation", cmd.RequestEscalation(reason="higher!")))
    assert [type(e).__name__ for e in events] == ["EscalationRequested"] and events[0].at_highest_level
    assert state.level == types.LEVEL_OWNER


def test_an_unstaffed_level_gets_an_assignment_clock_that_a_reassignment_meets():
    unstaffed = dataclasses.replace(POLICY, handlers={"*": {types.LEVEL_MANAGER: "duty-manager"}})
    state = opened()
    events = domain.decide(state, command("request_escalation", cmd.RequestEscalation()), NOW, unstaffed)
    for e in events:
        state = domain.apply(state, e, NOW)
    assert state.handler == "" and state.clocks["assignment"].state == domain.RUNNING
    state, events = run(state, command("reassign", cmd.ReassignCase(handler="ayse", reason="on duty")))
    assert state.clocks["assignment"].state == domain.MET and state.handler == "ayse"


def test_the_conduct_guard_and_its_override():
    state = opened(channel=types.CHANNEL_PHONE)
    rude = cmd.SendMessage(text="Please log in to the website yourself.")
    with pytest.raises(Rejected, match="en/website-for-phone-customer"):
        run(state, command("message", rude))
    with pytest.raises(Forbidden):
        run(state, command("message", rude, override="asked for it"))
    _, events = run(state, command("message", rude, roles=("manager",), override="asked for it"))
    assert list(events[0].conduct_override.rules) == ["en/website-for-phone-customer"]
    by_email = opened()
    assert run(by_email, command("message", rude))[1][0].text == rude.text  # fine by email


def test_clocks_warn_then_breach_once_and_a_breach_escalates():
    state = opened()
    due_at = state.clocks["first_contact"].due_at
    warn_time = state.clocks["first_contact"].warn_at + timedelta(seconds=1)
    assert ("first_contact", "warning") in due(state, warn_time)
    state, events = run(state, command("clock_due", ClockDue(name="first_contact", kind="warning")), now=warn_time)
    assert [type(e).__name__ for e in events] == ["ClockWarned"]
    late = due_at + timedelta(seconds=1)
    state, events = run(state, command("clock_due", ClockDue(name="first_contact", kind="breach")), now=late)
    assert [type(e).__name__ for e in events] == ["ClockBreached", "CaseEscalated"]
    _, again = run(state, command("clock_due", ClockDue(name="first_contact", kind="breach")), now=late)
    assert again == []


def test_resuming_moves_business_deadlines_by_the_business_time_paused():
    state = opened()
    before = state.clocks["first_contact"].due_at
    state, _ = run(state, command("pause", cmd.PauseClocks(reason="waiting for photos")))
    state, _ = run(state, command("resume", ResumeClocks()), now=NOW + timedelta(hours=2))
    # due at Tuesday's close; two business hours later is Wednesday 11:00
    assert before == datetime(2026, 11, 24, 17, 30, tzinfo=timezone.utc)
    assert state.clocks["first_contact"].due_at == datetime(2026, 11, 25, 11, 0, tzinfo=timezone.utc)
    assert state.paused_since is None


def test_reopening_only_within_the_window():
    state, _ = run(opened(), command("close_withdrawn", iev.ComplaintWithdrawn()))
    with pytest.raises(Rejected, match="30 days"):
        run(state, command("reopen", cmd.ReopenCase(reason="again")), now=NOW + timedelta(days=31))
    state, _ = run(state, command("reopen", cmd.ReopenCase(reason="again")), now=NOW + timedelta(days=2))
    assert state.status == domain.OPEN and state.clocks["resolve"].state == domain.RUNNING


def test_verdict_scores_are_one_to_five():
    state, _ = run(worked(opened()), command("propose", cmd.ProposeResolution()))
    with pytest.raises(Invalid, match="score"):
        run(state, command("verdict", cmd.RecordVerdict(satisfied=True, score=6)))


def test_a_reaction_delivered_twice_is_the_same_command():
    """The kernel answers a request_id already applied; the reaction's must be the same each time."""
    first, second = react_to_intake(FILED), react_to_intake(FILED)
    assert first == second and first.context.request_id == "intake:e-1"
    assert first.context.causation_id == "e-1"
    assert [type(e).__name__ for e in domain.decide(None, first, NOW, POLICY)] == ["CaseOpened"]


FILED = Envelope(event_id="e-1", source="//redress/intake", subject="c-1", time=NOW, sequence=1,
                 organisation="org", actor="a", client_id="a", correlation_id="x", causation_id="cmd",
                 request_id="r", payload=iev.ComplaintFiled(complaint_id="c-1", organisation="org",
                                                            channel=types.CHANNEL_EMAIL, description="cold"))


def test_the_dossier_tells_the_whole_story():
    state, _ = run(worked(opened(store="Kadıköy")), command("propose", cmd.ProposeResolution(summary="Refund")))
    state, _ = run(state, command("verdict", cmd.RecordVerdict(
        satisfied=False, score=2, reason=rev.DISSATISFACTION_REASON_UNHAPPY_WITH_TREATMENT, comment="Rude.")))
    history = [Envelope(f"e{seq}", "//redress/resolution", "c-1", NOW, seq, "org", "duty-manager", "cl",
                        "x", "cmd", "r", e) for seq, e in enumerate(_events_of(state), start=1)]
    dossier = assemble(state, history)
    assert "Kadıköy" in dossier.what_happened and "cold food" in dossier.what_happened
    assert any("We are sorry." in e.what for e in dossier.done_or_promised)
    assert any("unhappy with treatment" in e.what for e in dossier.still_concerned)
    assert dossier.letter.startswith("To the corporate office")


def _events_of(state):
    opened_event = state.opened
    return [opened_event, rev.CustomerUnderstood(customer_reason="cold"), rev.ApologyMade(text="We are sorry."),
            rev.ExplanationGiven(text="Short-staffed kitchen."), rev.FixRecorded(text="Refunded."),
            rev.ResolutionProposed(summary="Refund"),
            rev.VerdictRecorded(satisfied=False, score=2, reason=rev.DISSATISFACTION_REASON_UNHAPPY_WITH_TREATMENT,
                                comment="Rude."),
            rev.CaseEscalated(from_level=2, to_level=3, handler="customer-relations",
                              cause=rev.ESCALATION_CAUSE_DISSATISFIED, detail="unhappy with treatment")]


def test_regulatory_clocks_run_while_the_case_waits_on_the_customer():
    regulated = dataclasses.replace(POLICY, regulatory_by_org={"org": ["cfpb"]})
    state = None
    for e in domain.decide(None, command("open", iev.ComplaintFiled(complaint_id="c-1", severity=2,
                                                                     channel=1, description="x")), NOW,
                           regulated):
        state = domain.apply(state, e, NOW)
    state, _ = run(state, command("pause", cmd.PauseClocks(reason="waiting")))
    late = state.clocks["cfpb.response"].due_at + timedelta(seconds=1)
    assert ("cfpb.response", "breach") in due(state, late)
    assert ("first_contact", "breach") not in due(state, late)
    state, events = run(state, command("resume", ResumeClocks()), now=NOW + timedelta(days=1))
    assert [c.name for c in events[0].clocks] == ["acknowledge", "first_contact", "resolve"]


def test_escalation_stops_the_old_levels_clocks_and_ends_a_pause():
    state, _ = run(opened(), command("pause", cmd.PauseClocks(reason="waiting")))
    state, events = run(state, command("request_escalation", cmd.RequestEscalation(reason="now")))
    assert [type(e).__name__ for e in events] == ["EscalationRequested", "ClocksResumed", "CaseEscalated"]
    assert state.paused_since is None
    assert state.clocks["first_contact"].state == domain.STOPPED
    assert state.clocks["resolve"].state == domain.RUNNING


def test_a_dissatisfied_verdict_at_the_owner_is_recorded_and_work_starts_again():
    state, _ = run(worked(opened(channel=types.CHANNEL_LETTER_TO_OWNER)),
                   command("propose", cmd.ProposeResolution(summary="x")))
    state, events = run(state, command("verdict", cmd.RecordVerdict(
        satisfied=False, score=1, reason=rev.DISSATISFACTION_REASON_OTHER)))
    assert [type(e).__name__ for e in events] == ["VerdictRecorded", "EscalationRequested"]
    assert events[1].at_highest_level and state.steps == frozenset() and state.status == domain.OPEN


def test_a_letter_to_the_corporate_office_about_an_open_case_takes_it_there():
    state, events = run(opened(), command("note_repeat_contact", iev.RepeatContactRecorded(
        channel=types.CHANNEL_LETTER_TO_CORPORATE_OFFICE, description="I am writing to the head office.")))
    assert [type(e).__name__ for e in events] == ["CustomerContactedAgain", "CaseEscalated"]
    assert state.level == types.LEVEL_CORPORATE_OFFICE


def test_a_satisfied_customer_meets_every_running_clock():
    state, _ = run(worked(opened()), command("propose", cmd.ProposeResolution(summary="x")))
    state, _ = run(state, command("verdict", cmd.RecordVerdict(satisfied=True, score=5)))
    assert all(run_.state == domain.MET for run_ in state.clocks.values())
    assert due(state, NOW + timedelta(days=400)) == []


def test_an_escalation_request_on_a_closed_case_reopens_it():
    state, _ = run(opened(), command("close_withdrawn", iev.ComplaintWithdrawn()))
    state, events = run(state, command("request_escalation", cmd.RequestEscalation(reason="again")))
    assert [type(e).__name__ for e in events][:2] == ["EscalationRequested", "CaseReopened"]


def test_a_complaint_reclassified_as_critical_gets_critical_clocks_and_goes_where_critical_cases_go():
    state = opened()
    medium_due = state.clocks["resolve"].due_at
    state, events = run(state, command("reclassify", iev.ComplaintAmended(
        changed_fields=["severity"], severity=types.SEVERITY_CRITICAL)))
    assert [type(e).__name__ for e in events] == ["CaseReclassified", "CaseEscalated"]
    assert events[1].cause == rev.ESCALATION_CAUSE_RECLASSIFIED
    assert state.opened.severity == types.SEVERITY_CRITICAL and state.level == types.LEVEL_CORPORATE_OFFICE
    assert state.clocks["resolve"].due_at < medium_due
    _, nothing = run(state, command("reclassify", iev.ComplaintAmended(changed_fields=["store"], store="X")))
    assert nothing == []


# -- what a client may say, and what only the server decides -------------------------------

SERVER_DECIDES = {"conduct_override", "at_highest_level", "clocks", "routing_rule", "actor", "from_level",
                  "to_level", "cause"}


def _fields_reachable(message, seen=None):
    seen = set() if seen is None else seen
    if message.full_name in seen:
        return
    seen.add(message.full_name)
    for f in message.fields:
        yield f
        if f.message_type is not None:
            yield from _fields_reachable(f.message_type, seen)


def test_no_request_or_handler_command_carries_an_event_or_a_field_the_server_decides():
    from redress.resolution.v1 import resolution_service_pb2 as rapi

    inputs = [m.input_type for m in rapi.DESCRIPTOR.services_by_name["ResolutionService"].methods]
    reactions = {"note_public_escalation", "note_risk"}  # publicity-watch's events, built by the server
    handler_work = [f.message_type for f in ResolutionCommand.DESCRIPTOR.oneofs_by_name["action"].fields
                    if f.number >= 20 and f.name not in reactions]
    for message in inputs + handler_work:
        for f in _fields_reachable(message):
            assert f.name not in SERVER_DECIDES, f"{message.full_name} lets a client set {f.name}"
            assert f.message_type is None or not f.message_type.full_name.startswith("redress.events."), \
                f"{message.full_name}.{f.name} embeds the event {f.message_type.full_name}"


def test_a_conduct_override_forged_in_the_old_request_never_reaches_the_event():
    from redress.resolution.v1 import resolution_service_pb2 as rapi
    from redress_resolution.grpc_api import STEP_COMMANDS

    # The old RecordStepRequest embedded ApologyMade (field 11), conduct_override and all.
    forged = rev.ApologyMade(text="We are sorry.", conduct_override=rev.ConductOverride(
        rules=["en/company-policy"], reason="forged by the client")).SerializeToString()
    wire = rapi.RecordStepRequest(complaint_id="c-1").SerializeToString() + b"\x5a" + bytes([len(forged)]) + forged
    request = rapi.RecordStepRequest.FromString(wire)
    assert request.apologise.text == "We are sorry."
    step = command("apologise", STEP_COMMANDS["apologise"](request.apologise))
    assert b"forged" not in step.SerializeToString()
    _, events = run(opened(), step)
    assert type(events[0]) is rev.ApologyMade and not events[0].HasField("conduct_override")


def test_every_step_command_says_only_what_its_event_records():
    from redress_resolution.workflow import STEP_EVENTS

    actions = ResolutionCommand.DESCRIPTOR.oneofs_by_name["action"].fields
    for step, event in STEP_EVENTS.items():
        given = next(f for f in actions if f.name == step).message_type
        recorded = event.DESCRIPTOR.fields_by_name
        assert all(f.name in recorded and f.type == recorded[f.name].type for f in given.fields), step


def test_a_case_folds_every_resolution_event():
    not_events = {"Clock", "ConductOverride"}
    names = {n for n in rev.DESCRIPTOR.message_types_by_name if n not in not_events}
    assert names == {e.DESCRIPTOR.name for e in domain.EVENTS}


def test_the_domain_imports_no_infrastructure():
    import ast
    from pathlib import Path

    package = Path(domain.__file__).parent
    pure = ["domain", "case", "workflow", "clocks", "inputs", "policy", "conduct", "business_time"]
    for name in pure:
        tree = ast.parse((package / f"{name}.py").read_text())
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        for module in imported:
            assert module.split(".")[0] not in {"structlog", "aiokafka", "grpc", "logging"}, (name, module)
            assert not module.startswith("redress.kernel") or module == "redress.kernel.rejections", (name, module)
            assert not module.startswith("redress_resolution.") or module.split(".")[1] in pure, (name, module)
