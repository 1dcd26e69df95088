import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from redress.events.v1 import publicity_pb2 as _publicity_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Mention(_message.Message):
    __slots__ = ("mention_id", "organisation", "source", "source_name", "url", "guid", "author", "author_handle", "content", "reach", "published_at", "language", "stated_intent", "deleted", "edits", "first_seen_at", "updated_at", "sentiment", "sentiment_confidence", "complaint_id", "match", "copies")
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_NAME_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    GUID_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_HANDLE_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    REACH_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    STATED_INTENT_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    EDITS_FIELD_NUMBER: _ClassVar[int]
    FIRST_SEEN_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    SENTIMENT_FIELD_NUMBER: _ClassVar[int]
    SENTIMENT_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    MATCH_FIELD_NUMBER: _ClassVar[int]
    COPIES_FIELD_NUMBER: _ClassVar[int]
    mention_id: str
    organisation: str
    source: _publicity_pb2.SourceKind
    source_name: str
    url: str
    guid: str
    author: str
    author_handle: str
    content: _publicity_pb2.MentionContent
    reach: int
    published_at: _timestamp_pb2.Timestamp
    language: str
    stated_intent: str
    deleted: bool
    edits: int
    first_seen_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    sentiment: str
    sentiment_confidence: float
    complaint_id: str
    match: _publicity_pb2.MentionMatched
    copies: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, mention_id: _Optional[str] = ..., organisation: _Optional[str] = ..., source: _Optional[_Union[_publicity_pb2.SourceKind, str]] = ..., source_name: _Optional[str] = ..., url: _Optional[str] = ..., guid: _Optional[str] = ..., author: _Optional[str] = ..., author_handle: _Optional[str] = ..., content: _Optional[_Union[_publicity_pb2.MentionContent, _Mapping]] = ..., reach: _Optional[int] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., language: _Optional[str] = ..., stated_intent: _Optional[str] = ..., deleted: _Optional[bool] = ..., edits: _Optional[int] = ..., first_seen_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., sentiment: _Optional[str] = ..., sentiment_confidence: _Optional[float] = ..., complaint_id: _Optional[str] = ..., match: _Optional[_Union[_publicity_pb2.MentionMatched, _Mapping]] = ..., copies: _Optional[_Iterable[str]] = ...) -> None: ...

class ReportMentionRequest(_message.Message):
    __slots__ = ("request_id", "source", "source_name", "url", "guid", "author", "author_handle", "content", "reach", "published_at", "deleted")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_NAME_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    GUID_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_HANDLE_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    REACH_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    source: _publicity_pb2.SourceKind
    source_name: str
    url: str
    guid: str
    author: str
    author_handle: str
    content: _publicity_pb2.MentionContent
    reach: int
    published_at: _timestamp_pb2.Timestamp
    deleted: bool
    def __init__(self, request_id: _Optional[str] = ..., source: _Optional[_Union[_publicity_pb2.SourceKind, str]] = ..., source_name: _Optional[str] = ..., url: _Optional[str] = ..., guid: _Optional[str] = ..., author: _Optional[str] = ..., author_handle: _Optional[str] = ..., content: _Optional[_Union[_publicity_pb2.MentionContent, _Mapping]] = ..., reach: _Optional[int] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., deleted: _Optional[bool] = ...) -> None: ...

class ReportMentionResponse(_message.Message):
    __slots__ = ("mention", "outcome")
    MENTION_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    mention: Mention
    outcome: str
    def __init__(self, mention: _Optional[_Union[Mention, _Mapping]] = ..., outcome: _Optional[str] = ...) -> None: ...

class GetMentionRequest(_message.Message):
    __slots__ = ("mention_id",)
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    mention_id: str
    def __init__(self, mention_id: _Optional[str] = ...) -> None: ...

class ListMentionsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "source", "published_from", "published_before", "include_deleted", "sentiment", "linked")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_FROM_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_BEFORE_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_DELETED_FIELD_NUMBER: _ClassVar[int]
    SENTIMENT_FIELD_NUMBER: _ClassVar[int]
    LINKED_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    source: _publicity_pb2.SourceKind
    published_from: _timestamp_pb2.Timestamp
    published_before: _timestamp_pb2.Timestamp
    include_deleted: bool
    sentiment: str
    linked: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., source: _Optional[_Union[_publicity_pb2.SourceKind, str]] = ..., published_from: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., published_before: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., include_deleted: _Optional[bool] = ..., sentiment: _Optional[str] = ..., linked: _Optional[str] = ...) -> None: ...

