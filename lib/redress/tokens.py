"""Opaque tokens (pages, stream positions) and instants from requests, checked as client input."""
from __future__ import annotations

import base64
import json
from datetime import datetime, timezone

from google.protobuf.timestamp_pb2 import Timestamp

from redress.rejections import Invalid


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
