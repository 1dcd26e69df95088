import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from redress.events.v1 import compensation_pb2 as _compensation_pb2
from redress.types.v1 import complaint_pb2 as _complaint_pb2
from redress.types.v1 import money_pb2 as _money_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class OfferStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OFFER_STATUS_UNSPECIFIED: _ClassVar[OfferStatus]
    OFFER_STATUS_PENDING_APPROVAL: _ClassVar[OfferStatus]
    OFFER_STATUS_AWAITING_BUDGET: _ClassVar[OfferStatus]
    OFFER_STATUS_APPROVED: _ClassVar[OfferStatus]
    OFFER_STATUS_REJECTED: _ClassVar[OfferStatus]
    OFFER_STATUS_UNFUNDED: _ClassVar[OfferStatus]
    OFFER_STATUS_PRESENTED: _ClassVar[OfferStatus]
    OFFER_STATUS_ACCEPTED: _ClassVar[OfferStatus]
    OFFER_STATUS_DECLINED: _ClassVar[OfferStatus]
    OFFER_STATUS_EXPIRED: _ClassVar[OfferStatus]
    OFFER_STATUS_ISSUING: _ClassVar[OfferStatus]
    OFFER_STATUS_ISSUED: _ClassVar[OfferStatus]
    OFFER_STATUS_PAYMENT_FAILED: _ClassVar[OfferStatus]
    OFFER_STATUS_REVERSED: _ClassVar[OfferStatus]
OFFER_STATUS_UNSPECIFIED: OfferStatus
OFFER_STATUS_PENDING_APPROVAL: OfferStatus
OFFER_STATUS_AWAITING_BUDGET: OfferStatus
OFFER_STATUS_APPROVED: OfferStatus
OFFER_STATUS_REJECTED: OfferStatus
OFFER_STATUS_UNFUNDED: OfferStatus
OFFER_STATUS_PRESENTED: OfferStatus
OFFER_STATUS_ACCEPTED: OfferStatus
OFFER_STATUS_DECLINED: OfferStatus
OFFER_STATUS_EXPIRED: OfferStatus
OFFER_STATUS_ISSUING: OfferStatus
OFFER_STATUS_ISSUED: OfferStatus
OFFER_STATUS_PAYMENT_FAILED: OfferStatus
OFFER_STATUS_REVERSED: OfferStatus

class Offer(_message.Message):
    __slots__ = ("offer_id", "complaint_id", "organisation", "kind", "amount", "status", "description", "store", "customer_id", "proposed_by", "approved_by", "policy", "reason", "refusal", "customer_wants", "payment_reference", "voucher_code", "payment_attempts", "proposed_at", "expires_at", "updated_at", "category", "circumstances")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_BY_FIELD_NUMBER: _ClassVar[int]
    APPROVED_BY_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REFUSAL_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_WANTS_FIELD_NUMBER: _ClassVar[int]
    PAYMENT_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    VOUCHER_CODE_FIELD_NUMBER: _ClassVar[int]
    PAYMENT_ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_AT_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    CIRCUMSTANCES_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    complaint_id: str
    organisation: str
    kind: _compensation_pb2.OfferKind
    amount: _money_pb2.Money
    status: OfferStatus
    description: str
    store: str
    customer_id: str
    proposed_by: str
    approved_by: str
    policy: _compensation_pb2.PolicyUsed
    reason: str
    refusal: str
    customer_wants: str
    payment_reference: str
    voucher_code: str
    payment_attempts: int
    proposed_at: _timestamp_pb2.Timestamp
    expires_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    category: _complaint_pb2.Category
    circumstances: _compensation_pb2.Circumstances
    def __init__(self, offer_id: _Optional[str] = ..., complaint_id: _Optional[str] = ..., organisation: _Optional[str] = ..., kind: _Optional[_Union[_compensation_pb2.OfferKind, str]] = ..., amount: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., status: _Optional[_Union[OfferStatus, str]] = ..., description: _Optional[str] = ..., store: _Optional[str] = ..., customer_id: _Optional[str] = ..., proposed_by: _Optional[str] = ..., approved_by: _Optional[str] = ..., policy: _Optional[_Union[_compensation_pb2.PolicyUsed, _Mapping]] = ..., reason: _Optional[str] = ..., refusal: _Optional[str] = ..., customer_wants: _Optional[str] = ..., payment_reference: _Optional[str] = ..., voucher_code: _Optional[str] = ..., payment_attempts: _Optional[int] = ..., proposed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., category: _Optional[_Union[_complaint_pb2.Category, str]] = ..., circumstances: _Optional[_Union[_compensation_pb2.Circumstances, _Mapping]] = ...) -> None: ...

