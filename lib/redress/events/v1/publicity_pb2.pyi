import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
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
