import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Principal(_message.Message):
    __slots__ = ("client_id", "organisation", "roles")
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    client_id: str
    organisation: str
    roles: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, client_id: _Optional[str] = ..., organisation: _Optional[str] = ..., roles: _Optional[_Iterable[str]] = ...) -> None: ...

class CommandContext(_message.Message):
    __slots__ = ("command_id", "request_id", "complaint_id", "expected_etag", "principal", "correlation_id", "actor", "deadline", "causation_id", "traceparent")
    COMMAND_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_ETAG_FIELD_NUMBER: _ClassVar[int]
    PRINCIPAL_FIELD_NUMBER: _ClassVar[int]
    CORRELATION_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    CAUSATION_ID_FIELD_NUMBER: _ClassVar[int]
    TRACEPARENT_FIELD_NUMBER: _ClassVar[int]
    command_id: str
    request_id: str
    complaint_id: str
    expected_etag: str
    principal: Principal
    correlation_id: str
    actor: str
    deadline: _timestamp_pb2.Timestamp
    causation_id: str
    traceparent: str
    def __init__(self, command_id: _Optional[str] = ..., request_id: _Optional[str] = ..., complaint_id: _Optional[str] = ..., expected_etag: _Optional[str] = ..., principal: _Optional[_Union[Principal, _Mapping]] = ..., correlation_id: _Optional[str] = ..., actor: _Optional[str] = ..., deadline: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., causation_id: _Optional[str] = ..., traceparent: _Optional[str] = ...) -> None: ...

class CommandReply(_message.Message):
    __slots__ = ("command_id", "code", "message", "field", "version", "partition", "next_offset")
    COMMAND_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    PARTITION_FIELD_NUMBER: _ClassVar[int]
    NEXT_OFFSET_FIELD_NUMBER: _ClassVar[int]
    command_id: str
    code: int
    message: str
    field: str
    version: int
    partition: int
    next_offset: int
    def __init__(self, command_id: _Optional[str] = ..., code: _Optional[int] = ..., message: _Optional[str] = ..., field: _Optional[str] = ..., version: _Optional[int] = ..., partition: _Optional[int] = ..., next_offset: _Optional[int] = ...) -> None: ...
