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

from redress.kernel import logs, metrics, tracing
from redress.kernel.auth import Credentials
from redress.kernel.health import SERVING, STOPPING
from redress.kernel.server import CannotListen, GrpcServer, run_until_signalled
from redress.kernel.servicelog import ServiceLog
from redress.kernel.settings import KafkaSettings, ServiceSettings
from redress.kernel.store import StoreInUse

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
    # Adds the servicer to the server: redress.kernel.edge.register(server, servicer, descriptor).
    register: Callable[[grpc.aio.Server], None]


Build = Callable[[str, KafkaSettings, ServiceSettings, Credentials], ServiceParts]


async def serve(name: str, port: int, build: Build, bootstrap: str, kafka: KafkaSettings,
                settings: ServiceSettings) -> int:
    parts = build(bootstrap, kafka, settings, Credentials.load(settings.credentials_file))
    readiness = parts.app.log.readiness
    server = GrpcServer(f"{settings.host}:{port}", [parts.service_name], parts.register, readiness)

    async def start() -> None:
        await server.start()  # answers health (NOT_SERVING) and refuses RPCs while the app starts
        await parts.app.start()
        await readiness.set(SERVING)
        log.info(f"{name} serving", address=server.address, kafka=bootstrap, instance=parts.app.log.instance_id)
        print(f"READY {name} {server.address}", flush=True)

    async def stop() -> None:
        await readiness.set(STOPPING)
        await server.stop(settings.grace_s)
        await parts.app.stop()

    return await run_until_signalled(start, stop, parts.app.log.failed)


def run(name: str, port_of: Callable[[ServiceSettings], int], build: Build, port_variable: str) -> None:
    """`port_variable` names the environment variable that sets the port, for messages."""
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
    tracing.configure(name)
    try:
        metrics.serve(settings.metrics_port)
    except OSError as error:
        raise SystemExit(f"cannot serve metrics on port {settings.metrics_port}: {error.strerror}; "
                         "set REDRESS_METRICS_PORT to a free port (0: no metrics endpoint)") from None
    try:
        code = asyncio.run(serve(name, port_of(settings), build, bootstrap, kafka, settings))
    except CannotListen as error:
        raise SystemExit(f"{error}; set {port_variable} to a free port") from None
    except StoreInUse as error:
        raise SystemExit(str(error)) from None
    sys.exit(code)
