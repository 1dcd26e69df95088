import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from redress.types.v1 import complaint_pb2 as _complaint_pb2
from redress.types.v1 import money_pb2 as _money_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class OfferKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OFFER_KIND_UNSPECIFIED: _ClassVar[OfferKind]
    OFFER_KIND_APOLOGY_ONLY: _ClassVar[OfferKind]
    OFFER_KIND_DISCOUNT: _ClassVar[OfferKind]
    OFFER_KIND_VOUCHER: _ClassVar[OfferKind]
    OFFER_KIND_REFUND: _ClassVar[OfferKind]
    OFFER_KIND_REPLACEMENT: _ClassVar[OfferKind]
    OFFER_KIND_FREE_ITEM: _ClassVar[OfferKind]
    OFFER_KIND_SERVICE_CREDIT: _ClassVar[OfferKind]
OFFER_KIND_UNSPECIFIED: OfferKind
OFFER_KIND_APOLOGY_ONLY: OfferKind
OFFER_KIND_DISCOUNT: OfferKind
OFFER_KIND_VOUCHER: OfferKind
OFFER_KIND_REFUND: OfferKind
OFFER_KIND_REPLACEMENT: OfferKind
OFFER_KIND_FREE_ITEM: OfferKind
OFFER_KIND_SERVICE_CREDIT: OfferKind

class ComplaintResolved(_message.Message):
    __slots__ = ("complaint_id",)
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    def __init__(self, complaint_id: _Optional[str] = ...) -> None: ...

class Circumstances(_message.Message):
    __slots__ = ("order_value", "flight_distance_km", "intra_eu", "rerouted", "arrival_delay_minutes")
    ORDER_VALUE_FIELD_NUMBER: _ClassVar[int]
    FLIGHT_DISTANCE_KM_FIELD_NUMBER: _ClassVar[int]
    INTRA_EU_FIELD_NUMBER: _ClassVar[int]
    REROUTED_FIELD_NUMBER: _ClassVar[int]
    ARRIVAL_DELAY_MINUTES_FIELD_NUMBER: _ClassVar[int]
    order_value: _money_pb2.Money
    flight_distance_km: int
    intra_eu: bool
    rerouted: bool
    arrival_delay_minutes: int
    def __init__(self, order_value: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., flight_distance_km: _Optional[int] = ..., intra_eu: _Optional[bool] = ..., rerouted: _Optional[bool] = ..., arrival_delay_minutes: _Optional[int] = ...) -> None: ...

class ComplaintNoted(_message.Message):
    __slots__ = ("complaint_id", "organisation", "customer_id", "store", "category", "severity", "channel")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    organisation: str
    customer_id: str
    store: str
    category: _complaint_pb2.Category
    severity: _complaint_pb2.Severity
    channel: _complaint_pb2.Channel
    def __init__(self, complaint_id: _Optional[str] = ..., organisation: _Optional[str] = ..., customer_id: _Optional[str] = ..., store: _Optional[str] = ..., category: _Optional[_Union[_complaint_pb2.Category, str]] = ..., severity: _Optional[_Union[_complaint_pb2.Severity, str]] = ..., channel: _Optional[_Union[_complaint_pb2.Channel, str]] = ...) -> None: ...

class ComplaintFactsAmended(_message.Message):
    __slots__ = ("complaint_id", "category", "severity", "store")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    category: _complaint_pb2.Category
    severity: _complaint_pb2.Severity
    store: str
    def __init__(self, complaint_id: _Optional[str] = ..., category: _Optional[_Union[_complaint_pb2.Category, str]] = ..., severity: _Optional[_Union[_complaint_pb2.Severity, str]] = ..., store: _Optional[str] = ...) -> None: ...

class PolicyUsed(_message.Message):
    __slots__ = ("version", "digest", "rule")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    DIGEST_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    version: str
    digest: str
    rule: str
    def __init__(self, version: _Optional[str] = ..., digest: _Optional[str] = ..., rule: _Optional[str] = ...) -> None: ...

