"""Opaque tokens (pages, stream positions) and instants from requests, checked as client input."""
from __future__ import annotations

import base64
import json
from datetime import datetime, timezone
from typing import Callable, TypeVar

from google.protobuf.timestamp_pb2 import Timestamp

from redress.kernel.rejections import Invalid

T = TypeVar("T")
DEFAULT_PAGE, MAX_PAGE = 50, 500


def encode_token(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode()


def decode_token(token: str, field: str) -> dict:
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise Invalid(f"{field} is not a token this service gave", field) from exc
    if not isinstance(data, dict):
        raise Invalid(f"{field} is not a token this service gave", field)
    return data


def page_after(token: dict) -> tuple[str, str]:
    after = token.get("after")
    if not (isinstance(after, list) and len(after) == 2 and all(isinstance(x, str) for x in after)):
        raise Invalid("page_token is not a token this service gave", "page_token")
    return after[0], after[1]


def stream_offsets(token: dict) -> dict[int, int]:
    positions = token.get("p")
    try:
        offsets = {int(p): int(o) for p, o in positions.items()}
    except (AttributeError, TypeError, ValueError):
        offsets = None
    if not offsets or any(o < 0 or p < 0 for p, o in offsets.items()):
        raise Invalid("after_position_token is not a token this service gave", "after_position_token")
    return offsets


def instant(ts: Timestamp, field: str) -> datetime:
    try:
        return ts.ToDatetime(timezone.utc)
    except (ValueError, OverflowError) as exc:
        raise Invalid(f"{field} is not a valid instant", field) from exc



def timestamp(value: datetime) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(value)
    return ts


def page(fetch: Callable[[tuple[int, str] | None, int], list[T]], key: Callable[[T], tuple[int, str]],
         filters: object, page_size: int, page_token: str) -> tuple[list[T], str]:
    """One page of items after the token's position, and the next token. `fetch(after, n)`
    gives up to n items in `key` order after a key (a walk along an index).

    The token remembers the filters, so it cannot be used with others (AIP-158).
    """
    if page_size < 0:
        raise Invalid("page_size must not be negative", "page_size")
    size = min(page_size or DEFAULT_PAGE, MAX_PAGE)
    fingerprint, after = repr(filters), None
    if page_token:
        token = decode_token(page_token, "page_token")
        if token.get("f") != fingerprint:
            raise Invalid("page_token belongs to a list with other filters", "page_token")
        position, last_id = page_after(token)
        if not position.isdigit():
            raise Invalid("page_token is not a token this service gave", "page_token")
        after = (int(position), last_id)
    items = fetch(after, size + 1)
    if len(items) <= size:
        return items, ""
    position, last_id = key(items[size - 1])
    return items[:size], encode_token({"f": fingerprint, "after": [str(position), last_id]})
