"""The read model: duplicates skipped, unknown events tolerated, customers indexed."""
from datetime import datetime, timezone

from google.protobuf import any_pb2

from redress.kernel.envelope import Envelope
from redress.events.v1 import intake_pb2 as ev
from redress.types.v1 import complaint_pb2 as types
from redress_intake.projection import ComplaintBook

T = datetime(2026, 11, 23, tzinfo=timezone.utc)


def envelope(sequence: int, payload, subject="c-1", request_id="r-1") -> Envelope:
    return Envelope(event_id=f"e-{subject}-{sequence}", source="//redress/intake", subject=subject, time=T,
                    sequence=sequence, organisation="org", actor="a", client_id="a", correlation_id="x",
                    causation_id="cmd", request_id=request_id, payload=payload)


def filed(subject="c-1", email="a@example.com", customer="cust-1"):
    return ev.ComplaintFiled(complaint_id=subject, organisation="org", customer_id=customer,
                             channel=types.CHANNEL_EMAIL, description="cold",
                             contact=types.CustomerContact(email=email))


def test_an_event_applied_twice_changes_nothing():
    book = ComplaintBook()
    assert book.apply(envelope(1, filed()))
    assert not book.apply(envelope(1, filed()))
    assert book.duplicates_skipped == 1
    assert book.complaints["c-1"].version == 1 and len(book.histories["c-1"]) == 1


def test_events_of_unknown_types_keep_the_sequence_going():
    book = ComplaintBook()
    book.apply(envelope(1, filed()))
    book.apply(envelope(2, any_pb2.Any(type_url="type.googleapis.com/redress.events.v1.FromTheFuture")))
    assert book.apply(envelope(3, ev.ComplaintWithdrawn(complaint_id="c-1"), request_id="r-2"))
    assert book.complaints["c-1"].status == "withdrawn" and book.complaints["c-1"].version == 3
    assert book.histories["c-1"][1].type == "redress.events.v1.FromTheFuture"


def test_a_customer_is_found_by_any_contact_seen_before():
    book = ComplaintBook()
    book.apply(envelope(1, filed()))
    book.apply(envelope(2, ev.RepeatContactRecorded(
        complaint_id="c-1", channel=types.CHANNEL_TWITTER,
        contact=types.CustomerContact(social_handle="@Ayse")), request_id="r-2"))
    assert book.customer_for("org", types.CustomerContact(social_handle="ayse")) == "cust-1"
    assert book.customer_for("org", types.CustomerContact(email="A@EXAMPLE.COM")) == "cust-1"
    assert book.customer_for("other-org", types.CustomerContact(email="a@example.com")) != "cust-1"
    assert book.complaint_for_request("org", "r-2") == "c-1"
