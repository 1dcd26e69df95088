from redress.commands.v1 import commands_pb2 as _commands_pb2
from redress.events.v1 import compensation_pb2 as _compensation_pb2
from redress.events.v1 import intake_pb2 as _intake_pb2
from redress.events.v1 import resolution_pb2 as _resolution_pb2
from redress.types.v1 import complaint_pb2 as _complaint_pb2
from redress.types.v1 import money_pb2 as _money_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CompensationCommand(_message.Message):
    __slots__ = ("context", "note_complaint", "note_resolved", "note_amendment", "propose", "approve", "reject", "note_funding", "present", "answer", "issue", "start_payment", "record_payment", "reverse", "expire", "note_release", "reserve", "release")
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    NOTE_COMPLAINT_FIELD_NUMBER: _ClassVar[int]
    NOTE_RESOLVED_FIELD_NUMBER: _ClassVar[int]
    NOTE_AMENDMENT_FIELD_NUMBER: _ClassVar[int]
    PROPOSE_FIELD_NUMBER: _ClassVar[int]
    APPROVE_FIELD_NUMBER: _ClassVar[int]
    REJECT_FIELD_NUMBER: _ClassVar[int]
    NOTE_FUNDING_FIELD_NUMBER: _ClassVar[int]
    PRESENT_FIELD_NUMBER: _ClassVar[int]
    ANSWER_FIELD_NUMBER: _ClassVar[int]
    ISSUE_FIELD_NUMBER: _ClassVar[int]
    START_PAYMENT_FIELD_NUMBER: _ClassVar[int]
    RECORD_PAYMENT_FIELD_NUMBER: _ClassVar[int]
    REVERSE_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_FIELD_NUMBER: _ClassVar[int]
    NOTE_RELEASE_FIELD_NUMBER: _ClassVar[int]
    RESERVE_FIELD_NUMBER: _ClassVar[int]
    RELEASE_FIELD_NUMBER: _ClassVar[int]
    context: _commands_pb2.CommandContext
    note_complaint: _intake_pb2.ComplaintFiled
    note_resolved: _resolution_pb2.CaseClosed
    note_amendment: _intake_pb2.ComplaintAmended
    propose: Propose
    approve: Approve
    reject: Reject
    note_funding: NoteFunding
    present: Present
    answer: Answer
    issue: Issue
    start_payment: StartPayment
    record_payment: RecordPayment
    reverse: Reverse
    expire: Expire
    note_release: NoteRelease
    reserve: Reserve
    release: Release
    def __init__(self, context: _Optional[_Union[_commands_pb2.CommandContext, _Mapping]] = ..., note_complaint: _Optional[_Union[_intake_pb2.ComplaintFiled, _Mapping]] = ..., note_resolved: _Optional[_Union[_resolution_pb2.CaseClosed, _Mapping]] = ..., note_amendment: _Optional[_Union[_intake_pb2.ComplaintAmended, _Mapping]] = ..., propose: _Optional[_Union[Propose, _Mapping]] = ..., approve: _Optional[_Union[Approve, _Mapping]] = ..., reject: _Optional[_Union[Reject, _Mapping]] = ..., note_funding: _Optional[_Union[NoteFunding, _Mapping]] = ..., present: _Optional[_Union[Present, _Mapping]] = ..., answer: _Optional[_Union[Answer, _Mapping]] = ..., issue: _Optional[_Union[Issue, _Mapping]] = ..., start_payment: _Optional[_Union[StartPayment, _Mapping]] = ..., record_payment: _Optional[_Union[RecordPayment, _Mapping]] = ..., reverse: _Optional[_Union[Reverse, _Mapping]] = ..., expire: _Optional[_Union[Expire, _Mapping]] = ..., note_release: _Optional[_Union[NoteRelease, _Mapping]] = ..., reserve: _Optional[_Union[Reserve, _Mapping]] = ..., release: _Optional[_Union[Release, _Mapping]] = ...) -> None: ...

