import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from redress.commands.v1 import commands_pb2 as _commands_pb2
from redress.events.v1 import intake_pb2 as _intake_pb2
from redress.events.v1 import resolution_pb2 as _resolution_pb2
from redress.events.v1 import compensation_pb2 as _compensation_pb2
from redress.events.v1 import publicity_pb2 as _publicity_pb2
from redress.types.v1 import complaint_pb2 as _complaint_pb2
from redress.types.v1 import money_pb2 as _money_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ResolutionCommand(_message.Message):
    __slots__ = ("context", "conduct_override_reason", "reacting_to_time", "open", "note_acknowledgement", "close_withdrawn", "note_repeat_contact", "reclassify", "note_publicity_intent", "reassign", "understand", "apologise", "explain", "fix", "offer_compensation", "follow_up", "prevent", "message", "propose", "verdict", "request_escalation", "reopen", "pause", "resume", "extend", "clock_due", "note_compensation", "note_public_escalation", "note_risk")
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    CONDUCT_OVERRIDE_REASON_FIELD_NUMBER: _ClassVar[int]
    REACTING_TO_TIME_FIELD_NUMBER: _ClassVar[int]
    OPEN_FIELD_NUMBER: _ClassVar[int]
    NOTE_ACKNOWLEDGEMENT_FIELD_NUMBER: _ClassVar[int]
    CLOSE_WITHDRAWN_FIELD_NUMBER: _ClassVar[int]
    NOTE_REPEAT_CONTACT_FIELD_NUMBER: _ClassVar[int]
    RECLASSIFY_FIELD_NUMBER: _ClassVar[int]
    NOTE_PUBLICITY_INTENT_FIELD_NUMBER: _ClassVar[int]
    REASSIGN_FIELD_NUMBER: _ClassVar[int]
    UNDERSTAND_FIELD_NUMBER: _ClassVar[int]
    APOLOGISE_FIELD_NUMBER: _ClassVar[int]
    EXPLAIN_FIELD_NUMBER: _ClassVar[int]
    FIX_FIELD_NUMBER: _ClassVar[int]
    OFFER_COMPENSATION_FIELD_NUMBER: _ClassVar[int]
    FOLLOW_UP_FIELD_NUMBER: _ClassVar[int]
    PREVENT_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    PROPOSE_FIELD_NUMBER: _ClassVar[int]
    VERDICT_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ESCALATION_FIELD_NUMBER: _ClassVar[int]
    REOPEN_FIELD_NUMBER: _ClassVar[int]
    PAUSE_FIELD_NUMBER: _ClassVar[int]
    RESUME_FIELD_NUMBER: _ClassVar[int]
    EXTEND_FIELD_NUMBER: _ClassVar[int]
    CLOCK_DUE_FIELD_NUMBER: _ClassVar[int]
    NOTE_COMPENSATION_FIELD_NUMBER: _ClassVar[int]
    NOTE_PUBLIC_ESCALATION_FIELD_NUMBER: _ClassVar[int]
    NOTE_RISK_FIELD_NUMBER: _ClassVar[int]
    context: _commands_pb2.CommandContext
    conduct_override_reason: str
    reacting_to_time: _timestamp_pb2.Timestamp
    open: _intake_pb2.ComplaintFiled
    note_acknowledgement: _intake_pb2.ComplaintAcknowledged
    close_withdrawn: _intake_pb2.ComplaintWithdrawn
    note_repeat_contact: _intake_pb2.RepeatContactRecorded
    reclassify: _intake_pb2.ComplaintAmended
    note_publicity_intent: _intake_pb2.PublicityIntentStated
    reassign: ReassignCase
    understand: UnderstandCustomer
    apologise: Apologise
    explain: Explain
    fix: RecordFix
    offer_compensation: OfferCompensation
    follow_up: AskFollowUp
    prevent: RecordPrevention
    message: SendMessage
    propose: ProposeResolution
    verdict: RecordVerdict
    request_escalation: RequestEscalation
    reopen: ReopenCase
    pause: PauseClocks
    resume: ResumeClocks
    extend: ExtendClock
    clock_due: ClockDue
    note_compensation: NoteCompensation
    note_public_escalation: _publicity_pb2.PublicEscalationOpened
    note_risk: _publicity_pb2.RiskThresholdCrossed
    def __init__(self, context: _Optional[_Union[_commands_pb2.CommandContext, _Mapping]] = ..., conduct_override_reason: _Optional[str] = ..., reacting_to_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., open: _Optional[_Union[_intake_pb2.ComplaintFiled, _Mapping]] = ..., note_acknowledgement: _Optional[_Union[_intake_pb2.ComplaintAcknowledged, _Mapping]] = ..., close_withdrawn: _Optional[_Union[_intake_pb2.ComplaintWithdrawn, _Mapping]] = ..., note_repeat_contact: _Optional[_Union[_intake_pb2.RepeatContactRecorded, _Mapping]] = ..., reclassify: _Optional[_Union[_intake_pb2.ComplaintAmended, _Mapping]] = ..., note_publicity_intent: _Optional[_Union[_intake_pb2.PublicityIntentStated, _Mapping]] = ..., reassign: _Optional[_Union[ReassignCase, _Mapping]] = ..., understand: _Optional[_Union[UnderstandCustomer, _Mapping]] = ..., apologise: _Optional[_Union[Apologise, _Mapping]] = ..., explain: _Optional[_Union[Explain, _Mapping]] = ..., fix: _Optional[_Union[RecordFix, _Mapping]] = ..., offer_compensation: _Optional[_Union[OfferCompensation, _Mapping]] = ..., follow_up: _Optional[_Union[AskFollowUp, _Mapping]] = ..., prevent: _Optional[_Union[RecordPrevention, _Mapping]] = ..., message: _Optional[_Union[SendMessage, _Mapping]] = ..., propose: _Optional[_Union[ProposeResolution, _Mapping]] = ..., verdict: _Optional[_Union[RecordVerdict, _Mapping]] = ..., request_escalation: _Optional[_Union[RequestEscalation, _Mapping]] = ..., reopen: _Optional[_Union[ReopenCase, _Mapping]] = ..., pause: _Optional[_Union[PauseClocks, _Mapping]] = ..., resume: _Optional[_Union[ResumeClocks, _Mapping]] = ..., extend: _Optional[_Union[ExtendClock, _Mapping]] = ..., clock_due: _Optional[_Union[ClockDue, _Mapping]] = ..., note_compensation: _Optional[_Union[NoteCompensation, _Mapping]] = ..., note_public_escalation: _Optional[_Union[_publicity_pb2.PublicEscalationOpened, _Mapping]] = ..., note_risk: _Optional[_Union[_publicity_pb2.RiskThresholdCrossed, _Mapping]] = ...) -> None: ...

