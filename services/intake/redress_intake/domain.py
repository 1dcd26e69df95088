"""The intake domain: decide a command against a complaint's state, apply an event to it.

Plain functions and dataclasses. Commands and events are the protobuf messages of
the log contract (data only); nothing here knows Kafka or gRPC.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone

from redress.events.v1 import intake_pb2 as ev
from redress.kernel.rejections import AlreadyExists, Invalid, NotFound, Rejected
from redress.intake.v1.commands_pb2 import IntakeCommand
from redress.types.v1 import complaint_pb2 as types

OPEN, WITHDRAWN = "open", "withdrawn"

# Longest accepted value of every string a client sends, in characters.
LIMITS = {
    "complaint_id": 64,
    "contact.name": 200,
    "contact.email": 254,
    "contact.phone": 32,
    "contact.social_handle": 100,
    "description": 20000,
    "desired_remedy": 4000,
    "store": 200,
    "order_reference": 100,
    "reason": 2000,
}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[0-9 ()./-]{5,32}$")
HANDLE = re.compile(r"^@?[\w.\-]{1,99}$")
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True)
class Complaint:
    filed: ev.ComplaintFiled
    filed_at: datetime
    updated_at: datetime
    version: int = 0
    reference: str = ""
    status: str = OPEN
    repeat_channels: tuple[int, ...] = ()
    withdrawn_reason: str = ""
    publicity_intents: tuple[str, ...] = ()  # where the customer said they will go public
    suggested_links: tuple[str, ...] = ()  # other contacts' complaints this one quoted

    @property
    def complaint_id(self) -> str:
        return self.filed.complaint_id

    @property
    def etag(self) -> str:
        return str(self.version)


# -- validation -----------------------------------------------------------------------

def check_length(name: str, value: str) -> None:
    limit = LIMITS[name]
    if len(value) > limit:
        raise Invalid(f"{name} is {len(value)} characters long; the limit is {limit}", name)


def check_enum(name: str, value: int, enum, required: bool = False) -> None:
    if value not in enum.values():
        raise Invalid(f"{name} has no value {value}", name)
    if required and value == 0:
        raise Invalid(f"{name} is required", name)


def validate_contact(contact: types.CustomerContact) -> None:
    for part in ("name", "email", "phone", "social_handle"):
        check_length(f"contact.{part}", getattr(contact, part))
    if not any((contact.name.strip(), contact.email.strip(), contact.phone.strip(), contact.social_handle.strip())):
        raise Invalid("contact needs at least one of name, email, phone or social_handle", "contact")
    if contact.email and not EMAIL.match(contact.email.strip()):
        raise Invalid(f"contact.email {contact.email!r} is not an email address", "contact.email")
    if contact.phone and not (PHONE.match(contact.phone.strip()) and sum(c.isdigit() for c in contact.phone) >= 5):
        raise Invalid(f"contact.phone {contact.phone!r} is not a phone number", "contact.phone")
    if contact.social_handle and not HANDLE.match(contact.social_handle.strip()):
        raise Invalid(f"contact.social_handle {contact.social_handle!r} is not a handle", "contact.social_handle")


def validate_filing(filed: ev.ComplaintFiled, now: datetime) -> None:
    check_enum("channel", filed.channel, types.Channel, required=True)
    validate_contact(filed.contact)
    for name in ("description", "desired_remedy", "store", "order_reference"):
        check_length(name, getattr(filed, name))
    if not filed.description.strip():
        raise Invalid("description is required: what happened, in the customer's words", "description")
    check_enum("category", filed.category, types.Category)
    check_enum("severity", filed.severity, types.Severity)
    if filed.HasField("occurred_at"):
        try:
            occurred = filed.occurred_at.ToDatetime(timezone.utc)
        except (ValueError, OverflowError) as exc:
            raise Invalid("occurred_at is not a valid instant", "occurred_at") from exc
        if occurred > now + CLOCK_SKEW:
            raise Invalid("occurred_at is in the future", "occurred_at")


def validate_amendment(amend: ev.ComplaintAmended) -> None:
    check_enum("category", amend.category, types.Category)
    check_enum("severity", amend.severity, types.Severity)
    for name in ("store", "order_reference", "desired_remedy"):
        check_length(name, getattr(amend, name))
    if not (amend.category or amend.severity or amend.store or amend.order_reference or amend.desired_remedy):
        raise Invalid("nothing to amend: set at least one of category, severity, store, order_reference, "
                      "desired_remedy", "category")


# -- customers across channels ---------------------------------------------------------

def contact_keys(contact: types.CustomerContact) -> list[str]:
    """The identifiers that make two contacts the same customer, strongest first."""
    keys = []
    if contact.email.strip():
        keys.append("email:" + contact.email.strip().casefold())
    if contact.phone.strip():
        digits = re.sub(r"[^0-9]", "", contact.phone)
        keys.append("phone:" + digits[-10:])
    if contact.social_handle.strip():
        keys.append("handle:" + contact.social_handle.strip().lstrip("@").casefold())
    return keys


def same_problem(open_complaint: Complaint, draft: ev.ComplaintFiled) -> bool:
    """A second complaint is the same open problem when it names the same order, or the
    same store and the same kind of failure."""
    return same_problem_as_filed(open_complaint.filed, draft)


def same_problem_as_filed(filed: ev.ComplaintFiled, draft: ev.ComplaintFiled) -> bool:
    if draft.order_reference and draft.order_reference.strip().casefold() == filed.order_reference.strip().casefold():
        return True
    return bool(
        draft.store
        and draft.store.strip().casefold() == filed.store.strip().casefold()
        and draft.category == filed.category
    )


# -- references ----------------------------------------------------------------------------

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def reference_for(complaint_id: str) -> str:
    """A short reference the customer can quote, e.g. RDR-7KQ2-M9XD."""
    number = int.from_bytes(hashlib.sha256(complaint_id.encode()).digest()[:5], "big")
    chars = "".join(_CROCKFORD[(number >> (5 * i)) & 31] for i in range(8))
    return f"RDR-{chars[:4]}-{chars[4:]}"


# -- decide ------------------------------------------------------------------------------

def decide(state: Complaint | None, command: IntakeCommand, now: datetime) -> list:
    """The events a command appends (the kernel has answered retries and stale etags)."""
    action = command.WhichOneof("action")
    if action == "file":
        return file_complaint(state, command, now)
    if state is None:
        raise NotFound(f"complaint {command.context.complaint_id} does not exist", "complaint_id")
    if action == "repeat_contact":
        return record_repeat_contact(state, command)
    if action == "amend":
        return amend(state, command.amend)
    if action == "withdraw":
        return withdraw(state, command.withdraw)
    raise Invalid("the command has no action", "action")


def file_complaint(state: Complaint | None, command: IntakeCommand, now: datetime) -> list:
    if state is not None:
        raise AlreadyExists(f"complaint {command.context.complaint_id} already exists", "request_id")
    filed = ev.ComplaintFiled()
    filed.CopyFrom(command.file)
    validate_filing(filed, now)
    acknowledged = ev.ComplaintAcknowledged(
        complaint_id=filed.complaint_id, reference=reference_for(filed.complaint_id), channel=filed.channel)
    return [filed, acknowledged, *_understood(command, filed.complaint_id)]


def _understood(command: IntakeCommand, complaint_id: str) -> list:
    """What the server read in the customer's words: an intent to go public, a complaint
    of another contact's that they quoted."""
    found = []
    if command.HasField("publicity_intent"):
        intent = ev.PublicityIntentStated()
        intent.CopyFrom(command.publicity_intent)
        intent.complaint_id = complaint_id
        found.append(intent)
    if command.HasField("suggested_link") and command.suggested_link.suggested_complaint_id != complaint_id:
        link = ev.ComplaintLinkSuggested()
        link.CopyFrom(command.suggested_link)
        link.complaint_id = complaint_id
        found.append(link)
    return found


