"""The one entry point of every service: `redress-serve <name>` (or REDRESS_SERVICE).

Builds the service from its declaration: its domain behind the kernel's decider, its
read model on its feed, its use cases and its gRPC servicer; then serves until signalled.
"""
from __future__ import annotations

import asyncio
import importlib
import os
import sys

import grpc

from redress.kernel import logs
from redress.kernel.auth import Credentials
from redress.kernel.declaration import ServiceDeclaration, declaration
from redress.kernel.decisions import StreamDecider
from redress.kernel.service_main import ServiceParts, serve
from redress.kernel.servicelog import ServiceLog
from redress.kernel.settings import KafkaSettings, ServiceSettings, _int


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


def assemble(service: ServiceDeclaration, bootstrap: str, kafka: KafkaSettings, settings: ServiceSettings):
    """The service's log, read model and application, wired (nothing started)."""
    domain = service.domain(settings)
    read_model = service.read_model()
    decider = StreamDecider(domain.command_type, service.source, kafka.partitions, read_model.streams,
                            domain.decide, domain.not_found)
    log = ServiceLog(service.name, bootstrap, kafka, settings, read_model, decider, dict(service.reactions))
    return log, read_model, service.application(log, read_model, settings)


def add_servicer(service: ServiceDeclaration, servicer, server: grpc.aio.Server) -> None:
    """Registers the servicer with the code generated for its proto service."""
    module = importlib.import_module(service.grpc_service.file.name.removesuffix(".proto").replace("/", ".")
                                     + "_pb2_grpc")
    getattr(module, f"add_{service.grpc_service.name}Servicer_to_server")(servicer, server)


def build(service: ServiceDeclaration):
    def parts(bootstrap: str, kafka: KafkaSettings, settings: ServiceSettings, credentials: Credentials):
        log, _, app = assemble(service, bootstrap, kafka, settings)
        servicer = service.servicer(app, credentials)
        return ServiceParts(Replica(log, app), service.grpc_service.full_name,
                            lambda server: add_servicer(service, servicer, server))
    return parts


def port_of(service: ServiceDeclaration) -> int:
    return _int(service.port_variable, service.default_port)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    name = args[0] if args else os.environ.get("REDRESS_SERVICE", "")
    if not name:
        raise SystemExit("usage: redress-serve <service> (or set REDRESS_SERVICE)")
    service = declaration(name)
    settings = ServiceSettings()
    kafka = KafkaSettings()
    logs.configure(settings.log_format, settings.log_level)
    if settings.credentials_file is None:
        raise SystemExit("REDRESS_CREDENTIALS_FILE is not set: name the JSON file of client credentials "
                         "(`make run` uses deploy/dev-credentials.json)")
    if not kafka.bootstrap:
        raise SystemExit("no Kafka: set REDRESS_KAFKA_BOOTSTRAP to the brokers' host:port list "
                         "(`make run` starts a local broker and sets it)")
    sys.exit(asyncio.run(serve(name, port_of(service), build(service), kafka.bootstrap, kafka, settings)))


if __name__ == "__main__":
    main()
