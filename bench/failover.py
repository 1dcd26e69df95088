"""Failover: steady filings at two intake replicas, one SIGKILLed; per partition, the longest
time without a successful filing. A client retries a failed call on the other replica with
the same request_id (safe: the complaint id is derived from it).

The one figure driven by a Python gRPC client rather than ghz: it needs to know each
call's partition and to retry elsewhere.
"""
from __future__ import annotations

import asyncio
import json
import time
import uuid
from pathlib import Path
from typing import Callable

import grpc

from common import DESCRIPTIONS, TOKEN
from redress.intake.v1 import intake_service_pb2 as api
from redress.intake.v1 import intake_service_pb2_grpc as api_grpc
from redress.kernel.topics import partition_for
from redress.types.v1 import complaint_pb2 as types

METADATA = (("authorization", f"Bearer {TOKEN}"),)
GIVE_UP_S = 60


async def _file(stubs: list, first: int, request_id: str, partitions: int, successes: list, failures: list) -> None:
    """Files one complaint, trying the replicas in turn until one answers OK; the success counts
    for the partition of the complaint the answer names (intake puts a new customer's complaint
    in the partition of the customer's id)."""
    request = api.FileComplaintRequest(
        request_id=request_id, channel=types.CHANNEL_EMAIL, description=DESCRIPTIONS[2], store="failover",
        contact=types.CustomerContact(email=f"failover-{request_id}@example.com"))
    give_up = time.monotonic() + GIVE_UP_S
    attempt = first
    while time.monotonic() < give_up:
        try:
            answer = await stubs[attempt % len(stubs)].FileComplaint(request, metadata=METADATA, timeout=15)
            successes.append((partition_for(answer.complaint.complaint_id, partitions), time.monotonic()))
            return
        except grpc.RpcError as error:
            failures.append(error.code().name)
            attempt += 1
            await asyncio.sleep(0.1)


async def drive(addresses: list[str], partitions: int, before_s: float, after_s: float, kill: Callable[[], None],
                rate: float = 40) -> dict:
    """Files `rate` complaints a second, alternating replicas; calls `kill` after `before_s`."""
    channels = [grpc.aio.insecure_channel(a) for a in addresses]
    stubs = [api_grpc.IntakeServiceStub(c) for c in channels]
    successes: list[tuple[int, float]] = []
    failures: list[str] = []
    calls = []
    began = time.monotonic()
    killed_at = None
    try:
        for n in range(int(rate * (before_s + after_s))):
            await asyncio.sleep(max(0.0, began + n / rate - time.monotonic()))
            if killed_at is None and time.monotonic() - began >= before_s:
                kill()
                killed_at = time.monotonic()
            request_id = str(uuid.uuid4())
            calls.append(asyncio.create_task(_file(stubs, n, request_id, partitions, successes, failures)))
        ended = time.monotonic()
        await asyncio.wait(calls, timeout=GIVE_UP_S)
    finally:
        for call in calls:
            call.cancel()
        for channel in channels:
            await channel.close()
    return {"successes": successes, "failures": failures, "killed_at": killed_at, "ended": ended,
            "filed": len(calls)}


def gaps(driven: dict, partitions: int, killed_owned: list[int]) -> dict:
    """The longest wait between successful filings of each partition, around the kill."""
    start = driven["killed_at"] - 1.0
    per_partition = {}
    for p in range(partitions):
        times = sorted(t for q, t in driven["successes"] if q == p and t >= start)
        points = [start, *times, driven["ended"]]
        per_partition[p] = round(max(b - a for a, b in zip(points, points[1:])), 2)
    others = [g for p, g in per_partition.items() if p not in killed_owned]
    owned = [g for p, g in per_partition.items() if p in killed_owned]
    failures: dict[str, int] = {}
    for code in driven["failures"]:
        failures[code] = failures.get(code, 0) + 1
    return {"gap_s_per_partition": per_partition, "killed_replica_partitions": killed_owned,
            "max_gap_s_killed_partitions": max(owned, default=None), "max_gap_s_other_partitions": max(others, default=None),
            "filed": driven["filed"], "succeeded": len(driven["successes"]), "failed_attempts": failures}


def assigned_partitions(log: Path) -> list[int]:
    """The command partitions a replica was last given, from its JSON log."""
    last: list[int] = []
    for line in log.read_text().splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if entry.get("event") == "command partitions assigned":
            last = entry.get("partitions", [])
    return last
