"""One event, with the envelope that travels in its Kafka record's headers.

Records use CloudEvents 1.0 Kafka binary mode: the protobuf payload is the
record value, the attributes are `ce_*` headers. docs/events.md is the contract.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

from google.protobuf import any_pb2, descriptor_pool, message_factory
from google.protobuf.message import Message

from redress.events.v1 import intake_pb2, resolution_pb2

# Importing them registers every Redress event type, so `decode` knows them all.
EVENT_MODULES = (intake_pb2, resolution_pb2)

CONTENT_TYPE = "application/protobuf"
SPEC_VERSION = "1.0"
EVENT_NAMESPACE = uuid.UUID("6f1c5d3e-8a59-4c4a-9d0e-2b7f3c9a1e55")

# CloudEvents attribute -> Envelope field, for the extension attributes Redress adds.
EXTENSIONS = {
    "ce_sequence": "sequence",
    "ce_organisation": "organisation",
    "ce_actor": "actor",
    "ce_clientid": "client_id",
    "ce_correlationid": "correlation_id",
    "ce_causationid": "causation_id",
    "ce_requestid": "request_id",
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

    @property
    def type(self) -> str:
        if isinstance(self.payload, any_pb2.Any):  # a type this reader does not know
            return self.payload.TypeName()
        return self.payload.DESCRIPTOR.full_name



def event_id(command_id: str, index: int) -> str:
    """Deterministic: the same command always yields the same event ids."""
    return str(uuid.uuid5(EVENT_NAMESPACE, f"{command_id}/{index}"))


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
    return [(k, v.encode()) for k, v in attrs.items()]


def encode(env: Envelope) -> tuple[bytes, bytes, list[tuple[str, bytes]]]:
    """The record's key (the complaint id), value and headers."""
    return env.subject.encode(), env.payload.SerializeToString(), to_headers(env)


class UnknownEventType(ValueError):
    pass


def message_class(full_name: str) -> type[Message]:
    try:
        descriptor = descriptor_pool.Default().FindMessageTypeByName(full_name)
    except KeyError as exc:
        raise UnknownEventType(full_name) from exc
    return message_factory.GetMessageClass(descriptor)


def decode(value: bytes, headers, partition: int = -1, offset: int = -1) -> Envelope:
    """The envelope of a record; a payload of an unknown type stays packed in an Any."""
    attrs = {k: v.decode() for k, v in headers}
    try:
        payload = message_class(attrs["ce_type"])()
        payload.ParseFromString(value)
    except UnknownEventType:
        payload = any_pb2.Any(type_url=f"type.googleapis.com/{attrs['ce_type']}", value=value)
    fields = {attr: attrs.get(header, "") for header, attr in EXTENSIONS.items()}
    fields["sequence"] = int(fields["sequence"] or 0)
    return Envelope(
        event_id=attrs["ce_id"],
        source=attrs["ce_source"],
        subject=attrs["ce_subject"],
        time=datetime.fromisoformat(attrs["ce_time"].replace("Z", "+00:00")),
        payload=payload,
        partition=partition,
        offset=offset,
        **fields,
    )


def decode_record(record) -> Envelope:
    return decode(record.value, record.headers, record.partition, record.offset)
