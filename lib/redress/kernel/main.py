"""The one entry point of every service: `redress-serve <name>` (or REDRESS_SERVICE).

Builds the service from its declaration: its domain behind the kernel's decider, its
read model on its feed, its use cases and its gRPC servicer; then serves until signalled.
"""
from __future__ import annotations

import os
import sys

from redress.kernel.auth import Credentials
from redress.kernel.declaration import ServiceDeclaration, declaration
from redress.kernel.decisions import StreamDecider
from redress.kernel.edge import register
from redress.kernel.service_main import ServiceParts, run
from redress.kernel.servicelog import ServiceLog
from redress.kernel.settings import KafkaSettings, ServiceSettings, _int
from redress.kernel.store import Store, store_path
from redress.kernel.topics import events_topic


class Replica:
    """The service's log and its use cases, started and stopped together."""

    def __init__(self, log: ServiceLog, app):
        self.log = log
        self.app = app

    async def start(self) -> None:
        await self.log.start()
        if hasattr(self.app, "start"):
            await self.app.start()

    async def stop(self) -> None:
        if hasattr(self.app, "stop"):
            await self.app.stop()
        await self.log.stop()


def assemble(service: ServiceDeclaration, settings: ServiceSettings, partitions: int, new_log,
             store: Store | None = None):
    """The service's log, read model and application, wired (nothing started).
    `new_log(name, read_model, decider, reactions)` makes its log: Kafka's or the in-memory one.
    Without a `store` the read model is kept in memory (tests)."""
    domain = service.domain(settings)
    read_model = service.read_model(store)
    decider = StreamDecider(domain.command_type, service.source, partitions, read_model.streams,
                            domain.decide, domain.not_found, service.router(read_model) if service.router else None)
    log = new_log(service.name, read_model, decider, dict(service.reactions))
    log.on_appended = service.event_metrics
    return log, read_model, service.application(log, read_model, settings)


def on_kafka(bootstrap: str, kafka: KafkaSettings, settings: ServiceSettings):
    def new_log(name: str, read_model, decider, reactions) -> ServiceLog:
        return ServiceLog(name, bootstrap, kafka, settings, read_model, decider, reactions)
    return new_log


def open_store(service: ServiceDeclaration, settings: ServiceSettings) -> Store:
    """The replica's store in REDRESS_STATE_DIR."""
    return Store(store_path(settings.state_dir, service.name), service.read_model.SCHEMA, events_topic(service.name))


def build(service: ServiceDeclaration):
    def parts(bootstrap: str, kafka: KafkaSettings, settings: ServiceSettings, credentials: Credentials):
        log, _, app = assemble(service, settings, kafka.partitions, on_kafka(bootstrap, kafka, settings),
                               open_store(service, settings))
        servicer = service.servicer(app, credentials)
        return ServiceParts(Replica(log, app), service.grpc_service.full_name,
                            lambda server: register(server, servicer, service.grpc_service))
    return parts


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    name = args[0] if args else os.environ.get("REDRESS_SERVICE", "")
    if not name:
        raise SystemExit("usage: redress-serve <service> (or set REDRESS_SERVICE)")
    service = declaration(name)
    run(name, lambda settings: _int(service.port_variable, service.default_port), build(service),
        service.port_variable)


if __name__ == "__main__":
    main()
