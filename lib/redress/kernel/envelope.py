"""One event, with the envelope that travels in its Kafka record's headers.

Records use CloudEvents 1.0 Kafka binary mode: the protobuf payload is the
record value, the attributes are `ce_*` headers. docs/events.md is the contract.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from datetime import datetime, timezone

from google.protobuf import any_pb2, descriptor_pool, message_factory
from google.protobuf.message import DecodeError, Message

import redress.events.v1

# Importing them registers every Redress event type, so `decode` knows them all.
EVENT_MODULES = tuple(importlib.import_module(f"redress.events.v1.{m.name}")
                      for m in pkgutil.iter_modules(redress.events.v1.__path__) if m.name.endswith("_pb2"))

CONTENT_TYPE = "application/protobuf"
SPEC_VERSION = "1.0"
# One command's events travel as one record batch, below the broker's default
# message.max.bytes (1 MiB).
MAX_COMMAND_BYTES = 900 * 1024
RECORD_OVERHEAD = 64
REQUIRED = ("ce_id", "ce_source", "ce_type", "ce_subject", "ce_time")

# CloudEvents attribute -> Envelope field, for the extension attributes Redress adds.
EXTENSIONS = {
    "ce_sequence": "sequence",
    "ce_organisation": "organisation",
    "ce_actor": "actor",
    "ce_clientid": "client_id",
    "ce_correlationid": "correlation_id",
    "ce_causationid": "causation_id",
    "ce_requestid": "request_id",
    "ce_traceparent": "traceparent",
    "ce_command": "command",
}


@dataclass(frozen=True)
class Envelope:
    event_id: str
    source: str
    subject: str
    time: datetime
    sequence: int
    organisation: str
    actor: str
    client_id: str
    correlation_id: str
    causation_id: str
    request_id: str
    payload: Message
    partition: int = -1
    offset: int = -1
    # The action of the command that appended it (e.g. "amend"): a reused request_id is a
    # retry only of the same action.
    command: str = ""
    # The W3C traceparent of the span that appended it (CloudEvents distributed tracing); may be empty.
    traceparent: str = ""
    # The record's value and headers as read from the log, kept so a store holds them unchanged.
    raw: tuple[bytes, list] | None = field(default=None, compare=False, repr=False)

    @property
    def type(self) -> str:
        if isinstance(self.payload, any_pb2.Any):  # a type this reader does not know
            return self.payload.TypeName()
        return self.payload.DESCRIPTOR.full_name


def packed(payload: Message) -> any_pb2.Any:
    """The payload in an Any, for clients; one of a type this version does not know is one already."""
    if isinstance(payload, any_pb2.Any):
        return payload
    holder = any_pb2.Any()
    holder.Pack(payload)
    return holder


def to_headers(env: Envelope) -> list[tuple[str, bytes]]:
    attrs = {
        "ce_specversion": SPEC_VERSION,
        "ce_id": env.event_id,
        "ce_source": env.source,
        "ce_type": env.type,
        "ce_time": env.time.astimezone(timezone.utc).isoformat().replace("+00:00", "Z"),
        "ce_subject": env.subject,
        "content-type": CONTENT_TYPE,
    }
    for header, attr in EXTENSIONS.items():
        attrs[header] = str(getattr(env, attr))
    for optional, attr in (("ce_command", "command"), ("ce_traceparent", "traceparent")):
        if not getattr(env, attr):
            del attrs[optional]
    return [(k, v.encode()) for k, v in attrs.items()]


def encode(env: Envelope) -> tuple[bytes, bytes, list[tuple[str, bytes]]]:
    """The record's key (the complaint id), value and headers."""
    payload = env.payload
    value = payload.value if isinstance(payload, any_pb2.Any) else payload.SerializeToString()
    return env.subject.encode(), value, to_headers(env)


# More than every header of one record together can take (their values are bounded).
HEADERS_BOUND = 4096


def record_size(key: bytes, value: bytes, headers: list[tuple[str, bytes]]) -> int:
    return len(key) + len(value) + sum(len(k) + len(v) for k, v in headers) + RECORD_OVERHEAD


def size_bound(env: Envelope) -> int:
    """At least the record's size, without encoding it (the decider checks it on every command)."""
    return len(env.subject.encode()) + env.payload.ByteSize() + HEADERS_BOUND + RECORD_OVERHEAD


class UnknownEventType(ValueError):
    pass


class UnreadableRecord(ValueError):
    """A record that is not an event this reader can use; the message says why."""


def message_class(full_name: str) -> type[Message]:
    try:
        descriptor = descriptor_pool.Default().FindMessageTypeByName(full_name)
    except KeyError as exc:
        raise UnknownEventType(full_name) from exc
    return message_factory.GetMessageClass(descriptor)


def decode(value: bytes, headers, partition: int = -1, offset: int = -1) -> Envelope:
    """The envelope of a record; a payload of an unknown type stays packed in an Any.
    Raises UnreadableRecord (naming the problem) for anything else."""
    try:
        attrs = {k: v.decode() for k, v in headers or ()}
    except (UnicodeDecodeError, AttributeError, TypeError, ValueError) as exc:
        raise UnreadableRecord("a header is not UTF-8 text") from exc
    missing = [h for h in REQUIRED if not attrs.get(h)]
    if missing:
        raise UnreadableRecord(f"no {', '.join(missing)} header")
    fields = {attr: attrs.get(header, "") for header, attr in EXTENSIONS.items()}
    try:
        fields["sequence"] = int(fields["sequence"])
        if fields["sequence"] < 1:
            raise ValueError("below 1")
    except ValueError as exc:
        raise UnreadableRecord(f"ce_sequence {fields['sequence']!r:.40} is not a number from 1 up") from exc
    try:
        time = datetime.fromisoformat(attrs["ce_time"].replace("Z", "+00:00"))
        if time.tzinfo is None:
            raise ValueError("no time zone")
    except ValueError as exc:
        raise UnreadableRecord(f"ce_time {attrs['ce_time'][:40]!r} is not an RFC 3339 instant") from exc
    return Envelope(event_id=attrs["ce_id"], source=attrs["ce_source"], subject=attrs["ce_subject"], time=time,
                    payload=_payload(attrs["ce_type"], value or b""), partition=partition, offset=offset,
                    raw=(value or b"", list(headers)), **fields)


def _payload(type_name: str, value: bytes) -> Message:
    try:
        payload = message_class(type_name)()
    except UnknownEventType:
        return any_pb2.Any(type_url=f"type.googleapis.com/{type_name}", value=value)
    try:
        payload.ParseFromString(value)
    except DecodeError as exc:
        raise UnreadableRecord(f"the payload is not a valid {type_name}") from exc
    return payload


def decode_record(record) -> Envelope:
    return decode(record.value, record.headers, record.partition, record.offset)