class Suggestion(_message.Message):
    __slots__ = ("kind", "min_amount", "max_amount", "rule", "reason", "needs_approval")
    KIND_FIELD_NUMBER: _ClassVar[int]
    MIN_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    MAX_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    NEEDS_APPROVAL_FIELD_NUMBER: _ClassVar[int]
    kind: _compensation_pb2.OfferKind
    min_amount: _money_pb2.Money
    max_amount: _money_pb2.Money
    rule: str
    reason: str
    needs_approval: bool
    def __init__(self, kind: _Optional[_Union[_compensation_pb2.OfferKind, str]] = ..., min_amount: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., max_amount: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., rule: _Optional[str] = ..., reason: _Optional[str] = ..., needs_approval: _Optional[bool] = ...) -> None: ...

class SuggestOffersRequest(_message.Message):
    __slots__ = ("complaint_id", "circumstances")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    CIRCUMSTANCES_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    circumstances: _compensation_pb2.Circumstances
    def __init__(self, complaint_id: _Optional[str] = ..., circumstances: _Optional[_Union[_compensation_pb2.Circumstances, _Mapping]] = ...) -> None: ...

class SuggestOffersResponse(_message.Message):
    __slots__ = ("suggestions", "policy", "your_limit", "your_limit_unlimited")
    SUGGESTIONS_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    YOUR_LIMIT_FIELD_NUMBER: _ClassVar[int]
    YOUR_LIMIT_UNLIMITED_FIELD_NUMBER: _ClassVar[int]
    suggestions: _containers.RepeatedCompositeFieldContainer[Suggestion]
    policy: _compensation_pb2.PolicyUsed
    your_limit: _money_pb2.Money
    your_limit_unlimited: bool
    def __init__(self, suggestions: _Optional[_Iterable[_Union[Suggestion, _Mapping]]] = ..., policy: _Optional[_Union[_compensation_pb2.PolicyUsed, _Mapping]] = ..., your_limit: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., your_limit_unlimited: _Optional[bool] = ...) -> None: ...

class ProposeOfferRequest(_message.Message):
    __slots__ = ("complaint_id", "request_id", "kind", "amount", "description", "circumstances")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    CIRCUMSTANCES_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    request_id: str
    kind: _compensation_pb2.OfferKind
    amount: _money_pb2.Money
    description: str
    circumstances: _compensation_pb2.Circumstances
    def __init__(self, complaint_id: _Optional[str] = ..., request_id: _Optional[str] = ..., kind: _Optional[_Union[_compensation_pb2.OfferKind, str]] = ..., amount: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., description: _Optional[str] = ..., circumstances: _Optional[_Union[_compensation_pb2.Circumstances, _Mapping]] = ...) -> None: ...