class OfferProposed(_message.Message):
    __slots__ = ("offer_id", "kind", "amount", "description", "circumstances", "proposed_by", "proposer_role", "proposer_limit", "needs_approval", "policy", "reason", "earlier_complaints", "earlier_offers_declined", "store", "expires_at")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    CIRCUMSTANCES_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_BY_FIELD_NUMBER: _ClassVar[int]
    PROPOSER_ROLE_FIELD_NUMBER: _ClassVar[int]
    PROPOSER_LIMIT_FIELD_NUMBER: _ClassVar[int]
    NEEDS_APPROVAL_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    EARLIER_COMPLAINTS_FIELD_NUMBER: _ClassVar[int]
    EARLIER_OFFERS_DECLINED_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    kind: OfferKind
    amount: _money_pb2.Money
    description: str
    circumstances: Circumstances
    proposed_by: str
    proposer_role: str
    proposer_limit: _money_pb2.Money
    needs_approval: bool
    policy: PolicyUsed
    reason: str
    earlier_complaints: int
    earlier_offers_declined: int
    store: str
    expires_at: _timestamp_pb2.Timestamp
    def __init__(self, offer_id: _Optional[str] = ..., kind: _Optional[_Union[OfferKind, str]] = ..., amount: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., description: _Optional[str] = ..., circumstances: _Optional[_Union[Circumstances, _Mapping]] = ..., proposed_by: _Optional[str] = ..., proposer_role: _Optional[str] = ..., proposer_limit: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., needs_approval: _Optional[bool] = ..., policy: _Optional[_Union[PolicyUsed, _Mapping]] = ..., reason: _Optional[str] = ..., earlier_complaints: _Optional[int] = ..., earlier_offers_declined: _Optional[int] = ..., store: _Optional[str] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class OfferApproved(_message.Message):
    __slots__ = ("offer_id", "approved_by", "approver_role", "within_proposer_limit", "budget")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVED_BY_FIELD_NUMBER: _ClassVar[int]
    APPROVER_ROLE_FIELD_NUMBER: _ClassVar[int]
    WITHIN_PROPOSER_LIMIT_FIELD_NUMBER: _ClassVar[int]
    BUDGET_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    approved_by: str
    approver_role: str
    within_proposer_limit: bool
    budget: str
    def __init__(self, offer_id: _Optional[str] = ..., approved_by: _Optional[str] = ..., approver_role: _Optional[str] = ..., within_proposer_limit: _Optional[bool] = ..., budget: _Optional[str] = ...) -> None: ...

class OfferRejected(_message.Message):
    __slots__ = ("offer_id", "rejected_by", "reason")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    REJECTED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    rejected_by: str
    reason: str
    def __init__(self, offer_id: _Optional[str] = ..., rejected_by: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class OfferFunded(_message.Message):
    __slots__ = ("offer_id", "budget")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    BUDGET_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    budget: str
    def __init__(self, offer_id: _Optional[str] = ..., budget: _Optional[str] = ...) -> None: ...

class OfferUnfunded(_message.Message):
    __slots__ = ("offer_id", "budget", "reason")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    BUDGET_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    budget: str
    reason: str
    def __init__(self, offer_id: _Optional[str] = ..., budget: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class OfferPresented(_message.Message):
    __slots__ = ("offer_id", "channel", "presented_by")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    PRESENTED_BY_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    channel: _complaint_pb2.Channel
    presented_by: str
    def __init__(self, offer_id: _Optional[str] = ..., channel: _Optional[_Union[_complaint_pb2.Channel, str]] = ..., presented_by: _Optional[str] = ...) -> None: ...

class OfferAccepted(_message.Message):
    __slots__ = ("offer_id",)
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    def __init__(self, offer_id: _Optional[str] = ...) -> None: ...

class OfferDeclined(_message.Message):
    __slots__ = ("offer_id", "customer_wants")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_WANTS_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    customer_wants: str
    def __init__(self, offer_id: _Optional[str] = ..., customer_wants: _Optional[str] = ...) -> None: ...

class OfferExpired(_message.Message):
    __slots__ = ("offer_id",)
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    def __init__(self, offer_id: _Optional[str] = ...) -> None: ...

class PaymentStarted(_message.Message):
    __slots__ = ("offer_id", "attempt", "idempotency_key", "adapter")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    ADAPTER_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    attempt: int
    idempotency_key: str
    adapter: str
    def __init__(self, offer_id: _Optional[str] = ..., attempt: _Optional[int] = ..., idempotency_key: _Optional[str] = ..., adapter: _Optional[str] = ...) -> None: ...

class OfferIssued(_message.Message):
    __slots__ = ("offer_id", "adapter", "reference", "voucher_code", "reconciled")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    ADAPTER_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    VOUCHER_CODE_FIELD_NUMBER: _ClassVar[int]
    RECONCILED_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    adapter: str
    reference: str
    voucher_code: str
    reconciled: bool
    def __init__(self, offer_id: _Optional[str] = ..., adapter: _Optional[str] = ..., reference: _Optional[str] = ..., voucher_code: _Optional[str] = ..., reconciled: _Optional[bool] = ...) -> None: ...

class PaymentFailed(_message.Message):
    __slots__ = ("offer_id", "attempt", "reason")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    attempt: int
    reason: str
    def __init__(self, offer_id: _Optional[str] = ..., attempt: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class PaymentOutcomeUnknown(_message.Message):
    __slots__ = ("offer_id", "attempt", "reason")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    attempt: int
    reason: str
    def __init__(self, offer_id: _Optional[str] = ..., attempt: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class OfferReversed(_message.Message):
    __slots__ = ("offer_id", "reversed_by", "reason")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    REVERSED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    reversed_by: str
    reason: str
    def __init__(self, offer_id: _Optional[str] = ..., reversed_by: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class OfferBudgetReleased(_message.Message):
    __slots__ = ("offer_id", "budget")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    BUDGET_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    budget: str
    def __init__(self, offer_id: _Optional[str] = ..., budget: _Optional[str] = ...) -> None: ...

class BudgetLimit(_message.Message):
    __slots__ = ("limit", "unlimited", "spent_after")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    UNLIMITED_FIELD_NUMBER: _ClassVar[int]
    SPENT_AFTER_FIELD_NUMBER: _ClassVar[int]
    limit: _money_pb2.Money
    unlimited: bool
    spent_after: _money_pb2.Money
    def __init__(self, limit: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., unlimited: _Optional[bool] = ..., spent_after: _Optional[_Union[_money_pb2.Money, _Mapping]] = ...) -> None: ...

class BudgetReserved(_message.Message):
    __slots__ = ("offer_id", "complaint_id", "organisation", "store", "month", "amount", "organisation_budget", "store_budget", "kind", "policy_version")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_BUDGET_FIELD_NUMBER: _ClassVar[int]
    STORE_BUDGET_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    POLICY_VERSION_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    complaint_id: str
    organisation: str
    store: str
    month: str
    amount: _money_pb2.Money
    organisation_budget: BudgetLimit
    store_budget: BudgetLimit
    kind: OfferKind
    policy_version: str
    def __init__(self, offer_id: _Optional[str] = ..., complaint_id: _Optional[str] = ..., organisation: _Optional[str] = ..., store: _Optional[str] = ..., month: _Optional[str] = ..., amount: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., organisation_budget: _Optional[_Union[BudgetLimit, _Mapping]] = ..., store_budget: _Optional[_Union[BudgetLimit, _Mapping]] = ..., kind: _Optional[_Union[OfferKind, str]] = ..., policy_version: _Optional[str] = ...) -> None: ...

class BudgetRefused(_message.Message):
    __slots__ = ("offer_id", "complaint_id", "store", "month", "amount", "reason")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    complaint_id: str
    store: str
    month: str
    amount: _money_pb2.Money
    reason: str
    def __init__(self, offer_id: _Optional[str] = ..., complaint_id: _Optional[str] = ..., store: _Optional[str] = ..., month: _Optional[str] = ..., amount: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class BudgetReleased(_message.Message):
    __slots__ = ("offer_id", "store", "month", "amount")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    store: str
    month: str
    amount: _money_pb2.Money
    def __init__(self, offer_id: _Optional[str] = ..., store: _Optional[str] = ..., month: _Optional[str] = ..., amount: _Optional[_Union[_money_pb2.Money, _Mapping]] = ...) -> None: ...
