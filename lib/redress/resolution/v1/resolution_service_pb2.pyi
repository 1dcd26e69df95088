import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import any_pb2 as _any_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from redress.events.v1 import resolution_pb2 as _resolution_pb2
from redress.types.v1 import complaint_pb2 as _complaint_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CaseStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CASE_STATUS_UNSPECIFIED: _ClassVar[CaseStatus]
    CASE_STATUS_OPEN: _ClassVar[CaseStatus]
    CASE_STATUS_RESOLUTION_PROPOSED: _ClassVar[CaseStatus]
    CASE_STATUS_AWAITING_PREVENTION: _ClassVar[CaseStatus]
    CASE_STATUS_CLOSED: _ClassVar[CaseStatus]

class CasePriority(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CASE_PRIORITY_UNSPECIFIED: _ClassVar[CasePriority]
    CASE_PRIORITY_NORMAL: _ClassVar[CasePriority]
    CASE_PRIORITY_HIGH: _ClassVar[CasePriority]
CASE_STATUS_UNSPECIFIED: CaseStatus
CASE_STATUS_OPEN: CaseStatus
CASE_STATUS_RESOLUTION_PROPOSED: CaseStatus
CASE_STATUS_AWAITING_PREVENTION: CaseStatus
CASE_STATUS_CLOSED: CaseStatus
CASE_PRIORITY_UNSPECIFIED: CasePriority
CASE_PRIORITY_NORMAL: CasePriority
CASE_PRIORITY_HIGH: CasePriority

class ClockState(_message.Message):
    __slots__ = ("clock", "state", "warned")
    CLOCK_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    WARNED_FIELD_NUMBER: _ClassVar[int]
    clock: _resolution_pb2.Clock
    state: str
    warned: bool
    def __init__(self, clock: _Optional[_Union[_resolution_pb2.Clock, _Mapping]] = ..., state: _Optional[str] = ..., warned: _Optional[bool] = ...) -> None: ...

class Case(_message.Message):
    __slots__ = ("complaint_id", "organisation", "status", "level", "handler", "steps_done", "clocks", "last_score", "opened_at", "closed_at", "clocks_paused", "escalations", "etag", "category", "severity", "priority", "language")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    HANDLER_FIELD_NUMBER: _ClassVar[int]
    STEPS_DONE_FIELD_NUMBER: _ClassVar[int]
    CLOCKS_FIELD_NUMBER: _ClassVar[int]
    LAST_SCORE_FIELD_NUMBER: _ClassVar[int]
    OPENED_AT_FIELD_NUMBER: _ClassVar[int]
    CLOSED_AT_FIELD_NUMBER: _ClassVar[int]
    CLOCKS_PAUSED_FIELD_NUMBER: _ClassVar[int]
    ESCALATIONS_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    organisation: str
    status: CaseStatus
    level: _complaint_pb2.Level
    handler: str
    steps_done: _containers.RepeatedScalarFieldContainer[str]
    clocks: _containers.RepeatedCompositeFieldContainer[ClockState]
    last_score: int
    opened_at: _timestamp_pb2.Timestamp
    closed_at: _timestamp_pb2.Timestamp
    clocks_paused: bool
    escalations: int
    etag: str
    category: _complaint_pb2.Category
    severity: _complaint_pb2.Severity
    priority: CasePriority
    language: str
    def __init__(self, complaint_id: _Optional[str] = ..., organisation: _Optional[str] = ..., status: _Optional[_Union[CaseStatus, str]] = ..., level: _Optional[_Union[_complaint_pb2.Level, str]] = ..., handler: _Optional[str] = ..., steps_done: _Optional[_Iterable[str]] = ..., clocks: _Optional[_Iterable[_Union[ClockState, _Mapping]]] = ..., last_score: _Optional[int] = ..., opened_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., closed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., clocks_paused: _Optional[bool] = ..., escalations: _Optional[int] = ..., etag: _Optional[str] = ..., category: _Optional[_Union[_complaint_pb2.Category, str]] = ..., severity: _Optional[_Union[_complaint_pb2.Severity, str]] = ..., priority: _Optional[_Union[CasePriority, str]] = ..., language: _Optional[str] = ...) -> None: ...

class CaseEvent(_message.Message):
    __slots__ = ("event_id", "type", "sequence", "time", "actor", "client_id", "correlation_id", "payload")
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    CORRELATION_ID_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    event_id: str
    type: str
    sequence: int
    time: _timestamp_pb2.Timestamp
    actor: str
    client_id: str
    correlation_id: str
    payload: _any_pb2.Any
    def __init__(self, event_id: _Optional[str] = ..., type: _Optional[str] = ..., sequence: _Optional[int] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., actor: _Optional[str] = ..., client_id: _Optional[str] = ..., correlation_id: _Optional[str] = ..., payload: _Optional[_Union[_any_pb2.Any, _Mapping]] = ...) -> None: ...

class GetCaseRequest(_message.Message):
    __slots__ = ("complaint_id",)
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    def __init__(self, complaint_id: _Optional[str] = ...) -> None: ...

class GetCaseResponse(_message.Message):
    __slots__ = ("case", "history")
    CASE_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    case: Case
    history: _containers.RepeatedCompositeFieldContainer[CaseEvent]
    def __init__(self, case: _Optional[_Union[Case, _Mapping]] = ..., history: _Optional[_Iterable[_Union[CaseEvent, _Mapping]]] = ...) -> None: ...

class ListCasesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "status", "level", "handler", "priority")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    HANDLER_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    status: CaseStatus
    level: _complaint_pb2.Level
    handler: str
    priority: CasePriority
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., status: _Optional[_Union[CaseStatus, str]] = ..., level: _Optional[_Union[_complaint_pb2.Level, str]] = ..., handler: _Optional[str] = ..., priority: _Optional[_Union[CasePriority, str]] = ...) -> None: ...

