"""A service is a declaration: one place says what it is, and the kernel, the launcher, the
CLI, replay, the tests and the container image find it (entry point group
"redress.services" in pyproject.toml).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from importlib.metadata import entry_points
from typing import Any, Callable, Mapping, Protocol

from google.protobuf.descriptor import ServiceDescriptor
from google.protobuf.message import Message

from redress.kernel.decisions import missing
from redress.kernel.envelope import Envelope
from redress.kernel.settings import KafkaSettings, ServiceSettings
from redress.kernel.store import Store
from redress.kernel.streams import Streams
from redress.kernel.topics import TopicSpec, service_topics


@dataclass(frozen=True)
class Domain:
    """A service's business rules: decide a command against a stream's state, apply an event."""
    command_type: type[Message]
    decide: Callable[[Any, Message, datetime], list[Message]]
    apply: Callable[[Any, Message, datetime], Any]
    not_found: Callable[[str], str] = missing


class Router(Protocol):
    """Decides, on the partition's single writer and against its read model, which stream
    a command is for (intake: is a filing a new complaint or a repeat contact, and whose).
    It may re-address a command within its partition; it sees a batch's earlier commands."""

    def begin(self) -> None: ...

    def route(self, command: Message) -> Message: ...


class ReadModel(Protocol):
    SCHEMA: str  # its own tables and indexes (SQL), made in a new store
    streams: Streams
    store: Store

    def apply(self, env: Envelope) -> Any: ...


@dataclass(frozen=True)
class ServiceDeclaration:
    name: str  # "intake": topics redress.intake.*, the CLI's and the launcher's name for it
    port_variable: str  # "REDRESS_INTAKE_PORT"
    default_port: int
    grpc_service: ServiceDescriptor
    # Settings -> its domain (a service with a policy loads it here).
    domain: Callable[[ServiceSettings], Domain]
    # A store (None: one in memory) -> its read model; the class, with its SCHEMA.
    read_model: Callable[[Store | None], ReadModel]
    # (log, read model, settings) -> its use cases; may have async start() and stop().
    application: Callable[[Any, Any, ServiceSettings], Any]
    # (application, credentials) -> its gRPC servicer.
    servicer: Callable[[Any, Any], Any]
    # Its read model -> its router (redress.kernel.declaration.Router), if it has one.
    router: Callable[[Any], Router] | None = None
    # Another service's name -> a function turning one of its events into a command of ours.
    reactions: Mapping[str, Callable[[Envelope], Message | None]] = field(default_factory=dict)
    # Counts what its appended events mean in the domain (redress.kernel.metrics), if it does.
    event_metrics: Callable[[Envelope], None] | None = None
    # Topics it uses beyond its events, commands, replies and dead letters (a deployment creates them).
    extra_topics: Callable[[KafkaSettings], list[TopicSpec]] | None = None

    @property
    def source(self) -> str:
        return f"//redress/{self.name}"


GROUP = "redress.services"


def declared() -> dict[str, ServiceDeclaration]:
    """Every installed service, by name, in the order their names sort."""
    found = {ep.name: ep for ep in entry_points(group=GROUP)}
    return {name: found[name].load() for name in sorted(found)}


def platform_topics(settings: KafkaSettings) -> list[TopicSpec]:
    """Every topic the installed services use, by name: what a deployment must create."""
    found: dict[str, TopicSpec] = {}
    for service in declared().values():
        extra = service.extra_topics(settings) if service.extra_topics else []
        for spec in [*service_topics(service.name, settings), *extra]:
            found.setdefault(spec.name, spec)
    return sorted(found.values(), key=lambda t: t.name)


def declaration(name: str) -> ServiceDeclaration:
    services = declared()
    if name not in services:
        raise SystemExit(f"no service named {name!r}; installed: {', '.join(services) or 'none'}")
    return services[name]
