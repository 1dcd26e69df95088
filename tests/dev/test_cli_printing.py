"""The CLI prints events of types it does not know (a newer version's) instead of crashing."""
from __future__ import annotations

import json

from google.protobuf import any_pb2
from google.protobuf.timestamp_pb2 import Timestamp

from redress.dev.cli import event_detail, event_json, print_case, print_event, print_story
from redress.events.v1 import intake_pb2 as ev
from redress.intake.v1 import intake_service_pb2 as api
from redress.resolution.v1 import resolution_service_pb2 as rapi

NEWER = "redress.events.v2.ComplaintTeleported"


def packed(message) -> any_pb2.Any:
    payload = any_pb2.Any()
    payload.Pack(message)
    return payload


def unknown(size: int = 7) -> any_pb2.Any:
    return any_pb2.Any(type_url=f"type.googleapis.com/{NEWER}", value=b"\x0a" + bytes([size - 2]) + b"x" * (size - 2))


def event(payload: any_pb2.Any, type_name: str = NEWER) -> api.ComplaintEvent:
    return api.ComplaintEvent(event_id="e-1", type=type_name, complaint_id="c-1", sequence=3, actor="someone",
                              time=Timestamp(seconds=1_700_000_000), payload=payload)


def test_a_known_event_says_what_it_says():
    assert event_detail(event(packed(ev.ComplaintAcknowledged(reference="R-1")),
                              "redress.events.v1.ComplaintAcknowledged")) == "reference R-1"


def test_an_unknown_type_is_named_with_its_size():
    assert event_detail(event(unknown())) == f"{NEWER} (unknown to this version, 7 bytes)"


def test_an_any_wrapping_an_any_is_unwrapped():
    # What intake's API sends for an event it read but does not know: the Any packed again.
    assert event_detail(event(packed(unknown()))) == f"{NEWER} (unknown to this version, 7 bytes)"
    known = packed(packed(ev.ComplaintAcknowledged(reference="R-2")))
    assert event_detail(event(known, "redress.events.v1.ComplaintAcknowledged")) == "reference R-2"


def test_unreadable_bytes_of_a_known_type_are_said_to_be_unreadable():
    broken = any_pb2.Any(type_url="type.googleapis.com/redress.events.v1.ComplaintAcknowledged", value=b"\xff\xff")
    assert event_detail(event(broken)) == "redress.events.v1.ComplaintAcknowledged (unreadable, 2 bytes)"


def test_show_tail_and_case_print_an_unknown_event(capsys):
    print_event(event(packed(unknown())))
    print_story(api.GetComplaintResponse(history=[event(unknown())]))
    print_case(rapi.GetCaseResponse(history=[rapi.CaseEvent(type=NEWER, sequence=1, payload=unknown(),
                                                            time=Timestamp(seconds=1_700_000_000))]))
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith(f"ComplaintTeleported      by someone  {NEWER} (unknown to this version, 7 bytes)")
    assert lines[-3].endswith(f"{NEWER} (unknown to this version, 7 bytes)")  # the story's history
    assert lines[-1].endswith(f"{NEWER} (unknown to this version, 7 bytes)")  # the case's history


def test_tail_json_keeps_an_unknown_payload_as_base64():
    line = json.loads(event_json(event(packed(unknown(4)))))
    assert line["payload"] == {"@type": f"type.googleapis.com/{NEWER}", "unknownToThisVersion": True,
                               "value": "CgJ4eA=="}
    assert line["complaintId"] == "c-1" and line["sequence"] == "3"
    known = json.loads(event_json(event(packed(ev.ComplaintAcknowledged(reference="R-3")))))
    assert known["payload"]["reference"] == "R-3"
