"""Who the service is when it acts on its own (a feed, matching, a connector)."""
from __future__ import annotations

import uuid

from redress.kernel.auth import Principal
from redress.kernel.rpc import Caller


def system(client_id: str, organisation: str) -> Caller:
    return Caller(Principal(client_id, organisation, frozenset(), frozenset()), str(uuid.uuid4()), client_id)