class ApproveOfferRequest(_message.Message):
    __slots__ = ("offer_id", "request_id")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    request_id: str
    def __init__(self, offer_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class RejectOfferRequest(_message.Message):
    __slots__ = ("offer_id", "request_id", "reason")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    request_id: str
    reason: str
    def __init__(self, offer_id: _Optional[str] = ..., request_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class PresentOfferRequest(_message.Message):
    __slots__ = ("offer_id", "request_id", "channel")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    request_id: str
    channel: _complaint_pb2.Channel
    def __init__(self, offer_id: _Optional[str] = ..., request_id: _Optional[str] = ..., channel: _Optional[_Union[_complaint_pb2.Channel, str]] = ...) -> None: ...

class RecordCustomerAnswerRequest(_message.Message):
    __slots__ = ("offer_id", "request_id", "accepted", "customer_wants")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_WANTS_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    request_id: str
    accepted: bool
    customer_wants: str
    def __init__(self, offer_id: _Optional[str] = ..., request_id: _Optional[str] = ..., accepted: _Optional[bool] = ..., customer_wants: _Optional[str] = ...) -> None: ...

class IssueOfferRequest(_message.Message):
    __slots__ = ("offer_id", "request_id")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    request_id: str
    def __init__(self, offer_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class ReverseOfferRequest(_message.Message):
    __slots__ = ("offer_id", "request_id", "reason")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    request_id: str
    reason: str
    def __init__(self, offer_id: _Optional[str] = ..., request_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class GetOfferRequest(_message.Message):
    __slots__ = ("offer_id",)
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    def __init__(self, offer_id: _Optional[str] = ...) -> None: ...

class ListOffersRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "complaint_id", "customer_id", "store", "status", "proposed_from", "proposed_before")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_FROM_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_BEFORE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    complaint_id: str
    customer_id: str
    store: str
    status: OfferStatus
    proposed_from: _timestamp_pb2.Timestamp
    proposed_before: _timestamp_pb2.Timestamp
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., complaint_id: _Optional[str] = ..., customer_id: _Optional[str] = ..., store: _Optional[str] = ..., status: _Optional[_Union[OfferStatus, str]] = ..., proposed_from: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., proposed_before: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListOffersResponse(_message.Message):
    __slots__ = ("offers", "next_page_token")
    OFFERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    offers: _containers.RepeatedCompositeFieldContainer[Offer]
    next_page_token: str
    def __init__(self, offers: _Optional[_Iterable[_Union[Offer, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetBudgetRequest(_message.Message):
    __slots__ = ("store", "month")
    STORE_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    store: str
    month: str
    def __init__(self, store: _Optional[str] = ..., month: _Optional[str] = ...) -> None: ...

class BudgetLine(_message.Message):
    __slots__ = ("limit", "unlimited", "reserved", "remaining")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    UNLIMITED_FIELD_NUMBER: _ClassVar[int]
    RESERVED_FIELD_NUMBER: _ClassVar[int]
    REMAINING_FIELD_NUMBER: _ClassVar[int]
    limit: _money_pb2.Money
    unlimited: bool
    reserved: _money_pb2.Money
    remaining: _money_pb2.Money
    def __init__(self, limit: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., unlimited: _Optional[bool] = ..., reserved: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., remaining: _Optional[_Union[_money_pb2.Money, _Mapping]] = ...) -> None: ...

class Budget(_message.Message):
    __slots__ = ("organisation", "store", "month", "organisation_budget", "store_budget", "offers_funded")
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_BUDGET_FIELD_NUMBER: _ClassVar[int]
    STORE_BUDGET_FIELD_NUMBER: _ClassVar[int]
    OFFERS_FUNDED_FIELD_NUMBER: _ClassVar[int]
    organisation: str
    store: str
    month: str
    organisation_budget: BudgetLine
    store_budget: BudgetLine
    offers_funded: int
    def __init__(self, organisation: _Optional[str] = ..., store: _Optional[str] = ..., month: _Optional[str] = ..., organisation_budget: _Optional[_Union[BudgetLine, _Mapping]] = ..., store_budget: _Optional[_Union[BudgetLine, _Mapping]] = ..., offers_funded: _Optional[int] = ...) -> None: ...

class GetCostReportRequest(_message.Message):
    __slots__ = ("month_from", "month_to")
    MONTH_FROM_FIELD_NUMBER: _ClassVar[int]
    MONTH_TO_FIELD_NUMBER: _ClassVar[int]
    month_from: str
    month_to: str
    def __init__(self, month_from: _Optional[str] = ..., month_to: _Optional[str] = ...) -> None: ...

class CostLine(_message.Message):
    __slots__ = ("category", "store", "month", "kind", "cost", "offers")
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    COST_FIELD_NUMBER: _ClassVar[int]
    OFFERS_FIELD_NUMBER: _ClassVar[int]
    category: _complaint_pb2.Category
    store: str
    month: str
    kind: _compensation_pb2.OfferKind
    cost: _money_pb2.Money
    offers: int
    def __init__(self, category: _Optional[_Union[_complaint_pb2.Category, str]] = ..., store: _Optional[str] = ..., month: _Optional[str] = ..., kind: _Optional[_Union[_compensation_pb2.OfferKind, str]] = ..., cost: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., offers: _Optional[int] = ...) -> None: ...

class CostReport(_message.Message):
    __slots__ = ("lines", "total_cost", "offers_presented", "accepted_rate", "declined_rate", "expired_rate", "resolved_complaints", "cost_per_resolved_complaint")
    LINES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COST_FIELD_NUMBER: _ClassVar[int]
    OFFERS_PRESENTED_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_RATE_FIELD_NUMBER: _ClassVar[int]
    DECLINED_RATE_FIELD_NUMBER: _ClassVar[int]
    EXPIRED_RATE_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_COMPLAINTS_FIELD_NUMBER: _ClassVar[int]
    COST_PER_RESOLVED_COMPLAINT_FIELD_NUMBER: _ClassVar[int]
    lines: _containers.RepeatedCompositeFieldContainer[CostLine]
    total_cost: _money_pb2.Money
    offers_presented: int
    accepted_rate: float
    declined_rate: float
    expired_rate: float
    resolved_complaints: int
    cost_per_resolved_complaint: _money_pb2.Money
    def __init__(self, lines: _Optional[_Iterable[_Union[CostLine, _Mapping]]] = ..., total_cost: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., offers_presented: _Optional[int] = ..., accepted_rate: _Optional[float] = ..., declined_rate: _Optional[float] = ..., expired_rate: _Optional[float] = ..., resolved_complaints: _Optional[int] = ..., cost_per_resolved_complaint: _Optional[_Union[_money_pb2.Money, _Mapping]] = ...) -> None: ...
