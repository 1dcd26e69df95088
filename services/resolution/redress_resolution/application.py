"""Resolution's use cases, wired to the log. Intake's events open and close cases by
themselves, and compensation's offers are noted on them (reactions); the handler's work
arrives as commands; the clock watch turns deadlines into commands too, so every change
goes through the case's single writer.
"""
from __future__ import annotations

import asyncio
from typing import Callable
from datetime import datetime, timezone

import structlog
from google.protobuf.message import Message

from redress.kernel.envelope import Envelope
from redress.events.v1 import compensation_pb2 as cev
from redress.events.v1 import intake_pb2 as iev
from redress.events.v1 import publicity_pb2 as pev
from redress.kernel.rejections import Invalid, NotFound
from redress.resolution.v1.commands_pb2 import ResolutionCommand
from redress.kernel.rpc import Caller, service_caller
from redress.kernel.reactions import copying, reaction_command
from redress.kernel.servicelog import ServiceLog
from redress.kernel.settings import ServiceSettings
from redress_resolution import domain
from redress_resolution.clocks import due
from redress_resolution.dossier import Dossier, assemble
from redress_resolution.projection import CaseBook

log = structlog.get_logger(__name__)
CLOCK_CLIENT = "redress-resolution-clock"
DOSSIER_LEVELS = (3, 4)  # corporate office, owner
INTAKE_REACTIONS = {iev.ComplaintFiled: "open", iev.ComplaintAcknowledged: "note_acknowledgement",
                    iev.RepeatContactRecorded: "note_repeat_contact", iev.ComplaintAmended: "reclassify",
                    iev.ComplaintWithdrawn: "close_withdrawn", iev.PublicityIntentStated: "note_publicity_intent"}
BUDGETS = "budget/"  # compensation's budget streams: no case of ours
# Compensation's events on an offer: what the case notes, and the detail in words. Never
# the voucher code: whoever holds it can redeem it.
COMPENSATION_NOTES = {
    cev.OfferProposed: ("proposed", lambda e: "; ".join(filter(None, (
        e.reason, "waits for approval" if e.needs_approval else "")))),
    cev.OfferApproved: ("approved", lambda e: f"by {e.approved_by}" if e.approved_by else ""),
    cev.OfferRejected: ("rejected", lambda e: e.reason),
    cev.OfferUnfunded: ("unfunded", lambda e: e.reason),
    cev.OfferPresented: ("presented", lambda e: ""),
    cev.OfferAccepted: ("accepted", lambda e: ""),
    cev.OfferDeclined: ("declined", lambda e: e.customer_wants),
    cev.OfferExpired: ("expired", lambda e: ""),
    cev.OfferIssued: ("issued", lambda e: "; ".join(filter(None, (
        e.reference, "voucher code issued" if e.voucher_code else "")))),
    cev.PaymentFailed: ("payment_failed", lambda e: e.reason),
    cev.OfferReversed: ("reversed", lambda e: e.reason),
}


def _copying(service: str, actions: dict) -> Callable[[Envelope], ResolutionCommand | None]:
    """The events of these types, copied into commands deduplicated by the event's id, with the
    time the event happened (a case's clocks run from the filing)."""
    copy = copying(ResolutionCommand, service, actions)

    def react(env: Envelope) -> ResolutionCommand | None:
        command = copy(env)
        if command is not None:
            command.reacting_to_time.FromDatetime(env.time)
        return command
    return react


def react_to_compensation(env: Envelope) -> ResolutionCommand | None:
    """What compensation did with an offer, noted on the complaint's case; budget streams and
    the offer's bookkeeping (funding, payment attempts, releases) are not the case's business."""
    note = COMPENSATION_NOTES.get(type(env.payload))
    if note is None or env.subject.startswith(BUDGETS):
        return None
    what, detail = note
    command = _reaction("compensation", env)
    noted = command.note_compensation
    noted.offer_id, noted.what, noted.detail = env.payload.offer_id, what, detail(env.payload)
    if isinstance(env.payload, cev.OfferProposed):
        noted.kind = env.payload.kind
        if env.payload.HasField("amount"):
            noted.amount.CopyFrom(env.payload.amount)
    return command


# A complaint that went public, or whose risk crossed the threshold (both on the complaint's
# own stream in publicity-watch).
PUBLICITY_REACTIONS = {pev.PublicEscalationOpened: "note_public_escalation", pev.RiskThresholdCrossed: "note_risk"}
# Intake's events that concern a case, and publicity-watch's.
react_to_intake = _copying("intake", INTAKE_REACTIONS)
react_to_publicity = _copying("publicity-watch", PUBLICITY_REACTIONS)


