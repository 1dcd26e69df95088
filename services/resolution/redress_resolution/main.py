"""Entry point: `redress-resolution` (or `python -m redress_resolution.main`)."""
from __future__ import annotations

from redress.resolution.v1 import resolution_service_pb2, resolution_service_pb2_grpc
from redress.kernel.service_main import ServiceParts, run
from redress_resolution import policy
from redress_resolution.application import Resolution
from redress_resolution.grpc_api import ResolutionServicer


def build(bootstrap, kafka, settings, credentials) -> ServiceParts:
    resolution = Resolution(bootstrap, kafka, settings, policy.load(settings.resolution_config_dir))
    servicer = ResolutionServicer(resolution, credentials)
    name = resolution_service_pb2.DESCRIPTOR.services_by_name["ResolutionService"].full_name
    return ServiceParts(resolution, name,
                        lambda server: resolution_service_pb2_grpc.add_ResolutionServiceServicer_to_server(
                            servicer, server))


def main() -> None:
    run("resolution", lambda settings: settings.resolution_port, build)


if __name__ == "__main__":
    main()
