"""Entry point: `redress-resolution` (or `python -m redress_resolution.main`)."""
from __future__ import annotations

from redress.resolution.v1 import resolution_service_pb2
from redress.kernel.edge import register
from redress.kernel.service_main import ServiceParts, run
from redress_resolution import policy
from redress_resolution.application import Resolution
from redress_resolution.grpc_api import ResolutionServicer


def build(bootstrap, kafka, settings, credentials) -> ServiceParts:
    resolution = Resolution(bootstrap, kafka, settings, policy.load(settings.resolution_config_dir))
    servicer = ResolutionServicer(resolution, credentials)
    service = resolution_service_pb2.DESCRIPTOR.services_by_name["ResolutionService"]
    return ServiceParts(resolution, service.full_name, lambda server: register(server, servicer, service))


def main() -> None:
    run("resolution", lambda settings: settings.resolution_port, build, "REDRESS_RESOLUTION_PORT")


if __name__ == "__main__":
    main()
