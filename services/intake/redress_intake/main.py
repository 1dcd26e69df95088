"""Entry point: `redress-intake` (or `python -m redress_intake.main`)."""
from __future__ import annotations

import asyncio
import sys

import structlog

from redress import logs
from redress.auth import Credentials
from redress.broker import running_broker
from redress.intake.v1 import intake_service_pb2, intake_service_pb2_grpc
from redress.server import GrpcServer, run_until_signalled
from redress.settings import KafkaSettings, ServiceSettings
from redress_intake.application import Intake
from redress_intake.grpc_api import IntakeServicer

log = structlog.get_logger(__name__)
SERVICE_NAME = intake_service_pb2.DESCRIPTOR.services_by_name["IntakeService"].full_name


async def serve(bootstrap: str, kafka: KafkaSettings, settings: ServiceSettings) -> int:
    credentials = Credentials.load(settings.credentials_file)
    intake = Intake(bootstrap, kafka, settings)
    servicer = IntakeServicer(intake, credentials)
    server = GrpcServer(f"{settings.host}:{settings.intake_port}", [SERVICE_NAME],
                        lambda s: intake_service_pb2_grpc.add_IntakeServiceServicer_to_server(servicer, s))

    async def start() -> None:
        await server.start()
        await intake.start()
        await server.serving()
        log.info("intake serving", address=server.address, kafka=bootstrap, instance=intake.log.instance_id)
        print(f"READY intake {server.address}", flush=True)

    async def stop() -> None:
        await server.stop(settings.grace_s)
        await intake.stop()

    return await run_until_signalled(start, stop, intake.failed)


def main() -> None:
    settings = ServiceSettings()
    kafka = KafkaSettings()
    logs.configure(settings.log_format, settings.log_level)
    if settings.credentials_file is None:
        raise SystemExit("REDRESS_CREDENTIALS_FILE is not set: name the JSON file of client credentials "
                         "(`make run` uses deploy/dev-credentials.json)")
    bootstrap = running_broker(kafka)
    if bootstrap is None:
        raise SystemExit("no Kafka: set REDRESS_KAFKA_BOOTSTRAP, or start the local broker with "
                         "`make kafka-start` (or everything with `make run`)")
    sys.exit(asyncio.run(serve(bootstrap, kafka, settings)))


if __name__ == "__main__":
    main()
