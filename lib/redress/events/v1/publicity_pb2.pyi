import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from redress.types.v1 import complaint_pb2 as _complaint_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SourceKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SOURCE_KIND_UNSPECIFIED: _ClassVar[SourceKind]
    SOURCE_KIND_REVIEW_SITE: _ClassVar[SourceKind]
    SOURCE_KIND_BLOG: _ClassVar[SourceKind]
    SOURCE_KIND_NEWSPAPER: _ClassVar[SourceKind]
    SOURCE_KIND_TWITTER: _ClassVar[SourceKind]
    SOURCE_KIND_FACEBOOK: _ClassVar[SourceKind]
    SOURCE_KIND_FORUM: _ClassVar[SourceKind]
SOURCE_KIND_UNSPECIFIED: SourceKind
SOURCE_KIND_REVIEW_SITE: SourceKind
SOURCE_KIND_BLOG: SourceKind
SOURCE_KIND_NEWSPAPER: SourceKind
SOURCE_KIND_TWITTER: SourceKind
SOURCE_KIND_FACEBOOK: SourceKind
SOURCE_KIND_FORUM: SourceKind

class MentionContent(_message.Message):
    __slots__ = ("text", "title", "rating", "rating_out_of")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    RATING_FIELD_NUMBER: _ClassVar[int]
    RATING_OUT_OF_FIELD_NUMBER: _ClassVar[int]
    text: str
    title: str
    rating: float
    rating_out_of: float
    def __init__(self, text: _Optional[str] = ..., title: _Optional[str] = ..., rating: _Optional[float] = ..., rating_out_of: _Optional[float] = ...) -> None: ...

class MentionReported(_message.Message):
    __slots__ = ("mention_id", "organisation", "source", "source_name", "url", "guid", "author", "author_handle", "content", "reach", "published_at", "language", "stated_intent", "reported_via", "sentiment", "sentiment_confidence")
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
    REPORTED_VIA_FIELD_NUMBER: _ClassVar[int]
    SENTIMENT_FIELD_NUMBER: _ClassVar[int]
    SENTIMENT_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    mention_id: str
    organisation: str
    source: SourceKind
    source_name: str
    url: str
    guid: str
    author: str
    author_handle: str
    content: MentionContent
    reach: int
    published_at: _timestamp_pb2.Timestamp
    language: str
    stated_intent: str
    reported_via: str
    sentiment: str
    sentiment_confidence: float
    def __init__(self, mention_id: _Optional[str] = ..., organisation: _Optional[str] = ..., source: _Optional[_Union[SourceKind, str]] = ..., source_name: _Optional[str] = ..., url: _Optional[str] = ..., guid: _Optional[str] = ..., author: _Optional[str] = ..., author_handle: _Optional[str] = ..., content: _Optional[_Union[MentionContent, _Mapping]] = ..., reach: _Optional[int] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., language: _Optional[str] = ..., stated_intent: _Optional[str] = ..., reported_via: _Optional[str] = ..., sentiment: _Optional[str] = ..., sentiment_confidence: _Optional[float] = ...) -> None: ...

class MentionEdited(_message.Message):
    __slots__ = ("mention_id", "content", "language", "sentiment", "sentiment_confidence")
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    SENTIMENT_FIELD_NUMBER: _ClassVar[int]
    SENTIMENT_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    mention_id: str
    content: MentionContent
    language: str
    sentiment: str
    sentiment_confidence: float
    def __init__(self, mention_id: _Optional[str] = ..., content: _Optional[_Union[MentionContent, _Mapping]] = ..., language: _Optional[str] = ..., sentiment: _Optional[str] = ..., sentiment_confidence: _Optional[float] = ...) -> None: ...

