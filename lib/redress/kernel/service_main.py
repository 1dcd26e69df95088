"""The entry point every service shares: settings, logs, credentials, Kafka, gRPC, signals.

A service supplies `build(bootstrap, kafka, settings, credentials) -> ServiceParts`.
"""
from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass
from typing import Callable, Protocol

import grpc
import structlog

from redress.kernel import logs
from redress.kernel.auth import Credentials
from redress.kernel.server import GrpcServer, run_until_signalled
from redress.kernel.servicelog import ServiceLog
from redress.kernel.settings import KafkaSettings, ServiceSettings

log = structlog.get_logger(__name__)


class Application(Protocol):
    log: ServiceLog

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


@dataclass
class ServiceParts:
    app: Application
    # The gRPC service's full name, e.g. "redress.intake.v1.IntakeService".
    service_name: str
    register: Callable[[grpc.aio.Server], None]


Build = Callable[[str, KafkaSettings, ServiceSettings, Credentials], ServiceParts]


async def serve(name: str, port: int, build: Build, bootstrap: str, kafka: KafkaSettings,
                settings: ServiceSettings) -> int:
    parts = build(bootstrap, kafka, settings, Credentials.load(settings.credentials_file))
    server = GrpcServer(f"{settings.host}:{port}", [parts.service_name], parts.register)

    async def start() -> None:
        await server.start()
        await parts.app.start()
        await server.serving()
        log.info(f"{name} serving", address=server.address, kafka=bootstrap, instance=parts.app.log.instance_id)
        print(f"READY {name} {server.address}", flush=True)

    async def stop() -> None:
        await server.stop(settings.grace_s)
        await parts.app.stop()

    return await run_until_signalled(start, stop, parts.app.log.failed)


def run(name: str, port_of: Callable[[ServiceSettings], int], build: Build) -> None:
    settings = ServiceSettings()
    kafka = KafkaSettings()
    logs.configure(settings.log_format, settings.log_level)
    if settings.credentials_file is None:
        raise SystemExit("REDRESS_CREDENTIALS_FILE is not set: name the JSON file of client credentials "
                         "(`make run` uses deploy/dev-credentials.json)")
    bootstrap = kafka.bootstrap
    if not bootstrap:
        raise SystemExit("no Kafka: set REDRESS_KAFKA_BOOTSTRAP to the brokers' host:port list "
                         "(`make run` starts a local broker and sets it)")
    sys.exit(asyncio.run(serve(name, port_of(settings), build, bootstrap, kafka, settings)))
