"""The ResolutionService gRPC adapter."""
from __future__ import annotations


from redress.kernel.auth import Credentials
from redress.kernel.envelope import Envelope, packed
from redress.kernel.rejections import Invalid
from redress.resolution.v1 import commands_pb2 as cmd
from redress.resolution.v1 import resolution_service_pb2 as api
from redress.resolution.v1 import resolution_service_pb2_grpc as api_grpc
from redress.kernel.rpc import Authenticated, Caller, unary
from redress.kernel.store import micros
from redress.kernel.tokens import page, timestamp
from redress.types.v1 import complaint_pb2 as types
from redress_resolution import domain
from redress_resolution.application import Resolution
from redress_resolution.projection import CaseFilter

READ, WRITE = "complaints:read", "complaints:write"
STATUS = {domain.OPEN: api.CASE_STATUS_OPEN, domain.PROPOSED: api.CASE_STATUS_RESOLUTION_PROPOSED,
          domain.AWAITING_PREVENTION: api.CASE_STATUS_AWAITING_PREVENTION, domain.CLOSED: api.CASE_STATUS_CLOSED}
STATUS_NAMES = {v: k for k, v in STATUS.items()}
PRIORITY = {domain.NORMAL: api.CASE_PRIORITY_NORMAL, domain.HIGH: api.CASE_PRIORITY_HIGH}
PRIORITY_NAMES = {v: k for k, v in PRIORITY.items()}
# Each step's command, built from the request's own fields: the server adds the rest.
STEP_COMMANDS = {
    "understand": lambda s: cmd.UnderstandCustomer(customer_reason=s.customer_reason, notes=s.notes),
    "apologise": lambda s: cmd.Apologise(text=s.text),
    "explain": lambda s: cmd.Explain(text=s.text),
    "fix": lambda s: cmd.RecordFix(text=s.text),
    "offer_compensation": lambda s: cmd.OfferCompensation(text=s.text),
    "follow_up": lambda s: cmd.AskFollowUp(question=s.question, answer=s.answer),
    "prevent": lambda s: cmd.RecordPrevention(root_cause=s.root_cause, preventive_action=s.preventive_action,
                                              category=s.category),
}


def case_message(case: domain.Case) -> api.Case:
    message = api.Case(
        complaint_id=case.complaint_id, organisation=case.organisation, status=STATUS[case.status],
        level=case.level, handler=case.handler, steps_done=sorted(case.steps), last_score=case.last_score,
        opened_at=timestamp(case.opened_at), clocks_paused=case.paused_since is not None, escalations=case.escalations,
        etag=str(case.version), category=case.opened.category, severity=case.opened.severity,
        priority=PRIORITY[case.priority], language=case.opened.language,
        clocks=[api.ClockState(clock=run.clock, state=run.state, warned=run.warned) for run in case.clocks.values()])
    if case.closed_at:
        message.closed_at.CopyFrom(timestamp(case.closed_at))
    return message


def event_message(env: Envelope) -> api.CaseEvent:
    payload = packed(env.payload)
    return api.CaseEvent(event_id=env.event_id, type=env.type, sequence=env.sequence, time=timestamp(env.time),
                         actor=env.actor, client_id=env.client_id, correlation_id=env.correlation_id,
                         payload=payload)


