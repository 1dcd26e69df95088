import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import any_pb2 as _any_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from redress.types.v1 import complaint_pb2 as _complaint_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ComplaintStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    COMPLAINT_STATUS_UNSPECIFIED: _ClassVar[ComplaintStatus]
    COMPLAINT_STATUS_OPEN: _ClassVar[ComplaintStatus]
    COMPLAINT_STATUS_WITHDRAWN: _ClassVar[ComplaintStatus]
COMPLAINT_STATUS_UNSPECIFIED: ComplaintStatus
COMPLAINT_STATUS_OPEN: ComplaintStatus
COMPLAINT_STATUS_WITHDRAWN: ComplaintStatus

class Complaint(_message.Message):
    __slots__ = ("complaint_id", "organisation", "reference", "customer_id", "status", "channel", "contact", "description", "desired_remedy", "store", "order_reference", "occurred_at", "filed_at", "category", "category_suggested", "severity", "repeat_contact_channels", "withdrawn_reason", "etag", "updated_at", "language", "category_confidence", "category_evidence", "category_needs_review", "publicity_intents", "suggested_links")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    CONTACT_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DESIRED_REMEDY_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    ORDER_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    FILED_AT_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_SUGGESTED_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    REPEAT_CONTACT_CHANNELS_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWN_REASON_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_NEEDS_REVIEW_FIELD_NUMBER: _ClassVar[int]
    PUBLICITY_INTENTS_FIELD_NUMBER: _ClassVar[int]
    SUGGESTED_LINKS_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    organisation: str
    reference: str
    customer_id: str
    status: ComplaintStatus
    channel: _complaint_pb2.Channel
    contact: _complaint_pb2.CustomerContact
    description: str
    desired_remedy: str
    store: str
    order_reference: str
    occurred_at: _timestamp_pb2.Timestamp
    filed_at: _timestamp_pb2.Timestamp
    category: _complaint_pb2.Category
    category_suggested: bool
    severity: _complaint_pb2.Severity
    repeat_contact_channels: _containers.RepeatedScalarFieldContainer[_complaint_pb2.Channel]
    withdrawn_reason: str
    etag: str
    updated_at: _timestamp_pb2.Timestamp
    language: str
    category_confidence: float
    category_evidence: _containers.RepeatedScalarFieldContainer[str]
    category_needs_review: bool
    publicity_intents: _containers.RepeatedScalarFieldContainer[str]
    suggested_links: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, complaint_id: _Optional[str] = ..., organisation: _Optional[str] = ..., reference: _Optional[str] = ..., customer_id: _Optional[str] = ..., status: _Optional[_Union[ComplaintStatus, str]] = ..., channel: _Optional[_Union[_complaint_pb2.Channel, str]] = ..., contact: _Optional[_Union[_complaint_pb2.CustomerContact, _Mapping]] = ..., description: _Optional[str] = ..., desired_remedy: _Optional[str] = ..., store: _Optional[str] = ..., order_reference: _Optional[str] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., filed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., category: _Optional[_Union[_complaint_pb2.Category, str]] = ..., category_suggested: _Optional[bool] = ..., severity: _Optional[_Union[_complaint_pb2.Severity, str]] = ..., repeat_contact_channels: _Optional[_Iterable[_Union[_complaint_pb2.Channel, str]]] = ..., withdrawn_reason: _Optional[str] = ..., etag: _Optional[str] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., language: _Optional[str] = ..., category_confidence: _Optional[float] = ..., category_evidence: _Optional[_Iterable[str]] = ..., category_needs_review: _Optional[bool] = ..., publicity_intents: _Optional[_Iterable[str]] = ..., suggested_links: _Optional[_Iterable[str]] = ...) -> None: ...

class ComplaintEvent(_message.Message):
    __slots__ = ("event_id", "type", "complaint_id", "sequence", "time", "source", "organisation", "actor", "client_id", "correlation_id", "causation_id", "request_id", "payload", "position_token")
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    CORRELATION_ID_FIELD_NUMBER: _ClassVar[int]
    CAUSATION_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    POSITION_TOKEN_FIELD_NUMBER: _ClassVar[int]
    event_id: str
    type: str
    complaint_id: str
    sequence: int
    time: _timestamp_pb2.Timestamp
    source: str
    organisation: str
    actor: str
    client_id: str
    correlation_id: str
    causation_id: str
    request_id: str
    payload: _any_pb2.Any
    position_token: str
    def __init__(self, event_id: _Optional[str] = ..., type: _Optional[str] = ..., complaint_id: _Optional[str] = ..., sequence: _Optional[int] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., source: _Optional[str] = ..., organisation: _Optional[str] = ..., actor: _Optional[str] = ..., client_id: _Optional[str] = ..., correlation_id: _Optional[str] = ..., causation_id: _Optional[str] = ..., request_id: _Optional[str] = ..., payload: _Optional[_Union[_any_pb2.Any, _Mapping]] = ..., position_token: _Optional[str] = ...) -> None: ...