def _reaction(service: str, env: Envelope) -> ResolutionCommand:
    command = reaction_command(ResolutionCommand, service, env)
    command.reacting_to_time.FromDatetime(env.time)
    return command


class Resolution:
    def __init__(self, log: ServiceLog, book: CaseBook, settings: ServiceSettings):
        self.settings = settings
        self.book = book
        self.log = log
        self._clock_task: asyncio.Task | None = None
        self._ticking: set[tuple[str, str]] = set()
        self._ticks: set[asyncio.Task] = set()

    async def start(self) -> None:
        self._clock_task = asyncio.create_task(self._watch_clocks(), name="clock-watch")
        self.log.supervise(self._clock_task)
        log.info("resolution ready", events=self.log.events_read)

    async def stop(self) -> None:
        for task in (self._clock_task, *self._ticks):
            if task:
                task.cancel()
        await asyncio.gather(*(t for t in (self._clock_task, *self._ticks) if t), return_exceptions=True)

    # -- commands ------------------------------------------------------------------------
    async def act(self, caller: Caller, complaint_id: str, request_id: str, etag: str, action: str,
                  payload: Message, override_reason: str = "") -> domain.Case:
        await self._existing(caller, complaint_id)
        command = self.log.command(ResolutionCommand, caller, request_id, complaint_id, etag)
        if len(override_reason) > domain.TEXT_LIMIT:
            raise Invalid("conduct_override_reason is too long", "conduct_override_reason")
        command.conduct_override_reason = override_reason
        getattr(command, action).CopyFrom(payload)
        reply = await self.log.send(command)
        return self.book.as_of(complaint_id, reply.version)

    # -- queries ---------------------------------------------------------------------------
    async def get(self, caller: Caller, complaint_id: str) -> domain.Case:
        return await self._existing(caller, complaint_id)

    async def caught_up(self) -> None:
        await self.log.caught_up()

    async def dossier(self, caller: Caller, complaint_id: str) -> tuple[domain.Case, Dossier]:
        case = await self._existing(caller, complaint_id)
        if case.level not in DOSSIER_LEVELS:
            raise domain.Rejected(f"the dossier is for the corporate office and the owner; this case is at "
                                  f"{domain.LEVEL_NAMES[case.level]} level", "complaint_id")
        return case, assemble(case, self.book.histories[complaint_id])

    async def _existing(self, caller: Caller, complaint_id: str) -> domain.Case:
        if not complaint_id or len(complaint_id) > 64:
            raise Invalid("complaint_id is required (at most 64 characters)", "complaint_id")
        await self.log.caught_up(complaint_id)
        case = self.book.get(caller.principal.organisation, complaint_id)
        if case is None:
            raise NotFound(f"there is no case for complaint {complaint_id}", "complaint_id")
        return case

    # -- the clock watch -------------------------------------------------------------------
    async def _watch_clocks(self) -> None:
        """Turns each deadline whose moment has come into a command, for the cases whose
        partitions this replica owns. The request_id names the clock and its instant, so a
        tick sent twice (two ticks, a restart, a rebalance) fires once."""
        while True:
            await asyncio.sleep(self.settings.clock_tick_s)
            now = datetime.now(timezone.utc)
            for complaint_id in self.book.due(now):
                if not self.log.owns(complaint_id):
                    continue
                case = self.book.cases[complaint_id]
                for name, kind in due(case, now):
                    run = case.clocks[name]
                    at = run.due_at if kind == "breach" else run.warn_at
                    key = (complaint_id, f"clock:{name}:{kind}:{at.isoformat()}")
                    if key not in self._ticking:
                        self._ticking.add(key)
                        task = asyncio.create_task(self._tick(case, name, kind, key))
                        self._ticks.add(task)
                        task.add_done_callback(self._ticks.discard)

    async def _tick(self, case: domain.Case, name: str, kind: str, key: tuple[str, str]) -> None:
        clock = service_caller(CLOCK_CLIENT, case.organisation)
        try:
            command = self.log.command(ResolutionCommand, clock, key[1], case.complaint_id)
            command.clock_due.name, command.clock_due.kind = name, kind
            await self.log.send(command)
        except Exception as exc:  # the next tick tries again
            log.warning("clock tick failed", complaint_id=case.complaint_id, clock=name, kind=kind, error=repr(exc))
        finally:
            self._ticking.discard(key)
