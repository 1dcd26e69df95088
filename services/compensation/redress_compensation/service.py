"""Compensation, declared: everything the kernel, the launcher, the CLI and the tests need."""
from __future__ import annotations

from functools import lru_cache, partial
from pathlib import Path

from redress.compensation.v1 import compensation_service_pb2
from redress.compensation.v1.commands_pb2 import CompensationCommand
from redress.events.v1 import compensation_pb2 as cev
from redress.kernel.metrics import counting
from redress.kernel.declaration import Domain, ServiceDeclaration
from redress_compensation import domain, policy
from redress_compensation.application import Compensation, reaction
from redress_compensation.grpc_api import CompensationServicer
from redress_compensation.projection import OfferBook


@lru_cache(maxsize=4)
def policies(directory: Path | None) -> policy.Policies:
    """Loaded once per replica; a file that does not validate stops it with a message
    naming the file, the key and the problem."""
    try:
        return policy.load(directory)
    except policy.PolicyError as exc:
        raise SystemExit(f"compensation policy: {exc}") from exc


def _domain(settings) -> Domain:
    return Domain(CompensationCommand, partial(domain.decide, policies=policies(settings.compensation_config_dir)),
                  domain.apply, domain.not_found)


def _application(log, book, settings) -> Compensation:
    return Compensation(log, book, settings, policies(settings.compensation_config_dir))


SERVICE = ServiceDeclaration(
    name="compensation",
    port_variable="REDRESS_COMPENSATION_PORT",
    default_port=50053,
    grpc_service=compensation_service_pb2.DESCRIPTOR.services_by_name["CompensationService"],
    domain=_domain,
    read_model=OfferBook,
    application=_application,
    servicer=CompensationServicer,
    reactions={"intake": reaction("intake"), "resolution": reaction("resolution")},
    event_metrics=counting("compensation", {
        cev.OfferProposed: "offer_proposed", cev.OfferApproved: "offer_approved", cev.OfferRejected: "offer_rejected",
        cev.OfferUnfunded: "offer_unfunded", cev.OfferAccepted: "offer_accepted", cev.OfferDeclined: "offer_declined",
        cev.OfferExpired: "offer_expired", cev.OfferIssued: "payout_issued", cev.PaymentFailed: "payout_failed",
        cev.OfferReversed: "payout_reversed"}),
)
