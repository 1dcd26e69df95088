from redress.commands.v1 import commands_pb2 as _commands_pb2
from redress.events.v1 import intake_pb2 as _intake_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class IntakeCommand(_message.Message):
    __slots__ = ("context", "publicity_intent", "suggested_link", "file", "repeat_contact", "amend", "withdraw")
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    PUBLICITY_INTENT_FIELD_NUMBER: _ClassVar[int]
    SUGGESTED_LINK_FIELD_NUMBER: _ClassVar[int]
    FILE_FIELD_NUMBER: _ClassVar[int]
    REPEAT_CONTACT_FIELD_NUMBER: _ClassVar[int]
    AMEND_FIELD_NUMBER: _ClassVar[int]
    WITHDRAW_FIELD_NUMBER: _ClassVar[int]
    context: _commands_pb2.CommandContext
    publicity_intent: _intake_pb2.PublicityIntentStated
    suggested_link: _intake_pb2.ComplaintLinkSuggested
    file: _intake_pb2.ComplaintFiled
    repeat_contact: _intake_pb2.RepeatContactRecorded
    amend: _intake_pb2.ComplaintAmended
    withdraw: _intake_pb2.ComplaintWithdrawn
    def __init__(self, context: _Optional[_Union[_commands_pb2.CommandContext, _Mapping]] = ..., publicity_intent: _Optional[_Union[_intake_pb2.PublicityIntentStated, _Mapping]] = ..., suggested_link: _Optional[_Union[_intake_pb2.ComplaintLinkSuggested, _Mapping]] = ..., file: _Optional[_Union[_intake_pb2.ComplaintFiled, _Mapping]] = ..., repeat_contact: _Optional[_Union[_intake_pb2.RepeatContactRecorded, _Mapping]] = ..., amend: _Optional[_Union[_intake_pb2.ComplaintAmended, _Mapping]] = ..., withdraw: _Optional[_Union[_intake_pb2.ComplaintWithdrawn, _Mapping]] = ...) -> None: ...
