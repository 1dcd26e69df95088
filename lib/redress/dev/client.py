"""Where the CLI and the demo find the services, and as whom they call."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from datetime import timezone

import grpc


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


@dataclass(frozen=True)
class ClientSettings:
    """What the CLI and the demo need to reach the services."""
    intake_address: str = field(default_factory=lambda: _env("REDRESS_INTAKE_ADDR", "127.0.0.1:50051"))
    resolution_address: str = field(default_factory=lambda: _env("REDRESS_RESOLUTION_ADDR", "127.0.0.1:50052"))
    compensation_address: str = field(default_factory=lambda: _env("REDRESS_COMPENSATION_ADDR", "127.0.0.1:50053"))
    publicity_address: str = field(default_factory=lambda: _env("REDRESS_PUBLICITY_WATCH_ADDR", "127.0.0.1:50054"))
    # Default: the local dev token (README); never valid outside `make run`.
    token: str = field(default_factory=lambda: _env("REDRESS_TOKEN", "redress-dev-integration"))

    def metadata(self) -> tuple:
        return (("authorization", f"Bearer {self.token}"),)


class InputError(ValueError):
    """Something typed on the command line that cannot be sent; the message says why."""


def words(enum, value: int, prefix: str) -> str:
    """OFFER_KIND_FREE_ITEM -> "free item"; a number this version does not know stays a number."""
    try:
        return enum.Name(value).removeprefix(prefix).lower().replace("_", " ")
    except ValueError:
        return str(value)


def parse_enum(enum, prefix: str, text: str, what: str, aliases: dict[str, str] | None = None) -> int:
    """"free-item" -> OFFER_KIND_FREE_ITEM."""
    name = text.strip().lower().replace("-", "_").replace(" ", "_")
    key = prefix + (aliases or {}).get(name, name).upper()
    if key in enum.keys() and enum.Value(key):
        return enum.Value(key)
    choices = ", ".join(n.removeprefix(prefix).lower().replace("_", "-") for n in enum.keys() if enum.Value(n))
    raise InputError(f"unknown {what} {text!r}; choose from: {choices}")


def when(ts) -> str:
    return ts.ToDatetime(timezone.utc).strftime("%Y-%m-%d %H:%M") if ts.seconds else ""


async def call(address: str, stub_type, method: str, request, show) -> int:
    """One RPC as the CLI makes it: its answer shown, or the status printed (exit code 1)."""
    async with grpc.aio.insecure_channel(address) as channel:
        try:
            answer = await getattr(stub_type(channel), method)(request, metadata=ClientSettings().metadata())
        except grpc.aio.AioRpcError as exc:
            print(f"error: {exc.code().name}: {exc.details()}", file=sys.stderr)
            return 1
    show(answer)
    return 0
