"""The resolution domain: a case, decided command by command, built event by event.

Plain functions and dataclasses over the protobuf messages of the log contract. The
policy (routing, clocks, conduct rules) is an argument, so a decision depends only on
what it is given. The kernel owns the stream's bookkeeping: it checks the tenant, the
etag and retried request_ids before `decide`, and sets the version after `apply`.

    case.py      the Case and its clocks' state; apply
    workflow.py  opening, steps, messages, verdicts, the escalation ladder
    clocks.py    due deadlines, pause, resume, extend, warnings and breaches
"""
from __future__ import annotations

from datetime import datetime

from google.protobuf.message import Message

from redress.kernel.rejections import Invalid, NotFound, Rejected
from redress.resolution.v1.commands_pb2 import ResolutionCommand
from redress_resolution import clocks, workflow
from redress_resolution.case import (AWAITING_PREVENTION, BREACHED, CLOSED, EVENTS, HIGH, LEVEL_NAMES, MET, NORMAL,
                                     OPEN, PROPOSED, RUNNING, STOPPED, Case, ClockRun, apply)
from redress_resolution.inputs import NAME_LIMIT, TEXT_LIMIT
from redress_resolution.policy import Policy

__all__ = ["decide", "apply", "Case", "ClockRun", "EVENTS", "Rejected", "LEVEL_NAMES", "NAME_LIMIT", "TEXT_LIMIT",
           "OPEN", "PROPOSED", "AWAITING_PREVENTION", "CLOSED", "RUNNING", "MET", "BREACHED", "STOPPED", "NORMAL",
           "HIGH"]

CLOCK_RULES = {"pause": clocks.pause, "resume": clocks.resume, "extend": clocks.extend}


def decide(state: Case | None, command: ResolutionCommand, now: datetime, policy: Policy) -> list[Message]:
    """The events the command appends to the case (none when there is nothing to do)."""
    action = command.WhichOneof("action")
    if action is None:
        raise Invalid("the command has no action", "action")
    if action == "open":
        return workflow.open_case(state, command, now, policy)
    if state is None:
        raise NotFound(f"there is no case for complaint {command.context.complaint_id}", "complaint_id")
    payload = getattr(command, action)
    if action in CLOCK_RULES:
        return CLOCK_RULES[action](state, payload, now, policy)
    return workflow.DECIDERS[action](state, payload, command, now, policy)