class FileComplaintRequest(_message.Message):
    __slots__ = ("request_id", "channel", "contact", "description", "desired_remedy", "store", "order_reference", "occurred_at", "category", "severity")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    CONTACT_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DESIRED_REMEDY_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    ORDER_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    channel: _complaint_pb2.Channel
    contact: _complaint_pb2.CustomerContact
    description: str
    desired_remedy: str
    store: str
    order_reference: str
    occurred_at: _timestamp_pb2.Timestamp
    category: _complaint_pb2.Category
    severity: _complaint_pb2.Severity
    def __init__(self, request_id: _Optional[str] = ..., channel: _Optional[_Union[_complaint_pb2.Channel, str]] = ..., contact: _Optional[_Union[_complaint_pb2.CustomerContact, _Mapping]] = ..., description: _Optional[str] = ..., desired_remedy: _Optional[str] = ..., store: _Optional[str] = ..., order_reference: _Optional[str] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., category: _Optional[_Union[_complaint_pb2.Category, str]] = ..., severity: _Optional[_Union[_complaint_pb2.Severity, str]] = ...) -> None: ...

class FileComplaintResponse(_message.Message):
    __slots__ = ("complaint", "linked_to_existing", "other_open_complaints")
    COMPLAINT_FIELD_NUMBER: _ClassVar[int]
    LINKED_TO_EXISTING_FIELD_NUMBER: _ClassVar[int]
    OTHER_OPEN_COMPLAINTS_FIELD_NUMBER: _ClassVar[int]
    complaint: Complaint
    linked_to_existing: bool
    other_open_complaints: _containers.RepeatedCompositeFieldContainer[Complaint]
    def __init__(self, complaint: _Optional[_Union[Complaint, _Mapping]] = ..., linked_to_existing: _Optional[bool] = ..., other_open_complaints: _Optional[_Iterable[_Union[Complaint, _Mapping]]] = ...) -> None: ...

class GetComplaintRequest(_message.Message):
    __slots__ = ("complaint_id",)
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    def __init__(self, complaint_id: _Optional[str] = ...) -> None: ...

class GetComplaintResponse(_message.Message):
    __slots__ = ("complaint", "history")
    COMPLAINT_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    complaint: Complaint
    history: _containers.RepeatedCompositeFieldContainer[ComplaintEvent]
    def __init__(self, complaint: _Optional[_Union[Complaint, _Mapping]] = ..., history: _Optional[_Iterable[_Union[ComplaintEvent, _Mapping]]] = ...) -> None: ...

class ListComplaintsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "status", "channel", "category", "customer_id", "store", "filed_after", "filed_before")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    FILED_AFTER_FIELD_NUMBER: _ClassVar[int]
    FILED_BEFORE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    status: ComplaintStatus
    channel: _complaint_pb2.Channel
    category: _complaint_pb2.Category
    customer_id: str
    store: str
    filed_after: _timestamp_pb2.Timestamp
    filed_before: _timestamp_pb2.Timestamp
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., status: _Optional[_Union[ComplaintStatus, str]] = ..., channel: _Optional[_Union[_complaint_pb2.Channel, str]] = ..., category: _Optional[_Union[_complaint_pb2.Category, str]] = ..., customer_id: _Optional[str] = ..., store: _Optional[str] = ..., filed_after: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., filed_before: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListComplaintsResponse(_message.Message):
    __slots__ = ("complaints", "next_page_token")
    COMPLAINTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    complaints: _containers.RepeatedCompositeFieldContainer[Complaint]
    next_page_token: str
    def __init__(self, complaints: _Optional[_Iterable[_Union[Complaint, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class AmendComplaintRequest(_message.Message):
    __slots__ = ("complaint_id", "request_id", "expected_etag", "category", "severity", "store", "order_reference", "desired_remedy")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_ETAG_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    ORDER_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    DESIRED_REMEDY_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    request_id: str
    expected_etag: str
    category: _complaint_pb2.Category
    severity: _complaint_pb2.Severity
    store: str
    order_reference: str
    desired_remedy: str
    def __init__(self, complaint_id: _Optional[str] = ..., request_id: _Optional[str] = ..., expected_etag: _Optional[str] = ..., category: _Optional[_Union[_complaint_pb2.Category, str]] = ..., severity: _Optional[_Union[_complaint_pb2.Severity, str]] = ..., store: _Optional[str] = ..., order_reference: _Optional[str] = ..., desired_remedy: _Optional[str] = ...) -> None: ...

class WithdrawComplaintRequest(_message.Message):
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

class WatchComplaintRequest(_message.Message):
    __slots__ = ("complaint_id",)
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    def __init__(self, complaint_id: _Optional[str] = ...) -> None: ...

class StreamEventsRequest(_message.Message):
    __slots__ = ("after_position_token", "since_time", "from_beginning")
    AFTER_POSITION_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SINCE_TIME_FIELD_NUMBER: _ClassVar[int]
    FROM_BEGINNING_FIELD_NUMBER: _ClassVar[int]
    after_position_token: str
    since_time: _timestamp_pb2.Timestamp
    from_beginning: bool
    def __init__(self, after_position_token: _Optional[str] = ..., since_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., from_beginning: _Optional[bool] = ...) -> None: ...
