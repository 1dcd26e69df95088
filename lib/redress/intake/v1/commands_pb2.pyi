import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from redress.events.v1 import intake_pb2 as _intake_pb2
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

class IntakeCommand(_message.Message):
    __slots__ = ("command_id", "request_id", "complaint_id", "expected_etag", "principal", "correlation_id", "reply_to", "deadline", "actor", "file", "repeat_contact", "amend", "withdraw")
    COMMAND_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_ETAG_FIELD_NUMBER: _ClassVar[int]
    PRINCIPAL_FIELD_NUMBER: _ClassVar[int]
    CORRELATION_ID_FIELD_NUMBER: _ClassVar[int]
    REPLY_TO_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    FILE_FIELD_NUMBER: _ClassVar[int]
    REPEAT_CONTACT_FIELD_NUMBER: _ClassVar[int]
    AMEND_FIELD_NUMBER: _ClassVar[int]
    WITHDRAW_FIELD_NUMBER: _ClassVar[int]
    command_id: str
    request_id: str
    complaint_id: str
    expected_etag: str
    principal: Principal
    correlation_id: str
    reply_to: str
    deadline: _timestamp_pb2.Timestamp
    actor: str
    file: _intake_pb2.ComplaintFiled
    repeat_contact: _intake_pb2.RepeatContactRecorded
    amend: _intake_pb2.ComplaintAmended
    withdraw: _intake_pb2.ComplaintWithdrawn
    def __init__(self, command_id: _Optional[str] = ..., request_id: _Optional[str] = ..., complaint_id: _Optional[str] = ..., expected_etag: _Optional[str] = ..., principal: _Optional[_Union[Principal, _Mapping]] = ..., correlation_id: _Optional[str] = ..., reply_to: _Optional[str] = ..., deadline: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., actor: _Optional[str] = ..., file: _Optional[_Union[_intake_pb2.ComplaintFiled, _Mapping]] = ..., repeat_contact: _Optional[_Union[_intake_pb2.RepeatContactRecorded, _Mapping]] = ..., amend: _Optional[_Union[_intake_pb2.ComplaintAmended, _Mapping]] = ..., withdraw: _Optional[_Union[_intake_pb2.ComplaintWithdrawn, _Mapping]] = ...) -> None: ...

class IntakeReply(_message.Message):
    __slots__ = ("command_id", "code", "message", "version", "partition", "next_offset", "field")
    COMMAND_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    PARTITION_FIELD_NUMBER: _ClassVar[int]
    NEXT_OFFSET_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    command_id: str
    code: int
    message: str
    version: int
    partition: int
    next_offset: int
    field: str
    def __init__(self, command_id: _Optional[str] = ..., code: _Optional[int] = ..., message: _Optional[str] = ..., version: _Optional[int] = ..., partition: _Optional[int] = ..., next_offset: _Optional[int] = ..., field: _Optional[str] = ...) -> None: ...
