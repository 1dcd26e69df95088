"""Publicity-watch, declared: everything the kernel, the launcher, the CLI and the tests need."""
from __future__ import annotations

from functools import lru_cache, partial
from pathlib import Path

from redress.events.v1 import intake_pb2 as iev
from redress.events.v1 import resolution_pb2 as rev
from redress.events.v1 import publicity_pb2 as pev
from redress.kernel.metrics import counting
from redress.kernel.declaration import Domain, ServiceDeclaration
from redress.kernel.reactions import copying
from redress.publicitywatch.v1 import publicity_watch_service_pb2
from redress.publicitywatch.v1.commands_pb2 import PublicityWatchCommand
from redress.text.conduct import load_rules, rules_dir
from redress_publicity_watch import domain, topics
from redress_publicity_watch.application import PublicityWatch
from redress_publicity_watch.grpc_api import PublicityWatchServicer
from redress_publicity_watch.projection import MentionBook

# Other services' events a complaint's public story keeps, and the command each becomes.
REACTIONS = {
    "intake": {iev.ComplaintFiled: "note_filed", iev.ComplaintAcknowledged: "note_acknowledged",
               iev.RepeatContactRecorded: "note_repeat_contact", iev.ComplaintAmended: "note_amended",
               iev.ComplaintWithdrawn: "note_withdrawn"},
    "resolution": {rev.CaseClosed: "note_case_closed", rev.CaseReopened: "note_case_reopened",
                   rev.CaseEscalated: "note_case_escalated", rev.VerdictRecorded: "note_verdict"},
}


def reaction(service: str):
    return copying(PublicityWatchCommand, service, REACTIONS[service])


@lru_cache(maxsize=4)
def conduct_rules(config_dir: Path | None):
    """Resolution's conduct guard, in every language: the same rules for a public answer."""
    return load_rules(rules_dir(config_dir))


def _domain(settings) -> Domain:
    return Domain(PublicityWatchCommand, partial(domain.decide, rules=conduct_rules(settings.resolution_config_dir)),
                  domain.apply, domain.not_found)


SERVICE = ServiceDeclaration(
    name="publicity-watch",
    port_variable="REDRESS_PUBLICITY_WATCH_PORT",
    default_port=50054,
    grpc_service=publicity_watch_service_pb2.DESCRIPTOR.services_by_name["PublicityWatchService"],
    domain=_domain,
    read_model=MentionBook,
    application=PublicityWatch,
    servicer=PublicityWatchServicer,
    reactions={"intake": reaction("intake"), "resolution": reaction("resolution")},
    extra_topics=topics.extra_topics,
    event_metrics=counting("publicity-watch", {
        pev.MentionReported: lambda e: f"mention_{e.sentiment or 'unread'}", pev.MentionLinked: "mention_linked",
        pev.PublicEscalationOpened: "public_escalation_opened", pev.PublicResponsePublished: "public_response_published",
        pev.PublicEscalationResolved: lambda e: f"public_escalation_{e.how}",
        pev.PublicEscalationClosed: "public_escalation_closed", pev.RiskThresholdCrossed: "risk_threshold_crossed",
        pev.MentionBurstDetected: "mention_burst"}),
)
