"""Entry point: `redress-intake` (or `python -m redress_intake.main`)."""
from __future__ import annotations

from redress.intake.v1 import intake_service_pb2
from redress.kernel.edge import register
from redress.kernel.service_main import ServiceParts, run
from redress_intake.application import Intake
from redress_intake.grpc_api import IntakeServicer


def build(bootstrap, kafka, settings, credentials) -> ServiceParts:
    intake = Intake(bootstrap, kafka, settings)
    servicer = IntakeServicer(intake, credentials)
    service = intake_service_pb2.DESCRIPTOR.services_by_name["IntakeService"]
    return ServiceParts(intake, service.full_name, lambda server: register(server, servicer, service))


def main() -> None:
    run("intake", lambda settings: settings.intake_port, build, "REDRESS_INTAKE_PORT")


if __name__ == "__main__":
    main()