class Propose(_message.Message):
    __slots__ = ("offer_id", "kind", "amount", "description", "circumstances", "earlier_complaints", "earlier_offers_declined")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    CIRCUMSTANCES_FIELD_NUMBER: _ClassVar[int]
    EARLIER_COMPLAINTS_FIELD_NUMBER: _ClassVar[int]
    EARLIER_OFFERS_DECLINED_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    kind: _compensation_pb2.OfferKind
    amount: _money_pb2.Money
    description: str
    circumstances: _compensation_pb2.Circumstances
    earlier_complaints: int
    earlier_offers_declined: int
    def __init__(self, offer_id: _Optional[str] = ..., kind: _Optional[_Union[_compensation_pb2.OfferKind, str]] = ..., amount: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., description: _Optional[str] = ..., circumstances: _Optional[_Union[_compensation_pb2.Circumstances, _Mapping]] = ..., earlier_complaints: _Optional[int] = ..., earlier_offers_declined: _Optional[int] = ...) -> None: ...

class Approve(_message.Message):
    __slots__ = ("offer_id",)
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    def __init__(self, offer_id: _Optional[str] = ...) -> None: ...

class Reject(_message.Message):
    __slots__ = ("offer_id", "reason")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    reason: str
    def __init__(self, offer_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class NoteFunding(_message.Message):
    __slots__ = ("offer_id", "funded", "budget", "reason")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    FUNDED_FIELD_NUMBER: _ClassVar[int]
    BUDGET_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    funded: bool
    budget: str
    reason: str
    def __init__(self, offer_id: _Optional[str] = ..., funded: _Optional[bool] = ..., budget: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class Present(_message.Message):
    __slots__ = ("offer_id", "channel")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    channel: _complaint_pb2.Channel
    def __init__(self, offer_id: _Optional[str] = ..., channel: _Optional[_Union[_complaint_pb2.Channel, str]] = ...) -> None: ...

class Answer(_message.Message):
    __slots__ = ("offer_id", "accepted", "customer_wants")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_WANTS_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    accepted: bool
    customer_wants: str
    def __init__(self, offer_id: _Optional[str] = ..., accepted: _Optional[bool] = ..., customer_wants: _Optional[str] = ...) -> None: ...

class Issue(_message.Message):
    __slots__ = ("offer_id",)
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    def __init__(self, offer_id: _Optional[str] = ...) -> None: ...

class StartPayment(_message.Message):
    __slots__ = ("offer_id", "attempt")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    attempt: int
    def __init__(self, offer_id: _Optional[str] = ..., attempt: _Optional[int] = ...) -> None: ...

class RecordPayment(_message.Message):
    __slots__ = ("offer_id", "attempt", "outcome", "reference", "voucher_code", "reconciled", "reason")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    VOUCHER_CODE_FIELD_NUMBER: _ClassVar[int]
    RECONCILED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    attempt: int
    outcome: str
    reference: str
    voucher_code: str
    reconciled: bool
    reason: str
    def __init__(self, offer_id: _Optional[str] = ..., attempt: _Optional[int] = ..., outcome: _Optional[str] = ..., reference: _Optional[str] = ..., voucher_code: _Optional[str] = ..., reconciled: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class Reverse(_message.Message):
    __slots__ = ("offer_id", "reason")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    reason: str
    def __init__(self, offer_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class Expire(_message.Message):
    __slots__ = ("offer_id",)
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    def __init__(self, offer_id: _Optional[str] = ...) -> None: ...

class NoteRelease(_message.Message):
    __slots__ = ("offer_id", "budget")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    BUDGET_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    budget: str
    def __init__(self, offer_id: _Optional[str] = ..., budget: _Optional[str] = ...) -> None: ...

class Reserve(_message.Message):
    __slots__ = ("offer_id", "complaint_id", "store", "amount", "kind")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    complaint_id: str
    store: str
    amount: _money_pb2.Money
    kind: _compensation_pb2.OfferKind
    def __init__(self, offer_id: _Optional[str] = ..., complaint_id: _Optional[str] = ..., store: _Optional[str] = ..., amount: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., kind: _Optional[_Union[_compensation_pb2.OfferKind, str]] = ...) -> None: ...

class Release(_message.Message):
    __slots__ = ("offer_id",)
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    def __init__(self, offer_id: _Optional[str] = ...) -> None: ...
