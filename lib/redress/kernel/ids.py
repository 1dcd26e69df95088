"""Deterministic ids: one UUID namespace per kind of id, so no two kinds can collide."""
from __future__ import annotations

import uuid

from redress.kernel.topics import partition_for

# The values are part of the log: changing one changes every id derived from it.
COMPLAINT = uuid.UUID("3d4f6a2e-5b8c-4f7d-a1e3-9c2b7d6e8f01")
COMMAND = uuid.UUID("a51c2e07-96d4-4b0e-8f3a-2c7e91b4d6f3")
EVENT = uuid.UUID("6f1c5d3e-8a59-4c4a-9d0e-2b7f3c9a1e55")
CUSTOMER = uuid.UUID("0b7e4c1a-3f1d-4e0a-9c55-6d8f2a4b7e10")


def complaint_id_for(organisation: str, request_id: str) -> str:
    """A new complaint's id: the same filing request always names the same complaint."""
    return str(uuid.uuid5(COMPLAINT, f"{organisation}/{request_id}"))


def complaint_id_in(organisation: str, request_id: str, partition: int, partitions: int) -> str:
    """A new complaint's id that lands in `partition` (beside its customer's other complaints,
    so one writer decides them all): the first of the request's candidate ids that does."""
    for salt in range(100_000):
        candidate = complaint_id_for(organisation, request_id if not salt else f"{request_id}#{salt}")
        if partition_for(candidate, partitions) == partition:
            return candidate
    raise ValueError(f"no complaint id lands in partition {partition} of {partitions}")


def command_id(organisation: str, complaint: str, action: str, request_id: str) -> str:
    """A retry is the same command; distinct per complaint and action."""
    return str(uuid.uuid5(COMMAND, f"command/{organisation}/{complaint}/{action}/{request_id}"))


def reaction_command_id(event_id: str) -> str:
    """The command a service makes of another service's event: one per event."""
    return str(uuid.uuid5(COMMAND, f"reaction/{event_id}"))


def event_id(command: str, index: int) -> str:
    """The same command always yields the same event ids."""
    return str(uuid.uuid5(EVENT, f"{command}/{index}"))


def customer_id(organisation: str, seed: str) -> str:
    return str(uuid.uuid5(CUSTOMER, f"{organisation}/{seed}"))
