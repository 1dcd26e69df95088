import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from redress.types.v1 import complaint_pb2 as _complaint_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ComplaintFiled(_message.Message):
    __slots__ = ("complaint_id", "organisation", "customer_id", "channel", "contact", "description", "desired_remedy", "store", "order_reference", "occurred_at", "category", "category_suggested", "severity", "other_open_complaint_ids", "language", "category_confidence", "category_evidence", "category_needs_review")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    CONTACT_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DESIRED_REMEDY_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    ORDER_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_SUGGESTED_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    OTHER_OPEN_COMPLAINT_IDS_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_NEEDS_REVIEW_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    organisation: str
    customer_id: str
    channel: _complaint_pb2.Channel
    contact: _complaint_pb2.CustomerContact
    description: str
    desired_remedy: str
    store: str
    order_reference: str
    occurred_at: _timestamp_pb2.Timestamp
    category: _complaint_pb2.Category
    category_suggested: bool
    severity: _complaint_pb2.Severity
    other_open_complaint_ids: _containers.RepeatedScalarFieldContainer[str]
    language: str
    category_confidence: float
    category_evidence: _containers.RepeatedScalarFieldContainer[str]
    category_needs_review: bool
    def __init__(self, complaint_id: _Optional[str] = ..., organisation: _Optional[str] = ..., customer_id: _Optional[str] = ..., channel: _Optional[_Union[_complaint_pb2.Channel, str]] = ..., contact: _Optional[_Union[_complaint_pb2.CustomerContact, _Mapping]] = ..., description: _Optional[str] = ..., desired_remedy: _Optional[str] = ..., store: _Optional[str] = ..., order_reference: _Optional[str] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., category: _Optional[_Union[_complaint_pb2.Category, str]] = ..., category_suggested: _Optional[bool] = ..., severity: _Optional[_Union[_complaint_pb2.Severity, str]] = ..., other_open_complaint_ids: _Optional[_Iterable[str]] = ..., language: _Optional[str] = ..., category_confidence: _Optional[float] = ..., category_evidence: _Optional[_Iterable[str]] = ..., category_needs_review: _Optional[bool] = ...) -> None: ...

class ComplaintAcknowledged(_message.Message):
    __slots__ = ("complaint_id", "reference", "channel")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    reference: str
    channel: _complaint_pb2.Channel
    def __init__(self, complaint_id: _Optional[str] = ..., reference: _Optional[str] = ..., channel: _Optional[_Union[_complaint_pb2.Channel, str]] = ...) -> None: ...

class RepeatContactRecorded(_message.Message):
    __slots__ = ("complaint_id", "channel", "contact", "description", "desired_remedy", "language", "quoted_reference")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    CONTACT_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DESIRED_REMEDY_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    QUOTED_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    channel: _complaint_pb2.Channel
    contact: _complaint_pb2.CustomerContact
    description: str
    desired_remedy: str
    language: str
    quoted_reference: str
    def __init__(self, complaint_id: _Optional[str] = ..., channel: _Optional[_Union[_complaint_pb2.Channel, str]] = ..., contact: _Optional[_Union[_complaint_pb2.CustomerContact, _Mapping]] = ..., description: _Optional[str] = ..., desired_remedy: _Optional[str] = ..., language: _Optional[str] = ..., quoted_reference: _Optional[str] = ...) -> None: ...

class PublicityIntentStated(_message.Message):
    __slots__ = ("complaint_id", "where", "confidence", "evidence", "language", "excerpt")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    WHERE_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    EXCERPT_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    where: str
    confidence: float
    evidence: _containers.RepeatedScalarFieldContainer[str]
    language: str
    excerpt: str
    def __init__(self, complaint_id: _Optional[str] = ..., where: _Optional[str] = ..., confidence: _Optional[float] = ..., evidence: _Optional[_Iterable[str]] = ..., language: _Optional[str] = ..., excerpt: _Optional[str] = ...) -> None: ...

class ComplaintLinkSuggested(_message.Message):
    __slots__ = ("complaint_id", "suggested_complaint_id", "quoted_reference")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    SUGGESTED_COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    QUOTED_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    suggested_complaint_id: str
    quoted_reference: str
    def __init__(self, complaint_id: _Optional[str] = ..., suggested_complaint_id: _Optional[str] = ..., quoted_reference: _Optional[str] = ...) -> None: ...

class ComplaintAmended(_message.Message):
    __slots__ = ("complaint_id", "changed_fields", "category", "severity", "store", "order_reference", "desired_remedy")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    ORDER_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    DESIRED_REMEDY_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    changed_fields: _containers.RepeatedScalarFieldContainer[str]
    category: _complaint_pb2.Category
    severity: _complaint_pb2.Severity
    store: str
    order_reference: str
    desired_remedy: str
    def __init__(self, complaint_id: _Optional[str] = ..., changed_fields: _Optional[_Iterable[str]] = ..., category: _Optional[_Union[_complaint_pb2.Category, str]] = ..., severity: _Optional[_Union[_complaint_pb2.Severity, str]] = ..., store: _Optional[str] = ..., order_reference: _Optional[str] = ..., desired_remedy: _Optional[str] = ...) -> None: ...

class ComplaintWithdrawn(_message.Message):
    __slots__ = ("complaint_id", "reason")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    reason: str
    def __init__(self, complaint_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...
