"""Resolution, declared: everything the kernel, the launcher, the CLI and the tests need."""
from __future__ import annotations

from functools import partial

from redress.events.v1 import resolution_pb2 as rev
from redress.kernel import metrics
from redress.kernel.metrics import counting
from redress.types.v1 import complaint_pb2 as types
from redress.kernel.declaration import Domain, ServiceDeclaration
from redress.resolution.v1 import resolution_service_pb2
from redress.resolution.v1.commands_pb2 import ResolutionCommand
from redress_resolution import domain, policy
from redress_resolution.application import (Resolution, react_to_compensation, react_to_intake,
                                           react_to_publicity)
from redress_resolution.grpc_api import ResolutionServicer
from redress_resolution.projection import CaseBook


def _domain(settings) -> Domain:
    rules = policy.load(settings.resolution_config_dir)
    return Domain(ResolutionCommand, partial(domain.decide, policy=rules), domain.apply,
                  lambda complaint_id: f"there is no case for complaint {complaint_id}")


SERVICE = ServiceDeclaration(
    name="resolution",
    port_variable="REDRESS_RESOLUTION_PORT",
    default_port=50052,
    grpc_service=resolution_service_pb2.DESCRIPTOR.services_by_name["ResolutionService"],
    domain=_domain,
    read_model=CaseBook,
    application=Resolution,
    servicer=ResolutionServicer,
    reactions={"intake": react_to_intake, "compensation": react_to_compensation,
               "publicity-watch": react_to_publicity},
    event_metrics=lambda env: _count(env),
)
LEVEL = {v: k.removeprefix("LEVEL_").lower() for k, v in types.Level.items()}
_counted = counting("resolution", {
    rev.CaseOpened: "case_opened", rev.CaseEscalated: lambda e: f"case_escalated_to_{LEVEL.get(e.to_level, '?')}",
    rev.CaseClosed: lambda e: f"case_closed_{e.reason or 'unknown'}", rev.CaseReopened: "case_reopened",
    rev.CasePriorityRaised: "case_priority_raised", rev.VerdictRecorded: lambda e: (
        "verdict_satisfied" if e.satisfied else "verdict_dissatisfied")})


def _count(env) -> None:
    """Deadlines breached (the SLA) by clock, and what happened to cases."""
    if isinstance(env.payload, rev.ClockBreached):
        metrics.CLOCK_BREACHES.labels("resolution", env.payload.name).inc()
    _counted(env)