class ResolutionServicer(Authenticated, api_grpc.ResolutionServiceServicer):
    def __init__(self, resolution: Resolution, credentials: Credentials):
        super().__init__(credentials)
        self.resolution = resolution

    async def _act(self, caller: Caller, request, action: str, payload, override: str = "") -> api.Case:
        case = await self.resolution.act(caller, request.complaint_id, request.request_id,
                                         getattr(request, "expected_etag", ""), action, payload, override)
        return case_message(case)

    @unary(READ)
    async def GetCase(self, request: api.GetCaseRequest, caller: Caller):
        case = await self.resolution.get(caller, request.complaint_id)
        history = self.resolution.book.histories[case.complaint_id]
        return api.GetCaseResponse(case=case_message(case), history=[event_message(e) for e in history])

    @unary(READ)
    async def ListCases(self, request: api.ListCasesRequest, caller: Caller):
        if request.status not in api.CaseStatus.values():
            raise Invalid(f"status has no value {request.status}", "status")
        if request.level not in types.Level.values():
            raise Invalid(f"level has no value {request.level}", "level")
        if len(request.handler) > domain.NAME_LIMIT:
            raise Invalid("handler is too long", "handler")
        if request.priority not in api.CasePriority.values():
            raise Invalid(f"priority has no value {request.priority}", "priority")
        where = CaseFilter(STATUS_NAMES.get(request.status, ""), request.level, request.handler,
                           PRIORITY_NAMES.get(request.priority, ""))
        await self.resolution.caught_up()
        org = caller.principal.organisation
        cases, token = page(lambda after, n: self.resolution.book.list(org, where, after, n),
                            lambda c: (micros(c.opened_at), c.complaint_id), where,
                            request.page_size, request.page_token)
        return api.ListCasesResponse(cases=[case_message(c) for c in cases], next_page_token=token)

    @unary(WRITE)
    async def ReassignCase(self, request: api.ReassignCaseRequest, caller: Caller):
        payload = cmd.ReassignCase(handler=request.handler, level=request.level, reason=request.reason)
        return await self._act(caller, request, "reassign", payload)

    @unary(WRITE)
    async def RecordStep(self, request: api.RecordStepRequest, caller: Caller):
        step = request.WhichOneof("step")
        if step is None:
            raise Invalid("step is required: one of understand, apologise, explain, fix, offer_compensation, "
                          "follow_up, prevent", "step")
        payload = STEP_COMMANDS[step](getattr(request, step))
        return await self._act(caller, request, step, payload, request.conduct_override_reason)

    @unary(WRITE)
    async def SendMessage(self, request: api.SendMessageRequest, caller: Caller):
        payload = cmd.SendMessage(text=request.text, channel=request.channel)
        return await self._act(caller, request, "message", payload, request.conduct_override_reason)

    @unary(WRITE)
    async def ProposeResolution(self, request: api.ProposeResolutionRequest, caller: Caller):
        return await self._act(caller, request, "propose", cmd.ProposeResolution(summary=request.summary))

    @unary(WRITE)
    async def RecordVerdict(self, request: api.RecordVerdictRequest, caller: Caller):
        payload = cmd.RecordVerdict(satisfied=request.satisfied, score=request.score, reason=request.reason,
                                    comment=request.comment)
        return await self._act(caller, request, "verdict", payload)

    @unary(WRITE)
    async def RequestEscalation(self, request: api.RequestEscalationRequest, caller: Caller):
        payload = cmd.RequestEscalation(reason=request.reason, on_behalf_of_customer=request.on_behalf_of_customer)
        return await self._act(caller, request, "request_escalation", payload)

    @unary(WRITE)
    async def ReopenCase(self, request: api.ReopenCaseRequest, caller: Caller):
        return await self._act(caller, request, "reopen", cmd.ReopenCase(reason=request.reason))

    @unary(WRITE)
    async def PauseClocks(self, request: api.PauseClocksRequest, caller: Caller):
        return await self._act(caller, request, "pause", cmd.PauseClocks(reason=request.reason))

    @unary(WRITE)
    async def ResumeClocks(self, request: api.ResumeClocksRequest, caller: Caller):
        return await self._act(caller, request, "resume", cmd.ResumeClocks())

    @unary(WRITE)
    async def ExtendClock(self, request: api.ExtendClockRequest, caller: Caller):
        payload = cmd.ExtendClock(name=request.clock, reason=request.reason)
        return await self._act(caller, request, "extend", payload)

    @unary(READ)
    async def GetDossier(self, request: api.GetDossierRequest, caller: Caller):
        case, dossier = await self.resolution.dossier(caller, request.complaint_id)

        def entries(items):
            return [api.DossierEntry(time=timestamp(e.time), who=e.who, what=e.what) for e in items]

        return api.Dossier(case=case_message(case), what_happened=dossier.what_happened,
                           done_or_promised=entries(dossier.done_or_promised),
                           still_concerned=entries(dossier.still_concerned), timeline=entries(dossier.timeline),
                           letter=dossier.letter)
