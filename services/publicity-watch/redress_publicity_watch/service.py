"""Publicity-watch, declared: everything the kernel, the launcher, the CLI and the tests need."""
from __future__ import annotations

from redress.kernel.declaration import Domain, ServiceDeclaration
from redress.publicitywatch.v1 import publicity_watch_service_pb2
from redress.publicitywatch.v1.commands_pb2 import PublicityWatchCommand
from redress_publicity_watch import domain
from redress_publicity_watch.application import PublicityWatch
from redress_publicity_watch.grpc_api import PublicityWatchServicer
from redress_publicity_watch.projection import MentionBook

SERVICE = ServiceDeclaration(
    name="publicity-watch",
    port_variable="REDRESS_PUBLICITY_WATCH_PORT",
    default_port=50054,
    grpc_service=publicity_watch_service_pb2.DESCRIPTOR.services_by_name["PublicityWatchService"],
    domain=lambda settings: Domain(PublicityWatchCommand, domain.decide, domain.apply,
                                   lambda mention_id: f"there is no mention {mention_id}"),
    read_model=MentionBook,
    application=PublicityWatch,
    servicer=PublicityWatchServicer,
)
