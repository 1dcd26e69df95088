"""Intake, declared: everything the kernel, the launcher, the CLI and the tests need."""
from __future__ import annotations

from redress.intake.v1 import intake_service_pb2
from redress.intake.v1.commands_pb2 import IntakeCommand
from redress.events.v1 import intake_pb2 as iev
from redress.kernel.declaration import Domain, ServiceDeclaration
from redress.kernel.metrics import counting
from redress.types.v1 import complaint_pb2 as types
from redress_intake import domain
from redress_intake.application import Intake
from redress_intake.grpc_api import IntakeServicer
from redress_intake.projection import ComplaintBook
from redress_intake.routing import FilingRouter

SERVICE = ServiceDeclaration(
    name="intake",
    port_variable="REDRESS_INTAKE_PORT",
    default_port=50051,
    grpc_service=intake_service_pb2.DESCRIPTOR.services_by_name["IntakeService"],
    domain=lambda settings: Domain(IntakeCommand, domain.decide, domain.apply),
    read_model=ComplaintBook,
    application=Intake,
    servicer=IntakeServicer,
    router=FilingRouter,
    event_metrics=counting("intake", {
        iev.ComplaintFiled: lambda e: f"complaint_filed_{types.Channel.Name(e.channel).removeprefix('CHANNEL_').lower()}",
        iev.RepeatContactRecorded: "repeat_contact", iev.ComplaintWithdrawn: "complaint_withdrawn",
        iev.PublicityIntentStated: "publicity_intent_stated"}),
)
