"""The compensation domain: plain functions over the protobuf messages of the log contract.

Two kinds of stream: a complaint's offers (keyed by its complaint id, beside its case) and
a budget (one per organisation and month). The policies are an argument, so a decision
depends only on what it is given; the kernel checks the tenant, the etag and retried
request_ids before `decide`, and sets the version after `apply`.

    offers.py     a complaint's offers; apply
    lifecycle.py  propose, approve, fund, present, answer, issue, pay, reverse, expire
    budget.py     a budget's reservations; apply, reserve, release
"""
from __future__ import annotations

from datetime import datetime

from google.protobuf.message import Message

from redress.compensation.v1.commands_pb2 import CompensationCommand
from redress.events.v1 import compensation_pb2 as cev
from redress.kernel.rejections import Invalid, NotFound
from redress_compensation import budget, lifecycle, offers
from redress_compensation.budget import Budget, is_budget
from redress_compensation.offers import ComplaintOffers
from redress_compensation.policy import Policies

BUDGET_ACTIONS = {"reserve", "release"}


def decide(state: ComplaintOffers | Budget | None, command: CompensationCommand, now: datetime,
           policies: Policies) -> list[Message]:
    """The events the command appends to its stream (none when there is nothing to do)."""
    action = command.WhichOneof("action")
    if action is None:
        raise Invalid("the command has no action", "action")
    ctx = command.context
    policy = policies.for_organisation(ctx.principal.organisation)
    if is_budget(ctx.complaint_id) != (action in BUDGET_ACTIONS):
        raise Invalid(f"{action} is not a command for stream {ctx.complaint_id}", "complaint_id")
    if action == "reserve":
        return budget.reserve(state, ctx.complaint_id, ctx.principal.organisation, command.reserve, policy)
    if action == "release":
        return budget.release(state, command.release)
    if action == "note_complaint":
        return [] if state else [_noted(command.note_complaint)]
    if state is None:
        raise NotFound(not_found(ctx.complaint_id), "complaint_id")
    if action == "note_amendment":
        return _amended(state, command.note_amendment)
    if action == "note_resolved":
        return [] if state.resolved_at or command.note_resolved.reason != "satisfied" else [
            cev.ComplaintResolved(complaint_id=state.complaint_id)]
    return lifecycle.DECIDERS[action](state, getattr(command, action), command, now, policy)


def not_found(complaint_id: str) -> str:
    return f"compensation knows no complaint {complaint_id} (yet: a complaint filed a moment ago may still be on its way)"


def _noted(filed) -> cev.ComplaintNoted:
    return cev.ComplaintNoted(complaint_id=filed.complaint_id, organisation=filed.organisation,
                              customer_id=filed.customer_id, store=filed.store, category=filed.category,
                              severity=filed.severity, channel=filed.channel)


def _amended(state: ComplaintOffers, amended) -> list:
    if not {"category", "severity", "store"} & set(amended.changed_fields):
        return []
    c = state.complaint
    changed = {name: getattr(amended, name) if name in amended.changed_fields else getattr(c, name)
               for name in ("category", "severity", "store")}
    return [cev.ComplaintFactsAmended(complaint_id=c.complaint_id, **changed)]


def apply(state, event: Message, at: datetime):
    if isinstance(event, budget.EVENTS):
        return budget.apply(state, event, at)
    return offers.apply(state, event, at)