class ListMentionsResponse(_message.Message):
    __slots__ = ("mentions", "next_page_token")
    MENTIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    mentions: _containers.RepeatedCompositeFieldContainer[Mention]
    next_page_token: str
    def __init__(self, mentions: _Optional[_Iterable[_Union[Mention, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class WatchMentionsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class MentionChange(_message.Message):
    __slots__ = ("change", "mention")
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    MENTION_FIELD_NUMBER: _ClassVar[int]
    change: str
    mention: Mention
    def __init__(self, change: _Optional[str] = ..., mention: _Optional[_Union[Mention, _Mapping]] = ...) -> None: ...

class LinkMentionRequest(_message.Message):
    __slots__ = ("request_id", "mention_id", "complaint_id", "reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    mention_id: str
    complaint_id: str
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., mention_id: _Optional[str] = ..., complaint_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class UnlinkMentionRequest(_message.Message):
    __slots__ = ("request_id", "mention_id", "reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    mention_id: str
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., mention_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class PublicEscalation(_message.Message):
    __slots__ = ("complaint_id", "mention_id", "status", "opened", "opened_at", "draft", "approved_by", "published", "follow_ups", "outcome", "updated_at")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    OPENED_FIELD_NUMBER: _ClassVar[int]
    OPENED_AT_FIELD_NUMBER: _ClassVar[int]
    DRAFT_FIELD_NUMBER: _ClassVar[int]
    APPROVED_BY_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    FOLLOW_UPS_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    mention_id: str
    status: str
    opened: _publicity_pb2.PublicEscalationOpened
    opened_at: _timestamp_pb2.Timestamp
    draft: _publicity_pb2.PublicResponseDrafted
    approved_by: str
    published: _publicity_pb2.PublicResponsePublished
    follow_ups: _containers.RepeatedCompositeFieldContainer[_publicity_pb2.AuthorFollowedUp]
    outcome: str
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, complaint_id: _Optional[str] = ..., mention_id: _Optional[str] = ..., status: _Optional[str] = ..., opened: _Optional[_Union[_publicity_pb2.PublicEscalationOpened, _Mapping]] = ..., opened_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., draft: _Optional[_Union[_publicity_pb2.PublicResponseDrafted, _Mapping]] = ..., approved_by: _Optional[str] = ..., published: _Optional[_Union[_publicity_pb2.PublicResponsePublished, _Mapping]] = ..., follow_ups: _Optional[_Iterable[_Union[_publicity_pb2.AuthorFollowedUp, _Mapping]]] = ..., outcome: _Optional[str] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListPublicEscalationsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "status")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    status: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., status: _Optional[str] = ...) -> None: ...

class ListPublicEscalationsResponse(_message.Message):
    __slots__ = ("escalations", "next_page_token")
    ESCALATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    escalations: _containers.RepeatedCompositeFieldContainer[PublicEscalation]
    next_page_token: str
    def __init__(self, escalations: _Optional[_Iterable[_Union[PublicEscalation, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetPublicEscalationRequest(_message.Message):
    __slots__ = ("mention_id",)
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    mention_id: str
    def __init__(self, mention_id: _Optional[str] = ...) -> None: ...

class DraftPublicResponseRequest(_message.Message):
    __slots__ = ("request_id", "mention_id", "text", "conduct_override_reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    CONDUCT_OVERRIDE_REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    mention_id: str
    text: str
    conduct_override_reason: str
    def __init__(self, request_id: _Optional[str] = ..., mention_id: _Optional[str] = ..., text: _Optional[str] = ..., conduct_override_reason: _Optional[str] = ...) -> None: ...

class ApprovePublicResponseRequest(_message.Message):
    __slots__ = ("request_id", "mention_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    mention_id: str
    def __init__(self, request_id: _Optional[str] = ..., mention_id: _Optional[str] = ...) -> None: ...

class ClosePublicEscalationRequest(_message.Message):
    __slots__ = ("request_id", "mention_id", "reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    mention_id: str
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., mention_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RecordPublicResponseRequest(_message.Message):
    __slots__ = ("request_id", "mention_id", "url", "published_at")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    mention_id: str
    url: str
    published_at: _timestamp_pb2.Timestamp
    def __init__(self, request_id: _Optional[str] = ..., mention_id: _Optional[str] = ..., url: _Optional[str] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RecordFollowUpRequest(_message.Message):
    __slots__ = ("request_id", "mention_id", "text", "url")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    mention_id: str
    text: str
    url: str
    def __init__(self, request_id: _Optional[str] = ..., mention_id: _Optional[str] = ..., text: _Optional[str] = ..., url: _Optional[str] = ...) -> None: ...

class ResolvePubliclyRequest(_message.Message):
    __slots__ = ("request_id", "mention_id", "how", "detail")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    HOW_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    mention_id: str
    how: str
    detail: str
    def __init__(self, request_id: _Optional[str] = ..., mention_id: _Optional[str] = ..., how: _Optional[str] = ..., detail: _Optional[str] = ...) -> None: ...

class GetPublicityReportRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class PublicityReport(_message.Message):
    __slots__ = ("escalations", "responded", "median_hours_to_response", "p90_hours_to_response", "after_never_resolved", "after_resolved_without_agreement", "after_resolved", "resolved_publicly", "retracted", "open")
    ESCALATIONS_FIELD_NUMBER: _ClassVar[int]
    RESPONDED_FIELD_NUMBER: _ClassVar[int]
    MEDIAN_HOURS_TO_RESPONSE_FIELD_NUMBER: _ClassVar[int]
    P90_HOURS_TO_RESPONSE_FIELD_NUMBER: _ClassVar[int]
    AFTER_NEVER_RESOLVED_FIELD_NUMBER: _ClassVar[int]
    AFTER_RESOLVED_WITHOUT_AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    AFTER_RESOLVED_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_PUBLICLY_FIELD_NUMBER: _ClassVar[int]
    RETRACTED_FIELD_NUMBER: _ClassVar[int]
    OPEN_FIELD_NUMBER: _ClassVar[int]
    escalations: int
    responded: int
    median_hours_to_response: float
    p90_hours_to_response: float
    after_never_resolved: int
    after_resolved_without_agreement: int
    after_resolved: int
    resolved_publicly: int
    retracted: int
    open: int
    def __init__(self, escalations: _Optional[int] = ..., responded: _Optional[int] = ..., median_hours_to_response: _Optional[float] = ..., p90_hours_to_response: _Optional[float] = ..., after_never_resolved: _Optional[int] = ..., after_resolved_without_agreement: _Optional[int] = ..., after_resolved: _Optional[int] = ..., resolved_publicly: _Optional[int] = ..., retracted: _Optional[int] = ..., open: _Optional[int] = ...) -> None: ...

class GetRiskRadarRequest(_message.Message):
    __slots__ = ("limit", "min_score")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    MIN_SCORE_FIELD_NUMBER: _ClassVar[int]
    limit: int
    min_score: float
    def __init__(self, limit: _Optional[int] = ..., min_score: _Optional[float] = ...) -> None: ...

class RiskRadar(_message.Message):
    __slots__ = ("entries", "bursts")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    BURSTS_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[RiskEntry]
    bursts: _containers.RepeatedCompositeFieldContainer[_publicity_pb2.MentionBurstDetected]
    def __init__(self, entries: _Optional[_Iterable[_Union[RiskEntry, _Mapping]]] = ..., bursts: _Optional[_Iterable[_Union[_publicity_pb2.MentionBurstDetected, _Mapping]]] = ...) -> None: ...

class RiskEntry(_message.Message):
    __slots__ = ("complaint_id", "customer_id", "store", "score", "threshold", "factors", "as_of")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    FACTORS_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    customer_id: str
    store: str
    score: float
    threshold: float
    factors: _containers.RepeatedCompositeFieldContainer[_publicity_pb2.RiskFactor]
    as_of: _timestamp_pb2.Timestamp
    def __init__(self, complaint_id: _Optional[str] = ..., customer_id: _Optional[str] = ..., store: _Optional[str] = ..., score: _Optional[float] = ..., threshold: _Optional[float] = ..., factors: _Optional[_Iterable[_Union[_publicity_pb2.RiskFactor, _Mapping]]] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ConnectorMention(_message.Message):
    __slots__ = ("organisation", "connector", "mention")
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    CONNECTOR_FIELD_NUMBER: _ClassVar[int]
    MENTION_FIELD_NUMBER: _ClassVar[int]
    organisation: str
    connector: str
    mention: ReportMentionRequest
    def __init__(self, organisation: _Optional[str] = ..., connector: _Optional[str] = ..., mention: _Optional[_Union[ReportMentionRequest, _Mapping]] = ...) -> None: ...
