"""Envelopes round-trip through Kafka record headers; ids are deterministic."""
from datetime import datetime, timezone

from redress.kernel.envelope import Envelope, decode, encode
from redress.kernel.ids import event_id
from redress.events.v1 import intake_pb2 as ev


def test_envelope_round_trips_through_a_record():
    env = Envelope(event_id=event_id("cmd", 0), source="//redress/intake", subject="c-1",
                   time=datetime(2026, 11, 23, 10, 0, 0, 123000, tzinfo=timezone.utc), sequence=7,
                   organisation="org", actor="manager:zeynep", client_id="cl", correlation_id="corr",
                   causation_id="cmd", request_id="r", payload=ev.ComplaintWithdrawn(complaint_id="c-1", reason="ψ"))
    key, value, headers = encode(env)
    assert key == b"c-1"
    assert decode(value, headers) == env
    assert dict(headers)["ce_type"] == b"redress.events.v1.ComplaintWithdrawn"


def test_event_ids_depend_only_on_the_command_and_position():
    assert event_id("cmd", 0) == event_id("cmd", 0) != event_id("cmd", 1) != event_id("other", 1)

