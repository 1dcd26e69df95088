"""The intake domain, without Kafka or gRPC: decide and apply."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from redress.events.v1 import intake_pb2 as ev
from redress.commands.v1.commands_pb2 import CommandContext, Principal
from redress.intake.v1.commands_pb2 import IntakeCommand
from redress.kernel.decisions import StreamDecider
from redress.kernel.envelope import decode, encode
from redress.kernel.rejections import AlreadyExists, Invalid, Rejected
from redress.kernel.streams import Streams
from redress.types.v1 import complaint_pb2 as types
from redress_intake import domain

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


def context(request_id="r-1", complaint_id="c-1", org="org", etag="") -> CommandContext:
    return CommandContext(request_id=request_id, complaint_id=complaint_id, command_id=f"cmd-{request_id}",
                          expected_etag=etag, principal=Principal(client_id="cl", organisation=org))


def file_command(request_id="r-1", complaint_id="c-1", org="org", **filed) -> IntakeCommand:
    filed.setdefault("channel", types.CHANNEL_EMAIL)
    filed.setdefault("contact", types.CustomerContact(email="a@example.com"))
    filed.setdefault("description", "cold food")
    command = IntakeCommand(context=context(request_id, complaint_id, org))
    command.file.CopyFrom(ev.ComplaintFiled(complaint_id=complaint_id, organisation=org, **filed))
    return command


class Kernel:
    """Intake's domain behind the kernel's decider, with its events folded back (through
    their Kafka encoding) as the feed would: what the single writer does, without Kafka."""

    def __init__(self):
        self.streams = Streams(domain.apply)
        self.decider = StreamDecider(IntakeCommand, "//redress/intake", 6, self.streams, domain.decide)

    def run(self, command):
        outcome = self.decider.decide_batch([command])[0]
        for env in outcome.events:
            key, value, headers = encode(env)
            self.streams.fold(decode(value, headers))
        return outcome.reply

    def state(self, complaint_id="c-1"):
        return self.streams.states[complaint_id]


def filed_state(**kw) -> domain.Complaint:
    state = None
    for event in domain.decide(None, file_command(**kw), NOW):
        state = domain.apply(state, event, NOW)
    return state


def test_filing_acknowledges_with_a_reference():
    events = domain.decide(None, file_command(), NOW)
    assert [type(e).__name__ for e in events] == ["ComplaintFiled", "ComplaintAcknowledged"]
    assert events[1].reference == domain.reference_for("c-1")
    kernel = Kernel()
    assert kernel.run(file_command()).version == 2
    state = kernel.state()
    assert state.version == 2 and state.reference.startswith("RDR-") and state.status == domain.OPEN


def test_a_repeated_request_is_a_duplicate_with_its_first_version():
    kernel = Kernel()
    kernel.run(file_command())
    kernel.run(_on(kernel.state(), "amend", ev.ComplaintAmended(severity=3), request_id="r-2"))
    reply = kernel.run(file_command())
    assert reply.code == 0 and reply.version == 2 and kernel.state().version == 3
    assert kernel.state().filed.severity == 3


def test_a_request_id_reused_for_another_action_is_already_exists():
    kernel = Kernel()
    kernel.run(file_command())
    reply = kernel.run(_on(kernel.state(), "withdraw", ev.ComplaintWithdrawn(), request_id="r-1"))
    assert reply.code == AlreadyExists.code.value[0] and reply.field == "request_id"


def test_filing_over_an_existing_complaint_with_another_request_is_refused():
    with pytest.raises(AlreadyExists):
        domain.decide(filed_state(), file_command(request_id="r-2"), NOW)


@pytest.mark.parametrize("change, field", [
    ({"description": ""}, "description"),
    ({"channel": types.CHANNEL_UNSPECIFIED}, "channel"),
    ({"contact": types.CustomerContact()}, "contact"),
    ({"contact": types.CustomerContact(email="nope")}, "contact.email"),
    ({"contact": types.CustomerContact(social_handle="has space")}, "contact.social_handle"),
    ({"description": "x" * 20001}, "description"),
    ({"severity": 17}, "severity"),
])
def test_invalid_filings_name_the_field(change, field):
    with pytest.raises(Invalid) as refused:
        domain.decide(None, file_command(**change), NOW)
    assert refused.value.field == field


def test_future_occurrence_is_refused_but_clock_skew_is_tolerated():
    command = file_command()
    command.file.occurred_at.FromDatetime(NOW + timedelta(minutes=2))
    assert domain.decide(None, command, NOW)
    command.file.occurred_at.FromDatetime(NOW + timedelta(hours=1))
    with pytest.raises(Invalid):
        domain.decide(None, command, NOW)


def _on(state, action: str, payload, request_id="r-9", etag="", org="org") -> IntakeCommand:
    command = IntakeCommand(context=context(request_id, state.complaint_id if state else "c-1", org, etag))
    getattr(command, action).CopyFrom(payload)
    return command


def test_amend_records_only_what_changed_and_apply_updates_the_state():
    state = filed_state(store="Kadıköy")
    events = domain.decide(state, _on(state, "amend", ev.ComplaintAmended(store="Kadıköy", severity=3)), NOW)
    assert list(events[0].changed_fields) == ["severity"]
    after = domain.apply(state, events[0], NOW)
    assert after.filed.severity == 3 and after.filed.store == "Kadıköy"
    kernel = Kernel()
    kernel.run(file_command(store="Kadıköy"))
    kernel.run(_on(kernel.state(), "amend", ev.ComplaintAmended(store="Kadıköy", severity=3)))
    assert kernel.state().version == 3 and kernel.streams.stream("c-1").requests["r-9"] == (3, "amend")


def test_amend_with_nothing_to_change_is_invalid():
    state = filed_state()
    with pytest.raises(Invalid):
        domain.decide(state, _on(state, "amend", ev.ComplaintAmended()), NOW)


def test_stale_etag_is_refused():
    kernel = Kernel()
    kernel.run(file_command())
    state = kernel.state()
    stale = kernel.run(_on(state, "withdraw", ev.ComplaintWithdrawn(), etag="1"))
    assert stale.code == 10 and "etag 2" in stale.message and kernel.state().status == domain.OPEN
    assert kernel.run(_on(state, "withdraw", ev.ComplaintWithdrawn(), etag="2")).code == 0


def test_withdrawn_complaint_refuses_further_changes():
    state = filed_state()
    state = domain.apply(state, ev.ComplaintWithdrawn(complaint_id="c-1", reason="ok"), NOW)
    with pytest.raises(Rejected, match="withdrawn"):
        domain.decide(state, _on(state, "withdraw", ev.ComplaintWithdrawn(), request_id="r-10"), NOW)


def test_another_organisation_cannot_see_the_complaint():
    kernel = Kernel()
    kernel.run(file_command())
    reply = kernel.run(_on(kernel.state(), "withdraw", ev.ComplaintWithdrawn(), org="other"))
    assert reply.code == 5 and reply.message == "complaint c-1 does not exist"
    assert kernel.state().status == domain.OPEN


def test_contact_keys_fold_case_and_phone_formatting():
    a = domain.contact_keys(types.CustomerContact(email=" Ayse@Example.com ", phone="+90 (555) 123-4567",
                                                  social_handle="@Ayse"))
    b = domain.contact_keys(types.CustomerContact(email="ayse@example.com", phone="05551234567",
                                                  social_handle="ayse"))
    assert a == b


def test_same_problem_means_same_order_or_same_store_and_category():
    state = filed_state(store="Kadıköy", order_reference="A-1", category=types.CATEGORY_STAFF_PUSHY)
    assert domain.same_problem(state, ev.ComplaintFiled(order_reference="a-1"))
    assert domain.same_problem(state, ev.ComplaintFiled(store="kadıköy", category=types.CATEGORY_STAFF_PUSHY))
    assert not domain.same_problem(state, ev.ComplaintFiled(store="kadıköy", category=types.CATEGORY_OTHER))
    assert not domain.same_problem(state, ev.ComplaintFiled())


def test_references_are_short_stable_and_distinct():
    refs = {domain.reference_for(f"c-{i}") for i in range(2000)}
    assert len(refs) == 2000
    assert domain.reference_for("c-1") == domain.reference_for("c-1")


def test_a_request_id_is_a_retry_only_of_the_same_action():
    kernel = Kernel()
    kernel.run(file_command())
    kernel.run(_on(kernel.state(), "amend", ev.ComplaintAmended(store="X")))
    retry = kernel.run(_on(kernel.state(), "amend", ev.ComplaintAmended(store="Y")))
    assert retry.code == 0 and retry.version == 3 and kernel.state().filed.store == "X"
    reused = kernel.run(_on(kernel.state(), "withdraw", ev.ComplaintWithdrawn()))
    assert reused.code == 6 and "already used" in reused.message


def test_an_event_of_an_unknown_type_is_kept_and_moves_the_version_even_first():
    from redress.kernel.envelope import Envelope

    kernel = Kernel()
    future = Envelope(event_id="e-0", source="//redress/intake", subject="c-1", time=NOW, sequence=1,
                      organisation="org", actor="a", client_id="cl", correlation_id="", causation_id="",
                      request_id="r-0", payload=ev.ComplaintFiled(complaint_id="c-1"))
    key, value, headers = encode(future)
    headers = [(k, b"redress.events.v1.FromTheFuture" if k == "ce_type" else v) for k, v in headers]
    kernel.streams.fold(decode(value, headers))
    assert kernel.streams.stream("c-1").version == 1 and "c-1" not in kernel.streams.states
    command = file_command()
    command.file.complaint_id = "c-1"
    assert kernel.run(command).version == 3
    assert kernel.state().version == 3 and [e.type for e in kernel.streams.histories["c-1"]][0].endswith("FromTheFuture")
    assert not kernel.streams.take_problems()
