"""Where the CLI and the demo find the services, and as whom they call."""
from __future__ import annotations

import os
from dataclasses import dataclass, field


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


@dataclass(frozen=True)
class ClientSettings:
    """What the CLI and the demo need to reach the services."""
    intake_address: str = field(default_factory=lambda: _env("REDRESS_INTAKE_ADDR", "127.0.0.1:50051"))
    resolution_address: str = field(default_factory=lambda: _env("REDRESS_RESOLUTION_ADDR", "127.0.0.1:50052"))
    compensation_address: str = field(default_factory=lambda: _env("REDRESS_COMPENSATION_ADDR", "127.0.0.1:50053"))
    # Default: the local dev token (README); never valid outside `make run`.
    token: str = field(default_factory=lambda: _env("REDRESS_TOKEN", "redress-dev-integration"))