class ListCasesResponse(_message.Message):
    __slots__ = ("cases", "next_page_token")
    CASES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    cases: _containers.RepeatedCompositeFieldContainer[Case]
    next_page_token: str
    def __init__(self, cases: _Optional[_Iterable[_Union[Case, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ReassignCaseRequest(_message.Message):
    __slots__ = ("complaint_id", "request_id", "expected_etag", "handler", "level", "reason")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_ETAG_FIELD_NUMBER: _ClassVar[int]
    HANDLER_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    request_id: str
    expected_etag: str
    handler: str
    level: _complaint_pb2.Level
    reason: str
    def __init__(self, complaint_id: _Optional[str] = ..., request_id: _Optional[str] = ..., expected_etag: _Optional[str] = ..., handler: _Optional[str] = ..., level: _Optional[_Union[_complaint_pb2.Level, str]] = ..., reason: _Optional[str] = ...) -> None: ...

class RecordStepRequest(_message.Message):
    __slots__ = ("complaint_id", "request_id", "expected_etag", "conduct_override_reason", "understand", "apologise", "explain", "fix", "offer_compensation", "follow_up", "prevent")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_ETAG_FIELD_NUMBER: _ClassVar[int]
    CONDUCT_OVERRIDE_REASON_FIELD_NUMBER: _ClassVar[int]
    UNDERSTAND_FIELD_NUMBER: _ClassVar[int]
    APOLOGISE_FIELD_NUMBER: _ClassVar[int]
    EXPLAIN_FIELD_NUMBER: _ClassVar[int]
    FIX_FIELD_NUMBER: _ClassVar[int]
    OFFER_COMPENSATION_FIELD_NUMBER: _ClassVar[int]
    FOLLOW_UP_FIELD_NUMBER: _ClassVar[int]
    PREVENT_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    request_id: str
    expected_etag: str
    conduct_override_reason: str
    understand: UnderstandingStep
    apologise: ApologyStep
    explain: ExplanationStep
    fix: FixStep
    offer_compensation: CompensationStep
    follow_up: FollowUpStep
    prevent: PreventionStep
    def __init__(self, complaint_id: _Optional[str] = ..., request_id: _Optional[str] = ..., expected_etag: _Optional[str] = ..., conduct_override_reason: _Optional[str] = ..., understand: _Optional[_Union[UnderstandingStep, _Mapping]] = ..., apologise: _Optional[_Union[ApologyStep, _Mapping]] = ..., explain: _Optional[_Union[ExplanationStep, _Mapping]] = ..., fix: _Optional[_Union[FixStep, _Mapping]] = ..., offer_compensation: _Optional[_Union[CompensationStep, _Mapping]] = ..., follow_up: _Optional[_Union[FollowUpStep, _Mapping]] = ..., prevent: _Optional[_Union[PreventionStep, _Mapping]] = ...) -> None: ...

class UnderstandingStep(_message.Message):
    __slots__ = ("customer_reason", "notes")
    CUSTOMER_REASON_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    customer_reason: str
    notes: str
    def __init__(self, customer_reason: _Optional[str] = ..., notes: _Optional[str] = ...) -> None: ...

class ApologyStep(_message.Message):
    __slots__ = ("text",)
    TEXT_FIELD_NUMBER: _ClassVar[int]
    text: str
    def __init__(self, text: _Optional[str] = ...) -> None: ...

class ExplanationStep(_message.Message):
    __slots__ = ("text",)
    TEXT_FIELD_NUMBER: _ClassVar[int]
    text: str
    def __init__(self, text: _Optional[str] = ...) -> None: ...

class FixStep(_message.Message):
    __slots__ = ("text",)
    TEXT_FIELD_NUMBER: _ClassVar[int]
    text: str
    def __init__(self, text: _Optional[str] = ...) -> None: ...

class CompensationStep(_message.Message):
    __slots__ = ("text",)
    TEXT_FIELD_NUMBER: _ClassVar[int]
    text: str
    def __init__(self, text: _Optional[str] = ...) -> None: ...

class FollowUpStep(_message.Message):
    __slots__ = ("question", "answer")
    QUESTION_FIELD_NUMBER: _ClassVar[int]
    ANSWER_FIELD_NUMBER: _ClassVar[int]
    question: str
    answer: str
    def __init__(self, question: _Optional[str] = ..., answer: _Optional[str] = ...) -> None: ...

class PreventionStep(_message.Message):
    __slots__ = ("root_cause", "preventive_action", "category")
    ROOT_CAUSE_FIELD_NUMBER: _ClassVar[int]
    PREVENTIVE_ACTION_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    root_cause: str
    preventive_action: str
    category: _complaint_pb2.Category
    def __init__(self, root_cause: _Optional[str] = ..., preventive_action: _Optional[str] = ..., category: _Optional[_Union[_complaint_pb2.Category, str]] = ...) -> None: ...

class SendMessageRequest(_message.Message):
    __slots__ = ("complaint_id", "request_id", "expected_etag", "text", "channel", "conduct_override_reason")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_ETAG_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    CONDUCT_OVERRIDE_REASON_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    request_id: str
    expected_etag: str
    text: str
    channel: _complaint_pb2.Channel
    conduct_override_reason: str
    def __init__(self, complaint_id: _Optional[str] = ..., request_id: _Optional[str] = ..., expected_etag: _Optional[str] = ..., text: _Optional[str] = ..., channel: _Optional[_Union[_complaint_pb2.Channel, str]] = ..., conduct_override_reason: _Optional[str] = ...) -> None: ...

class ProposeResolutionRequest(_message.Message):
    __slots__ = ("complaint_id", "request_id", "expected_etag", "summary")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_ETAG_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    request_id: str
    expected_etag: str
    summary: str
    def __init__(self, complaint_id: _Optional[str] = ..., request_id: _Optional[str] = ..., expected_etag: _Optional[str] = ..., summary: _Optional[str] = ...) -> None: ...

class RecordVerdictRequest(_message.Message):
    __slots__ = ("complaint_id", "request_id", "expected_etag", "satisfied", "score", "reason", "comment")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_ETAG_FIELD_NUMBER: _ClassVar[int]
    SATISFIED_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    request_id: str
    expected_etag: str
    satisfied: bool
    score: int
    reason: _resolution_pb2.DissatisfactionReason
    comment: str
    def __init__(self, complaint_id: _Optional[str] = ..., request_id: _Optional[str] = ..., expected_etag: _Optional[str] = ..., satisfied: _Optional[bool] = ..., score: _Optional[int] = ..., reason: _Optional[_Union[_resolution_pb2.DissatisfactionReason, str]] = ..., comment: _Optional[str] = ...) -> None: ...

class RequestEscalationRequest(_message.Message):
    __slots__ = ("complaint_id", "request_id", "reason", "on_behalf_of_customer")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ON_BEHALF_OF_CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    request_id: str
    reason: str
    on_behalf_of_customer: bool
    def __init__(self, complaint_id: _Optional[str] = ..., request_id: _Optional[str] = ..., reason: _Optional[str] = ..., on_behalf_of_customer: _Optional[bool] = ...) -> None: ...

class ReopenCaseRequest(_message.Message):
    __slots__ = ("complaint_id", "request_id", "expected_etag", "reason")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_ETAG_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    request_id: str
    expected_etag: str
    reason: str
    def __init__(self, complaint_id: _Optional[str] = ..., request_id: _Optional[str] = ..., expected_etag: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class PauseClocksRequest(_message.Message):
    __slots__ = ("complaint_id", "request_id", "reason")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    request_id: str
    reason: str
    def __init__(self, complaint_id: _Optional[str] = ..., request_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ResumeClocksRequest(_message.Message):
    __slots__ = ("complaint_id", "request_id")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    request_id: str
    def __init__(self, complaint_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class ExtendClockRequest(_message.Message):
    __slots__ = ("complaint_id", "request_id", "clock", "reason")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    CLOCK_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    request_id: str
    clock: str
    reason: str
    def __init__(self, complaint_id: _Optional[str] = ..., request_id: _Optional[str] = ..., clock: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class GetDossierRequest(_message.Message):
    __slots__ = ("complaint_id",)
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    def __init__(self, complaint_id: _Optional[str] = ...) -> None: ...

class DossierEntry(_message.Message):
    __slots__ = ("time", "who", "what")
    TIME_FIELD_NUMBER: _ClassVar[int]
    WHO_FIELD_NUMBER: _ClassVar[int]
    WHAT_FIELD_NUMBER: _ClassVar[int]
    time: _timestamp_pb2.Timestamp
    who: str
    what: str
    def __init__(self, time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., who: _Optional[str] = ..., what: _Optional[str] = ...) -> None: ...

class Dossier(_message.Message):
    __slots__ = ("case", "what_happened", "done_or_promised", "still_concerned", "timeline", "letter")
    CASE_FIELD_NUMBER: _ClassVar[int]
    WHAT_HAPPENED_FIELD_NUMBER: _ClassVar[int]
    DONE_OR_PROMISED_FIELD_NUMBER: _ClassVar[int]
    STILL_CONCERNED_FIELD_NUMBER: _ClassVar[int]
    TIMELINE_FIELD_NUMBER: _ClassVar[int]
    LETTER_FIELD_NUMBER: _ClassVar[int]
    case: Case
    what_happened: str
    done_or_promised: _containers.RepeatedCompositeFieldContainer[DossierEntry]
    still_concerned: _containers.RepeatedCompositeFieldContainer[DossierEntry]
    timeline: _containers.RepeatedCompositeFieldContainer[DossierEntry]
    letter: str
    def __init__(self, case: _Optional[_Union[Case, _Mapping]] = ..., what_happened: _Optional[str] = ..., done_or_promised: _Optional[_Iterable[_Union[DossierEntry, _Mapping]]] = ..., still_concerned: _Optional[_Iterable[_Union[DossierEntry, _Mapping]]] = ..., timeline: _Optional[_Iterable[_Union[DossierEntry, _Mapping]]] = ..., letter: _Optional[str] = ...) -> None: ...
