"""Checks on what a handler typed."""
from __future__ import annotations

from redress.kernel.rejections import Invalid

TEXT_LIMIT, NAME_LIMIT = 10000, 200


def check_text(name: str, value: str, limit: int = TEXT_LIMIT, required: bool = False) -> None:
    if len(value) > limit:
        raise Invalid(f"{name} is {len(value)} characters long; the limit is {limit}", name)
    if required and not value.strip():
        raise Invalid(f"{name} is required", name)
