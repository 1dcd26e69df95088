import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from redress.events.v1 import compensation_pb2 as _compensation_pb2
from redress.types.v1 import complaint_pb2 as _complaint_pb2
from redress.types.v1 import money_pb2 as _money_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DissatisfactionReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DISSATISFACTION_REASON_UNSPECIFIED: _ClassVar[DissatisfactionReason]
    DISSATISFACTION_REASON_SCEPTICAL_OF_FIX: _ClassVar[DissatisfactionReason]
    DISSATISFACTION_REASON_UNHAPPY_WITH_TREATMENT: _ClassVar[DissatisfactionReason]
    DISSATISFACTION_REASON_BRUSHED_OFF: _ClassVar[DissatisfactionReason]
    DISSATISFACTION_REASON_OTHER: _ClassVar[DissatisfactionReason]

class EscalationCause(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ESCALATION_CAUSE_UNSPECIFIED: _ClassVar[EscalationCause]
    ESCALATION_CAUSE_DISSATISFIED: _ClassVar[EscalationCause]
    ESCALATION_CAUSE_REQUESTED: _ClassVar[EscalationCause]
    ESCALATION_CAUSE_CLOCK_BREACHED: _ClassVar[EscalationCause]
    ESCALATION_CAUSE_RECLASSIFIED: _ClassVar[EscalationCause]
    ESCALATION_CAUSE_WENT_PUBLIC: _ClassVar[EscalationCause]
DISSATISFACTION_REASON_UNSPECIFIED: DissatisfactionReason
DISSATISFACTION_REASON_SCEPTICAL_OF_FIX: DissatisfactionReason
DISSATISFACTION_REASON_UNHAPPY_WITH_TREATMENT: DissatisfactionReason
DISSATISFACTION_REASON_BRUSHED_OFF: DissatisfactionReason
DISSATISFACTION_REASON_OTHER: DissatisfactionReason
ESCALATION_CAUSE_UNSPECIFIED: EscalationCause
ESCALATION_CAUSE_DISSATISFIED: EscalationCause
ESCALATION_CAUSE_REQUESTED: EscalationCause
ESCALATION_CAUSE_CLOCK_BREACHED: EscalationCause
ESCALATION_CAUSE_RECLASSIFIED: EscalationCause
ESCALATION_CAUSE_WENT_PUBLIC: EscalationCause

class Clock(_message.Message):
    __slots__ = ("name", "due_at", "warn_at", "basis", "escalates", "extended_due_at", "runs_while_waiting")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DUE_AT_FIELD_NUMBER: _ClassVar[int]
    WARN_AT_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    ESCALATES_FIELD_NUMBER: _ClassVar[int]
    EXTENDED_DUE_AT_FIELD_NUMBER: _ClassVar[int]
    RUNS_WHILE_WAITING_FIELD_NUMBER: _ClassVar[int]
    name: str
    due_at: _timestamp_pb2.Timestamp
    warn_at: _timestamp_pb2.Timestamp
    basis: str
    escalates: bool
    extended_due_at: _timestamp_pb2.Timestamp
    runs_while_waiting: bool
    def __init__(self, name: _Optional[str] = ..., due_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., warn_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., basis: _Optional[str] = ..., escalates: _Optional[bool] = ..., extended_due_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., runs_while_waiting: _Optional[bool] = ...) -> None: ...

class ConductOverride(_message.Message):
    __slots__ = ("rules", "reason")
    RULES_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    rules: _containers.RepeatedScalarFieldContainer[str]
    reason: str
    def __init__(self, rules: _Optional[_Iterable[str]] = ..., reason: _Optional[str] = ...) -> None: ...

class CaseOpened(_message.Message):
    __slots__ = ("complaint_id", "organisation", "level", "handler", "routing_rule", "customer_id", "channel", "category", "severity", "store", "description", "desired_remedy", "filed_at", "clocks", "language")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    HANDLER_FIELD_NUMBER: _ClassVar[int]
    ROUTING_RULE_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DESIRED_REMEDY_FIELD_NUMBER: _ClassVar[int]
    FILED_AT_FIELD_NUMBER: _ClassVar[int]
    CLOCKS_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    organisation: str
    level: _complaint_pb2.Level
    handler: str
    routing_rule: str
    customer_id: str
    channel: _complaint_pb2.Channel
    category: _complaint_pb2.Category
    severity: _complaint_pb2.Severity
    store: str
    description: str
    desired_remedy: str
    filed_at: _timestamp_pb2.Timestamp
    clocks: _containers.RepeatedCompositeFieldContainer[Clock]
    language: str
    def __init__(self, complaint_id: _Optional[str] = ..., organisation: _Optional[str] = ..., level: _Optional[_Union[_complaint_pb2.Level, str]] = ..., handler: _Optional[str] = ..., routing_rule: _Optional[str] = ..., customer_id: _Optional[str] = ..., channel: _Optional[_Union[_complaint_pb2.Channel, str]] = ..., category: _Optional[_Union[_complaint_pb2.Category, str]] = ..., severity: _Optional[_Union[_complaint_pb2.Severity, str]] = ..., store: _Optional[str] = ..., description: _Optional[str] = ..., desired_remedy: _Optional[str] = ..., filed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., clocks: _Optional[_Iterable[_Union[Clock, _Mapping]]] = ..., language: _Optional[str] = ...) -> None: ...

class CaseReassigned(_message.Message):
    __slots__ = ("handler", "level", "reason")
    HANDLER_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    handler: str
    level: _complaint_pb2.Level
    reason: str
    def __init__(self, handler: _Optional[str] = ..., level: _Optional[_Union[_complaint_pb2.Level, str]] = ..., reason: _Optional[str] = ...) -> None: ...

class CustomerUnderstood(_message.Message):
    __slots__ = ("customer_reason", "notes")
    CUSTOMER_REASON_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    customer_reason: str
    notes: str
    def __init__(self, customer_reason: _Optional[str] = ..., notes: _Optional[str] = ...) -> None: ...

class ApologyMade(_message.Message):
    __slots__ = ("text", "conduct_override")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    CONDUCT_OVERRIDE_FIELD_NUMBER: _ClassVar[int]
    text: str
    conduct_override: ConductOverride
    def __init__(self, text: _Optional[str] = ..., conduct_override: _Optional[_Union[ConductOverride, _Mapping]] = ...) -> None: ...

class ExplanationGiven(_message.Message):
    __slots__ = ("text", "conduct_override")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    CONDUCT_OVERRIDE_FIELD_NUMBER: _ClassVar[int]
    text: str
    conduct_override: ConductOverride
    def __init__(self, text: _Optional[str] = ..., conduct_override: _Optional[_Union[ConductOverride, _Mapping]] = ...) -> None: ...

class FixRecorded(_message.Message):
    __slots__ = ("text", "conduct_override")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    CONDUCT_OVERRIDE_FIELD_NUMBER: _ClassVar[int]
    text: str
    conduct_override: ConductOverride
    def __init__(self, text: _Optional[str] = ..., conduct_override: _Optional[_Union[ConductOverride, _Mapping]] = ...) -> None: ...

class CompensationOffered(_message.Message):
    __slots__ = ("text", "conduct_override")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    CONDUCT_OVERRIDE_FIELD_NUMBER: _ClassVar[int]
    text: str
    conduct_override: ConductOverride
    def __init__(self, text: _Optional[str] = ..., conduct_override: _Optional[_Union[ConductOverride, _Mapping]] = ...) -> None: ...

class FollowUpAsked(_message.Message):
    __slots__ = ("question", "answer", "conduct_override")
    QUESTION_FIELD_NUMBER: _ClassVar[int]
    ANSWER_FIELD_NUMBER: _ClassVar[int]
    CONDUCT_OVERRIDE_FIELD_NUMBER: _ClassVar[int]
    question: str
    answer: str
    conduct_override: ConductOverride
    def __init__(self, question: _Optional[str] = ..., answer: _Optional[str] = ..., conduct_override: _Optional[_Union[ConductOverride, _Mapping]] = ...) -> None: ...

class PreventionRecorded(_message.Message):
    __slots__ = ("root_cause", "preventive_action", "category")
    ROOT_CAUSE_FIELD_NUMBER: _ClassVar[int]
    PREVENTIVE_ACTION_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    root_cause: str
    preventive_action: str
    category: _complaint_pb2.Category
    def __init__(self, root_cause: _Optional[str] = ..., preventive_action: _Optional[str] = ..., category: _Optional[_Union[_complaint_pb2.Category, str]] = ...) -> None: ...

class MessageSentToCustomer(_message.Message):
    __slots__ = ("text", "channel", "conduct_override")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    CONDUCT_OVERRIDE_FIELD_NUMBER: _ClassVar[int]
    text: str
    channel: _complaint_pb2.Channel
    conduct_override: ConductOverride
    def __init__(self, text: _Optional[str] = ..., channel: _Optional[_Union[_complaint_pb2.Channel, str]] = ..., conduct_override: _Optional[_Union[ConductOverride, _Mapping]] = ...) -> None: ...

class ResolutionProposed(_message.Message):
    __slots__ = ("summary",)
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    summary: str
    def __init__(self, summary: _Optional[str] = ...) -> None: ...

class VerdictRecorded(_message.Message):
    __slots__ = ("satisfied", "score", "reason", "comment")
    SATISFIED_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    satisfied: bool
    score: int
    reason: DissatisfactionReason
    comment: str
    def __init__(self, satisfied: _Optional[bool] = ..., score: _Optional[int] = ..., reason: _Optional[_Union[DissatisfactionReason, str]] = ..., comment: _Optional[str] = ...) -> None: ...

class EscalationRequested(_message.Message):
    __slots__ = ("reason", "on_behalf_of_customer", "at_highest_level")
    REASON_FIELD_NUMBER: _ClassVar[int]
    ON_BEHALF_OF_CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    AT_HIGHEST_LEVEL_FIELD_NUMBER: _ClassVar[int]
    reason: str
    on_behalf_of_customer: bool
    at_highest_level: bool
    def __init__(self, reason: _Optional[str] = ..., on_behalf_of_customer: _Optional[bool] = ..., at_highest_level: _Optional[bool] = ...) -> None: ...

class CaseEscalated(_message.Message):
    __slots__ = ("from_level", "to_level", "handler", "cause", "detail", "clocks")
    FROM_LEVEL_FIELD_NUMBER: _ClassVar[int]
    TO_LEVEL_FIELD_NUMBER: _ClassVar[int]
    HANDLER_FIELD_NUMBER: _ClassVar[int]
    CAUSE_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    CLOCKS_FIELD_NUMBER: _ClassVar[int]
    from_level: _complaint_pb2.Level
    to_level: _complaint_pb2.Level
    handler: str
    cause: EscalationCause
    detail: str
    clocks: _containers.RepeatedCompositeFieldContainer[Clock]
    def __init__(self, from_level: _Optional[_Union[_complaint_pb2.Level, str]] = ..., to_level: _Optional[_Union[_complaint_pb2.Level, str]] = ..., handler: _Optional[str] = ..., cause: _Optional[_Union[EscalationCause, str]] = ..., detail: _Optional[str] = ..., clocks: _Optional[_Iterable[_Union[Clock, _Mapping]]] = ...) -> None: ...

class CaseClosed(_message.Message):
    __slots__ = ("reason",)
    REASON_FIELD_NUMBER: _ClassVar[int]
    reason: str
    def __init__(self, reason: _Optional[str] = ...) -> None: ...

class CaseReopened(_message.Message):
    __slots__ = ("reason", "clocks")
    REASON_FIELD_NUMBER: _ClassVar[int]
    CLOCKS_FIELD_NUMBER: _ClassVar[int]
    reason: str
    clocks: _containers.RepeatedCompositeFieldContainer[Clock]
    def __init__(self, reason: _Optional[str] = ..., clocks: _Optional[_Iterable[_Union[Clock, _Mapping]]] = ...) -> None: ...

class CustomerContactedAgain(_message.Message):
    __slots__ = ("channel", "description")
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    channel: _complaint_pb2.Channel
    description: str
    def __init__(self, channel: _Optional[_Union[_complaint_pb2.Channel, str]] = ..., description: _Optional[str] = ...) -> None: ...

class CaseReclassified(_message.Message):
    __slots__ = ("category", "severity", "clocks")
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    CLOCKS_FIELD_NUMBER: _ClassVar[int]
    category: _complaint_pb2.Category
    severity: _complaint_pb2.Severity
    clocks: _containers.RepeatedCompositeFieldContainer[Clock]
    def __init__(self, category: _Optional[_Union[_complaint_pb2.Category, str]] = ..., severity: _Optional[_Union[_complaint_pb2.Severity, str]] = ..., clocks: _Optional[_Iterable[_Union[Clock, _Mapping]]] = ...) -> None: ...

class CasePriorityRaised(_message.Message):
    __slots__ = ("reason", "where", "evidence", "excerpt")
    REASON_FIELD_NUMBER: _ClassVar[int]
    WHERE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    EXCERPT_FIELD_NUMBER: _ClassVar[int]
    reason: str
    where: str
    evidence: _containers.RepeatedScalarFieldContainer[str]
    excerpt: str
    def __init__(self, reason: _Optional[str] = ..., where: _Optional[str] = ..., evidence: _Optional[_Iterable[str]] = ..., excerpt: _Optional[str] = ...) -> None: ...

class ComplaintAcknowledgementNoted(_message.Message):
    __slots__ = ("reference",)
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    reference: str
    def __init__(self, reference: _Optional[str] = ...) -> None: ...

class ClocksPaused(_message.Message):
    __slots__ = ("reason",)
    REASON_FIELD_NUMBER: _ClassVar[int]
    reason: str
    def __init__(self, reason: _Optional[str] = ...) -> None: ...

class ClocksResumed(_message.Message):
    __slots__ = ("clocks",)
    CLOCKS_FIELD_NUMBER: _ClassVar[int]
    clocks: _containers.RepeatedCompositeFieldContainer[Clock]
    def __init__(self, clocks: _Optional[_Iterable[_Union[Clock, _Mapping]]] = ...) -> None: ...

class ClockMet(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ClockWarned(_message.Message):
    __slots__ = ("name", "due_at")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DUE_AT_FIELD_NUMBER: _ClassVar[int]
    name: str
    due_at: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., due_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ClockBreached(_message.Message):
    __slots__ = ("name", "due_at")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DUE_AT_FIELD_NUMBER: _ClassVar[int]
    name: str
    due_at: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., due_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ClockExtended(_message.Message):
    __slots__ = ("clock", "reason")
    CLOCK_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    clock: Clock
    reason: str
    def __init__(self, clock: _Optional[_Union[Clock, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class CompensationNoted(_message.Message):
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
