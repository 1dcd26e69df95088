from redress.commands.v1 import commands_pb2 as _commands_pb2
from redress.events.v1 import intake_pb2 as _intake_pb2
from redress.events.v1 import publicity_pb2 as _publicity_pb2
from redress.events.v1 import resolution_pb2 as _resolution_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PublicityWatchCommand(_message.Message):
    __slots__ = ("context", "report", "note_filed", "note_acknowledged", "note_repeat_contact", "note_amended", "note_withdrawn", "note_case_closed", "note_case_reopened", "note_case_escalated", "note_verdict", "link", "unlink", "draft_response", "approve_response", "record_publication", "record_follow_up", "resolve_publicly", "close_escalation", "note_risk", "note_burst", "note_edit", "deleted", "match", "copy", "conduct_override_reason")
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    REPORT_FIELD_NUMBER: _ClassVar[int]
    NOTE_FILED_FIELD_NUMBER: _ClassVar[int]
    NOTE_ACKNOWLEDGED_FIELD_NUMBER: _ClassVar[int]
    NOTE_REPEAT_CONTACT_FIELD_NUMBER: _ClassVar[int]
    NOTE_AMENDED_FIELD_NUMBER: _ClassVar[int]
    NOTE_WITHDRAWN_FIELD_NUMBER: _ClassVar[int]
    NOTE_CASE_CLOSED_FIELD_NUMBER: _ClassVar[int]
    NOTE_CASE_REOPENED_FIELD_NUMBER: _ClassVar[int]
    NOTE_CASE_ESCALATED_FIELD_NUMBER: _ClassVar[int]
    NOTE_VERDICT_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    UNLINK_FIELD_NUMBER: _ClassVar[int]
    DRAFT_RESPONSE_FIELD_NUMBER: _ClassVar[int]
    APPROVE_RESPONSE_FIELD_NUMBER: _ClassVar[int]
    RECORD_PUBLICATION_FIELD_NUMBER: _ClassVar[int]
    RECORD_FOLLOW_UP_FIELD_NUMBER: _ClassVar[int]
    RESOLVE_PUBLICLY_FIELD_NUMBER: _ClassVar[int]
    CLOSE_ESCALATION_FIELD_NUMBER: _ClassVar[int]
    NOTE_RISK_FIELD_NUMBER: _ClassVar[int]
    NOTE_BURST_FIELD_NUMBER: _ClassVar[int]
    NOTE_EDIT_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    MATCH_FIELD_NUMBER: _ClassVar[int]
    COPY_FIELD_NUMBER: _ClassVar[int]
    CONDUCT_OVERRIDE_REASON_FIELD_NUMBER: _ClassVar[int]
    context: _commands_pb2.CommandContext
    report: _publicity_pb2.MentionReported
    note_filed: _intake_pb2.ComplaintFiled
    note_acknowledged: _intake_pb2.ComplaintAcknowledged
    note_repeat_contact: _intake_pb2.RepeatContactRecorded
    note_amended: _intake_pb2.ComplaintAmended
    note_withdrawn: _intake_pb2.ComplaintWithdrawn
    note_case_closed: _resolution_pb2.CaseClosed
    note_case_reopened: _resolution_pb2.CaseReopened
    note_case_escalated: _resolution_pb2.CaseEscalated
    note_verdict: _resolution_pb2.VerdictRecorded
    link: _publicity_pb2.MentionLinked
    unlink: _publicity_pb2.MentionUnlinked
    draft_response: _publicity_pb2.PublicResponseDrafted
    approve_response: _publicity_pb2.PublicResponseApproved
    record_publication: _publicity_pb2.PublicResponsePublished
    record_follow_up: _publicity_pb2.AuthorFollowedUp
    resolve_publicly: _publicity_pb2.PublicEscalationResolved
    close_escalation: _publicity_pb2.PublicEscalationClosed
    note_risk: _publicity_pb2.RiskThresholdCrossed
    note_burst: _publicity_pb2.MentionBurstDetected
    note_edit: _publicity_pb2.MentionLinked
    deleted: bool
    match: _publicity_pb2.MentionMatched
    copy: bool
    conduct_override_reason: str
    def __init__(self, context: _Optional[_Union[_commands_pb2.CommandContext, _Mapping]] = ..., report: _Optional[_Union[_publicity_pb2.MentionReported, _Mapping]] = ..., note_filed: _Optional[_Union[_intake_pb2.ComplaintFiled, _Mapping]] = ..., note_acknowledged: _Optional[_Union[_intake_pb2.ComplaintAcknowledged, _Mapping]] = ..., note_repeat_contact: _Optional[_Union[_intake_pb2.RepeatContactRecorded, _Mapping]] = ..., note_amended: _Optional[_Union[_intake_pb2.ComplaintAmended, _Mapping]] = ..., note_withdrawn: _Optional[_Union[_intake_pb2.ComplaintWithdrawn, _Mapping]] = ..., note_case_closed: _Optional[_Union[_resolution_pb2.CaseClosed, _Mapping]] = ..., note_case_reopened: _Optional[_Union[_resolution_pb2.CaseReopened, _Mapping]] = ..., note_case_escalated: _Optional[_Union[_resolution_pb2.CaseEscalated, _Mapping]] = ..., note_verdict: _Optional[_Union[_resolution_pb2.VerdictRecorded, _Mapping]] = ..., link: _Optional[_Union[_publicity_pb2.MentionLinked, _Mapping]] = ..., unlink: _Optional[_Union[_publicity_pb2.MentionUnlinked, _Mapping]] = ..., draft_response: _Optional[_Union[_publicity_pb2.PublicResponseDrafted, _Mapping]] = ..., approve_response: _Optional[_Union[_publicity_pb2.PublicResponseApproved, _Mapping]] = ..., record_publication: _Optional[_Union[_publicity_pb2.PublicResponsePublished, _Mapping]] = ..., record_follow_up: _Optional[_Union[_publicity_pb2.AuthorFollowedUp, _Mapping]] = ..., resolve_publicly: _Optional[_Union[_publicity_pb2.PublicEscalationResolved, _Mapping]] = ..., close_escalation: _Optional[_Union[_publicity_pb2.PublicEscalationClosed, _Mapping]] = ..., note_risk: _Optional[_Union[_publicity_pb2.RiskThresholdCrossed, _Mapping]] = ..., note_burst: _Optional[_Union[_publicity_pb2.MentionBurstDetected, _Mapping]] = ..., note_edit: _Optional[_Union[_publicity_pb2.MentionLinked, _Mapping]] = ..., deleted: _Optional[bool] = ..., match: _Optional[_Union[_publicity_pb2.MentionMatched, _Mapping]] = ..., copy: _Optional[bool] = ..., conduct_override_reason: _Optional[str] = ...) -> None: ...