def _require_open(state: Complaint, doing: str) -> None:
    if state.status != OPEN:
        raise Rejected(f"complaint {state.complaint_id} is {state.status}; it cannot be {doing}", "complaint_id")


def record_repeat_contact(state: Complaint, command: IntakeCommand) -> list:
    repeat = command.repeat_contact
    _require_open(state, "linked to a new contact")
    validate_contact(repeat.contact)
    check_length("description", repeat.description)
    return [repeat, *_understood(command, state.complaint_id)]


def amend(state: Complaint, amendment: ev.ComplaintAmended) -> list:
    validate_amendment(amendment)
    _require_open(state, "amended")
    current = state.filed
    changed = [
        name for name in ("category", "severity", "store", "order_reference", "desired_remedy")
        if getattr(amendment, name) and getattr(amendment, name) != getattr(current, name)
    ]
    if not changed:
        return []
    event = ev.ComplaintAmended(complaint_id=state.complaint_id, changed_fields=changed)
    for name in changed:
        setattr(event, name, getattr(amendment, name))
    return [event]


def withdraw(state: Complaint, withdrawal: ev.ComplaintWithdrawn) -> list:
    check_length("reason", withdrawal.reason)
    _require_open(state, "withdrawn")
    return [ev.ComplaintWithdrawn(complaint_id=state.complaint_id, reason=withdrawal.reason)]


# -- apply --------------------------------------------------------------------------------

def apply(state: Complaint | None, event, at: datetime) -> Complaint:
    """The complaint after one more event it knows (the kernel keeps the version)."""
    if isinstance(event, ev.ComplaintFiled):
        return Complaint(filed=event, filed_at=at, updated_at=at)
    if state is None:
        raise ValueError(f"{type(event).__name__} before ComplaintFiled")
    if isinstance(event, ev.ComplaintAcknowledged):
        state = replace(state, reference=event.reference)
    elif isinstance(event, ev.RepeatContactRecorded):
        state = replace(state, repeat_channels=state.repeat_channels + (event.channel,))
    elif isinstance(event, ev.ComplaintAmended):
        filed = ev.ComplaintFiled()
        filed.CopyFrom(state.filed)
        for name in event.changed_fields:
            setattr(filed, name, getattr(event, name))
        state = replace(state, filed=filed)
    elif isinstance(event, ev.ComplaintWithdrawn):
        state = replace(state, status=WITHDRAWN, withdrawn_reason=event.reason)
    elif isinstance(event, ev.PublicityIntentStated):
        state = replace(state, publicity_intents=state.publicity_intents + (event.where,))
    elif isinstance(event, ev.ComplaintLinkSuggested):
        state = replace(state, suggested_links=state.suggested_links + (event.suggested_complaint_id,))
    return replace(state, updated_at=at)