class ReassignCase(_message.Message):
    __slots__ = ("handler", "level", "reason")
    HANDLER_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    handler: str
    level: _complaint_pb2.Level
    reason: str
    def __init__(self, handler: _Optional[str] = ..., level: _Optional[_Union[_complaint_pb2.Level, str]] = ..., reason: _Optional[str] = ...) -> None: ...

class UnderstandCustomer(_message.Message):
    __slots__ = ("customer_reason", "notes")
    CUSTOMER_REASON_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    customer_reason: str
    notes: str
    def __init__(self, customer_reason: _Optional[str] = ..., notes: _Optional[str] = ...) -> None: ...

class Apologise(_message.Message):
    __slots__ = ("text",)
    TEXT_FIELD_NUMBER: _ClassVar[int]
    text: str
    def __init__(self, text: _Optional[str] = ...) -> None: ...

class Explain(_message.Message):
    __slots__ = ("text",)
    TEXT_FIELD_NUMBER: _ClassVar[int]
    text: str
    def __init__(self, text: _Optional[str] = ...) -> None: ...

class RecordFix(_message.Message):
    __slots__ = ("text",)
    TEXT_FIELD_NUMBER: _ClassVar[int]
    text: str
    def __init__(self, text: _Optional[str] = ...) -> None: ...

