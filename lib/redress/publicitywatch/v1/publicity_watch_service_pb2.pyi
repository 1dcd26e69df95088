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
    __slots__ = ("mention_id", "organisation", "source", "source_name", "url", "guid", "author", "author_handle", "content", "reach", "published_at", "language", "stated_intent", "deleted", "edits", "first_seen_at", "updated_at", "sentiment", "sentiment_confidence")
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
    def __init__(self, mention_id: _Optional[str] = ..., organisation: _Optional[str] = ..., source: _Optional[_Union[_publicity_pb2.SourceKind, str]] = ..., source_name: _Optional[str] = ..., url: _Optional[str] = ..., guid: _Optional[str] = ..., author: _Optional[str] = ..., author_handle: _Optional[str] = ..., content: _Optional[_Union[_publicity_pb2.MentionContent, _Mapping]] = ..., reach: _Optional[int] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., language: _Optional[str] = ..., stated_intent: _Optional[str] = ..., deleted: _Optional[bool] = ..., edits: _Optional[int] = ..., first_seen_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., sentiment: _Optional[str] = ..., sentiment_confidence: _Optional[float] = ...) -> None: ...

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
    __slots__ = ("page_size", "page_token", "source", "published_from", "published_before", "include_deleted", "sentiment")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_FROM_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_BEFORE_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_DELETED_FIELD_NUMBER: _ClassVar[int]
    SENTIMENT_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    source: _publicity_pb2.SourceKind
    published_from: _timestamp_pb2.Timestamp
    published_before: _timestamp_pb2.Timestamp
    include_deleted: bool
    sentiment: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., source: _Optional[_Union[_publicity_pb2.SourceKind, str]] = ..., published_from: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., published_before: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., include_deleted: _Optional[bool] = ..., sentiment: _Optional[str] = ...) -> None: ...

class ListMentionsResponse(_message.Message):
    __slots__ = ("mentions", "next_page_token")
    MENTIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    mentions: _containers.RepeatedCompositeFieldContainer[Mention]
    next_page_token: str
    def __init__(self, mentions: _Optional[_Iterable[_Union[Mention, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
