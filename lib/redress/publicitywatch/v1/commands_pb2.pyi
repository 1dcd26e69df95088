from redress.commands.v1 import commands_pb2 as _commands_pb2
from redress.events.v1 import publicity_pb2 as _publicity_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PublicityWatchCommand(_message.Message):
    __slots__ = ("context", "report", "deleted")
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    REPORT_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    context: _commands_pb2.CommandContext
    report: _publicity_pb2.MentionReported
    deleted: bool
    def __init__(self, context: _Optional[_Union[_commands_pb2.CommandContext, _Mapping]] = ..., report: _Optional[_Union[_publicity_pb2.MentionReported, _Mapping]] = ..., deleted: _Optional[bool] = ...) -> None: ...