class OfferCompensation(_message.Message):
    __slots__ = ("text",)
    TEXT_FIELD_NUMBER: _ClassVar[int]
    text: str
    def __init__(self, text: _Optional[str] = ...) -> None: ...

class AskFollowUp(_message.Message):
    __slots__ = ("question", "answer")
    QUESTION_FIELD_NUMBER: _ClassVar[int]
    ANSWER_FIELD_NUMBER: _ClassVar[int]
    question: str
    answer: str
    def __init__(self, question: _Optional[str] = ..., answer: _Optional[str] = ...) -> None: ...

class RecordPrevention(_message.Message):
    __slots__ = ("root_cause", "preventive_action", "category")
    ROOT_CAUSE_FIELD_NUMBER: _ClassVar[int]
    PREVENTIVE_ACTION_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    root_cause: str
    preventive_action: str
    category: _complaint_pb2.Category
    def __init__(self, root_cause: _Optional[str] = ..., preventive_action: _Optional[str] = ..., category: _Optional[_Union[_complaint_pb2.Category, str]] = ...) -> None: ...

class SendMessage(_message.Message):
    __slots__ = ("text", "channel")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    text: str
    channel: _complaint_pb2.Channel
    def __init__(self, text: _Optional[str] = ..., channel: _Optional[_Union[_complaint_pb2.Channel, str]] = ...) -> None: ...

class ProposeResolution(_message.Message):
    __slots__ = ("summary",)
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    summary: str
    def __init__(self, summary: _Optional[str] = ...) -> None: ...

class RecordVerdict(_message.Message):
    __slots__ = ("satisfied", "score", "reason", "comment")
    SATISFIED_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    satisfied: bool
    score: int
    reason: _resolution_pb2.DissatisfactionReason
    comment: str
    def __init__(self, satisfied: _Optional[bool] = ..., score: _Optional[int] = ..., reason: _Optional[_Union[_resolution_pb2.DissatisfactionReason, str]] = ..., comment: _Optional[str] = ...) -> None: ...

class RequestEscalation(_message.Message):
    __slots__ = ("reason", "on_behalf_of_customer")
    REASON_FIELD_NUMBER: _ClassVar[int]
    ON_BEHALF_OF_CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    reason: str
    on_behalf_of_customer: bool
    def __init__(self, reason: _Optional[str] = ..., on_behalf_of_customer: _Optional[bool] = ...) -> None: ...

class ReopenCase(_message.Message):
    __slots__ = ("reason",)
    REASON_FIELD_NUMBER: _ClassVar[int]
    reason: str
    def __init__(self, reason: _Optional[str] = ...) -> None: ...

class PauseClocks(_message.Message):
    __slots__ = ("reason",)
    REASON_FIELD_NUMBER: _ClassVar[int]
    reason: str
    def __init__(self, reason: _Optional[str] = ...) -> None: ...

class ResumeClocks(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ExtendClock(_message.Message):
    __slots__ = ("name", "reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    reason: str
    def __init__(self, name: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ClockDue(_message.Message):
    __slots__ = ("name", "kind")
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    name: str
    kind: str
    def __init__(self, name: _Optional[str] = ..., kind: _Optional[str] = ...) -> None: ...

class NoteCompensation(_message.Message):
    __slots__ = ("offer_id", "what", "kind", "amount", "detail")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    WHAT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    what: str
    kind: _compensation_pb2.OfferKind
    amount: _money_pb2.Money
    detail: str
    def __init__(self, offer_id: _Optional[str] = ..., what: _Optional[str] = ..., kind: _Optional[_Union[_compensation_pb2.OfferKind, str]] = ..., amount: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., detail: _Optional[str] = ...) -> None: ...