class MentionDeleted(_message.Message):
    __slots__ = ("mention_id", "reason")
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    mention_id: str
    reason: str
    def __init__(self, mention_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class MentionCopySeen(_message.Message):
    __slots__ = ("mention_id", "url", "guid")
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    GUID_FIELD_NUMBER: _ClassVar[int]
    mention_id: str
    url: str
    guid: str
    def __init__(self, mention_id: _Optional[str] = ..., url: _Optional[str] = ..., guid: _Optional[str] = ...) -> None: ...

class LinkEvidence(_message.Message):
    __slots__ = ("kind", "detail", "weight")
    KIND_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    kind: str
    detail: str
    weight: float
    def __init__(self, kind: _Optional[str] = ..., detail: _Optional[str] = ..., weight: _Optional[float] = ...) -> None: ...

class LinkCandidate(_message.Message):
    __slots__ = ("complaint_id", "customer_id", "confidence", "evidence")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    customer_id: str
    confidence: float
    evidence: _containers.RepeatedCompositeFieldContainer[LinkEvidence]
    def __init__(self, complaint_id: _Optional[str] = ..., customer_id: _Optional[str] = ..., confidence: _Optional[float] = ..., evidence: _Optional[_Iterable[_Union[LinkEvidence, _Mapping]]] = ...) -> None: ...

class MentionMatched(_message.Message):
    __slots__ = ("mention_id", "candidates", "outcome", "threshold")
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    mention_id: str
    candidates: _containers.RepeatedCompositeFieldContainer[LinkCandidate]
    outcome: str
    threshold: float
    def __init__(self, mention_id: _Optional[str] = ..., candidates: _Optional[_Iterable[_Union[LinkCandidate, _Mapping]]] = ..., outcome: _Optional[str] = ..., threshold: _Optional[float] = ...) -> None: ...

class ComplaintOnRecord(_message.Message):
    __slots__ = ("complaint_id", "organisation", "customer_id", "contact", "reference", "order_reference", "store", "text", "language", "withdrawn")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    CONTACT_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    ORDER_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWN_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    organisation: str
    customer_id: str
    contact: _complaint_pb2.CustomerContact
    reference: str
    order_reference: str
    store: str
    text: str
    language: str
    withdrawn: bool
    def __init__(self, complaint_id: _Optional[str] = ..., organisation: _Optional[str] = ..., customer_id: _Optional[str] = ..., contact: _Optional[_Union[_complaint_pb2.CustomerContact, _Mapping]] = ..., reference: _Optional[str] = ..., order_reference: _Optional[str] = ..., store: _Optional[str] = ..., text: _Optional[str] = ..., language: _Optional[str] = ..., withdrawn: _Optional[bool] = ...) -> None: ...

class CaseOutcomeNoted(_message.Message):
    __slots__ = ("outcome", "level")
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    outcome: str
    level: _complaint_pb2.Level
    def __init__(self, outcome: _Optional[str] = ..., level: _Optional[_Union[_complaint_pb2.Level, str]] = ...) -> None: ...

class MentionLinked(_message.Message):
    __slots__ = ("complaint_id", "mention_id", "customer_id", "confidence", "evidence", "linked_by", "reason", "source", "url", "author", "author_handle", "sentiment", "reach", "language", "rating", "rating_out_of", "published_at", "store")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    LINKED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_HANDLE_FIELD_NUMBER: _ClassVar[int]
    SENTIMENT_FIELD_NUMBER: _ClassVar[int]
    REACH_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    RATING_FIELD_NUMBER: _ClassVar[int]
    RATING_OUT_OF_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    mention_id: str
    customer_id: str
    confidence: float
    evidence: _containers.RepeatedCompositeFieldContainer[LinkEvidence]
    linked_by: str
    reason: str
    source: SourceKind
    url: str
    author: str
    author_handle: str
    sentiment: str
    reach: int
    language: str
    rating: float
    rating_out_of: float
    published_at: _timestamp_pb2.Timestamp
    store: str
    def __init__(self, complaint_id: _Optional[str] = ..., mention_id: _Optional[str] = ..., customer_id: _Optional[str] = ..., confidence: _Optional[float] = ..., evidence: _Optional[_Iterable[_Union[LinkEvidence, _Mapping]]] = ..., linked_by: _Optional[str] = ..., reason: _Optional[str] = ..., source: _Optional[_Union[SourceKind, str]] = ..., url: _Optional[str] = ..., author: _Optional[str] = ..., author_handle: _Optional[str] = ..., sentiment: _Optional[str] = ..., reach: _Optional[int] = ..., language: _Optional[str] = ..., rating: _Optional[float] = ..., rating_out_of: _Optional[float] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., store: _Optional[str] = ...) -> None: ...

class MentionUnlinked(_message.Message):
    __slots__ = ("complaint_id", "mention_id", "unlinked_by", "reason")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    UNLINKED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    mention_id: str
    unlinked_by: str
    reason: str
    def __init__(self, complaint_id: _Optional[str] = ..., mention_id: _Optional[str] = ..., unlinked_by: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class PublicEscalationOpened(_message.Message):
    __slots__ = ("complaint_id", "mention_id", "organisation", "source", "url", "reach", "language", "case_outcome", "reason", "went_public_at", "confidence", "evidence", "linked_by")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    REACH_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    CASE_OUTCOME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    WENT_PUBLIC_AT_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    LINKED_BY_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    mention_id: str
    organisation: str
    source: SourceKind
    url: str
    reach: int
    language: str
    case_outcome: str
    reason: str
    went_public_at: _timestamp_pb2.Timestamp
    confidence: float
    evidence: _containers.RepeatedCompositeFieldContainer[LinkEvidence]
    linked_by: str
    def __init__(self, complaint_id: _Optional[str] = ..., mention_id: _Optional[str] = ..., organisation: _Optional[str] = ..., source: _Optional[_Union[SourceKind, str]] = ..., url: _Optional[str] = ..., reach: _Optional[int] = ..., language: _Optional[str] = ..., case_outcome: _Optional[str] = ..., reason: _Optional[str] = ..., went_public_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., confidence: _Optional[float] = ..., evidence: _Optional[_Iterable[_Union[LinkEvidence, _Mapping]]] = ..., linked_by: _Optional[str] = ...) -> None: ...

class PublicResponseDrafted(_message.Message):
    __slots__ = ("mention_id", "text", "language", "drafted_by", "conduct_override_reason", "conduct_rules")
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    DRAFTED_BY_FIELD_NUMBER: _ClassVar[int]
    CONDUCT_OVERRIDE_REASON_FIELD_NUMBER: _ClassVar[int]
    CONDUCT_RULES_FIELD_NUMBER: _ClassVar[int]
    mention_id: str
    text: str
    language: str
    drafted_by: str
    conduct_override_reason: str
    conduct_rules: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, mention_id: _Optional[str] = ..., text: _Optional[str] = ..., language: _Optional[str] = ..., drafted_by: _Optional[str] = ..., conduct_override_reason: _Optional[str] = ..., conduct_rules: _Optional[_Iterable[str]] = ...) -> None: ...

class PublicResponseApproved(_message.Message):
    __slots__ = ("mention_id", "approved_by")
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVED_BY_FIELD_NUMBER: _ClassVar[int]
    mention_id: str
    approved_by: str
    def __init__(self, mention_id: _Optional[str] = ..., approved_by: _Optional[str] = ...) -> None: ...

class PublicResponsePublished(_message.Message):
    __slots__ = ("mention_id", "url", "published_at", "published_by")
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_BY_FIELD_NUMBER: _ClassVar[int]
    mention_id: str
    url: str
    published_at: _timestamp_pb2.Timestamp
    published_by: str
    def __init__(self, mention_id: _Optional[str] = ..., url: _Optional[str] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., published_by: _Optional[str] = ...) -> None: ...

class AuthorFollowedUp(_message.Message):
    __slots__ = ("mention_id", "text", "url", "follow_up_mention_id")
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    FOLLOW_UP_MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    mention_id: str
    text: str
    url: str
    follow_up_mention_id: str
    def __init__(self, mention_id: _Optional[str] = ..., text: _Optional[str] = ..., url: _Optional[str] = ..., follow_up_mention_id: _Optional[str] = ...) -> None: ...

class PublicEscalationResolved(_message.Message):
    __slots__ = ("mention_id", "how", "detail", "resolved_by")
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    HOW_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_BY_FIELD_NUMBER: _ClassVar[int]
    mention_id: str
    how: str
    detail: str
    resolved_by: str
    def __init__(self, mention_id: _Optional[str] = ..., how: _Optional[str] = ..., detail: _Optional[str] = ..., resolved_by: _Optional[str] = ...) -> None: ...

class PublicEscalationClosed(_message.Message):
    __slots__ = ("mention_id", "reason", "closed_by")
    MENTION_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CLOSED_BY_FIELD_NUMBER: _ClassVar[int]
    mention_id: str
    reason: str
    closed_by: str
    def __init__(self, mention_id: _Optional[str] = ..., reason: _Optional[str] = ..., closed_by: _Optional[str] = ...) -> None: ...

class RiskFactor(_message.Message):
    __slots__ = ("name", "points", "detail")
    NAME_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    name: str
    points: float
    detail: str
    def __init__(self, name: _Optional[str] = ..., points: _Optional[float] = ..., detail: _Optional[str] = ...) -> None: ...

class RiskThresholdCrossed(_message.Message):
    __slots__ = ("complaint_id", "organisation", "score", "threshold", "factors", "crossing")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    FACTORS_FIELD_NUMBER: _ClassVar[int]
    CROSSING_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    organisation: str
    score: float
    threshold: float
    factors: _containers.RepeatedCompositeFieldContainer[RiskFactor]
    crossing: int
    def __init__(self, complaint_id: _Optional[str] = ..., organisation: _Optional[str] = ..., score: _Optional[float] = ..., threshold: _Optional[float] = ..., factors: _Optional[_Iterable[_Union[RiskFactor, _Mapping]]] = ..., crossing: _Optional[int] = ...) -> None: ...

class MentionBurstDetected(_message.Message):
    __slots__ = ("organisation", "store", "window_start", "window_end", "count", "threshold", "mention_ids")
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    WINDOW_START_FIELD_NUMBER: _ClassVar[int]
    WINDOW_END_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    MENTION_IDS_FIELD_NUMBER: _ClassVar[int]
    organisation: str
    store: str
    window_start: _timestamp_pb2.Timestamp
    window_end: _timestamp_pb2.Timestamp
    count: int
    threshold: int
    mention_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, organisation: _Optional[str] = ..., store: _Optional[str] = ..., window_start: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., window_end: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., count: _Optional[int] = ..., threshold: _Optional[int] = ..., mention_ids: _Optional[_Iterable[str]] = ...) -> None: ...
