import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from redress.commands.v1 import commands_pb2 as _commands_pb2
from redress.events.v1 import intake_pb2 as _intake_pb2
from redress.events.v1 import resolution_pb2 as _resolution_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ResolutionCommand(_message.Message):
    __slots__ = ("context", "conduct_override_reason", "reacting_to_time", "open", "note_acknowledgement", "close_withdrawn", "note_repeat_contact", "reclassify", "reassign", "understand", "apologise", "explain", "fix", "offer_compensation", "follow_up", "prevent", "message", "propose", "verdict", "request_escalation", "reopen", "pause", "resume", "extend", "clock_due")
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    CONDUCT_OVERRIDE_REASON_FIELD_NUMBER: _ClassVar[int]
    REACTING_TO_TIME_FIELD_NUMBER: _ClassVar[int]
    OPEN_FIELD_NUMBER: _ClassVar[int]
    NOTE_ACKNOWLEDGEMENT_FIELD_NUMBER: _ClassVar[int]
    CLOSE_WITHDRAWN_FIELD_NUMBER: _ClassVar[int]
    NOTE_REPEAT_CONTACT_FIELD_NUMBER: _ClassVar[int]
    RECLASSIFY_FIELD_NUMBER: _ClassVar[int]
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
    context: _commands_pb2.CommandContext
    conduct_override_reason: str
    reacting_to_time: _timestamp_pb2.Timestamp
    open: _intake_pb2.ComplaintFiled
    note_acknowledgement: _intake_pb2.ComplaintAcknowledged
    close_withdrawn: _intake_pb2.ComplaintWithdrawn
    note_repeat_contact: _intake_pb2.RepeatContactRecorded
    reclassify: _intake_pb2.ComplaintAmended
    reassign: _resolution_pb2.CaseReassigned
    understand: _resolution_pb2.CustomerUnderstood
    apologise: _resolution_pb2.ApologyMade
    explain: _resolution_pb2.ExplanationGiven
    fix: _resolution_pb2.FixRecorded
    offer_compensation: _resolution_pb2.CompensationOffered
    follow_up: _resolution_pb2.FollowUpAsked
    prevent: _resolution_pb2.PreventionRecorded
    message: _resolution_pb2.MessageSentToCustomer
    propose: _resolution_pb2.ResolutionProposed
    verdict: _resolution_pb2.VerdictRecorded
    request_escalation: _resolution_pb2.EscalationRequested
    reopen: _resolution_pb2.CaseReopened
    pause: _resolution_pb2.ClocksPaused
    resume: ResumeClocks
    extend: ExtendClock
    clock_due: ClockDue
    def __init__(self, context: _Optional[_Union[_commands_pb2.CommandContext, _Mapping]] = ..., conduct_override_reason: _Optional[str] = ..., reacting_to_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., open: _Optional[_Union[_intake_pb2.ComplaintFiled, _Mapping]] = ..., note_acknowledgement: _Optional[_Union[_intake_pb2.ComplaintAcknowledged, _Mapping]] = ..., close_withdrawn: _Optional[_Union[_intake_pb2.ComplaintWithdrawn, _Mapping]] = ..., note_repeat_contact: _Optional[_Union[_intake_pb2.RepeatContactRecorded, _Mapping]] = ..., reclassify: _Optional[_Union[_intake_pb2.ComplaintAmended, _Mapping]] = ..., reassign: _Optional[_Union[_resolution_pb2.CaseReassigned, _Mapping]] = ..., understand: _Optional[_Union[_resolution_pb2.CustomerUnderstood, _Mapping]] = ..., apologise: _Optional[_Union[_resolution_pb2.ApologyMade, _Mapping]] = ..., explain: _Optional[_Union[_resolution_pb2.ExplanationGiven, _Mapping]] = ..., fix: _Optional[_Union[_resolution_pb2.FixRecorded, _Mapping]] = ..., offer_compensation: _Optional[_Union[_resolution_pb2.CompensationOffered, _Mapping]] = ..., follow_up: _Optional[_Union[_resolution_pb2.FollowUpAsked, _Mapping]] = ..., prevent: _Optional[_Union[_resolution_pb2.PreventionRecorded, _Mapping]] = ..., message: _Optional[_Union[_resolution_pb2.MessageSentToCustomer, _Mapping]] = ..., propose: _Optional[_Union[_resolution_pb2.ResolutionProposed, _Mapping]] = ..., verdict: _Optional[_Union[_resolution_pb2.VerdictRecorded, _Mapping]] = ..., request_escalation: _Optional[_Union[_resolution_pb2.EscalationRequested, _Mapping]] = ..., reopen: _Optional[_Union[_resolution_pb2.CaseReopened, _Mapping]] = ..., pause: _Optional[_Union[_resolution_pb2.ClocksPaused, _Mapping]] = ..., resume: _Optional[_Union[ResumeClocks, _Mapping]] = ..., extend: _Optional[_Union[ExtendClock, _Mapping]] = ..., clock_due: _Optional[_Union[ClockDue, _Mapping]] = ...) -> None: ...

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
