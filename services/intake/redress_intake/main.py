"""Entry point: `redress-intake` (or `python -m redress_intake.main`)."""
from __future__ import annotations

from redress.intake.v1 import intake_service_pb2, intake_service_pb2_grpc
from redress.kernel.service_main import ServiceParts, run
from redress_intake.application import Intake
from redress_intake.grpc_api import IntakeServicer


def build(bootstrap, kafka, settings, credentials) -> ServiceParts:
    intake = Intake(bootstrap, kafka, settings)
    servicer = IntakeServicer(intake, credentials)
    return ServiceParts(intake, intake_service_pb2.DESCRIPTOR.services_by_name["IntakeService"].full_name,
                        lambda server: intake_service_pb2_grpc.add_IntakeServiceServicer_to_server(servicer, server))


def main() -> None:
    run("intake", lambda settings: settings.intake_port, build)


if __name__ == "__main__":
    main()
