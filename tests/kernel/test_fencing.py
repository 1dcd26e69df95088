"""A replica stalled past its session timeout (SIGSTOP) while commands for its partitions
arrive: when it wakes it can append nothing, and no caller is told "done" for a change
that is not in the log exactly once."""
from __future__ import annotations

import asyncio
import json
import os
import signal
import uuid

import grpc
import pytest

from redress.dev.platform import start_service
from redress.intake.v1 import intake_service_pb2 as api
from redress.kernel.envelope import decode_record
from redress.kernel.ids import customer_id
from redress.kernel.topics import partition_for
from redress.types.v1 import complaint_pb2 as types
from tests.helpers import auth, committed_records, eventually, filing, stub

pytestmark = pytest.mark.kafka
SESSION_MS = 1500


def assignments(log_path) -> list[list[int]]:
    lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{")]
    return [line["partitions"] for line in lines if line.get("event") == "command partitions assigned"]


async def committed_events(bootstrap: str, topic: str):
    return [decode_record(r) for r in await committed_records(bootstrap, topic)]


async def outcome(call):
    try:
        return await call
    except grpc.aio.AioRpcError as error:
        return error.code()


async def two_replicas(service_env, tmp_path, namespace: str):
    """Replicas a and b of intake on a namespace of their own, once they share the partitions;
    and the partitions a owns."""
    env = {**service_env, "REDRESS_TOPIC_NAMESPACE": namespace, "REDRESS_LOG_LEVEL": "info",
           "REDRESS_SESSION_TIMEOUT_MS": str(SESSION_MS), "REDRESS_COMMAND_TIMEOUT_S": "20"}
    logs = {name: tmp_path / f"{name}.log" for name in "ab"}
    a = start_service("intake", {**env, "REDRESS_STATE_DIR": str(tmp_path / "a")}, port=0, log_to=open(logs["a"], "w"))
    b = start_service("intake", {**env, "REDRESS_STATE_DIR": str(tmp_path / "b")}, port=0, log_to=open(logs["b"], "w"))

    async def settled():
        mine, theirs = (assignments(logs[n]) for n in "ab")
        return mine and theirs and len(mine[-1]) == 3 and not set(mine[-1]) & set(theirs[-1]) and mine[-1]
    return a, b, await eventually(settled, timeout=30)


def email_in(partitions: list[int]) -> str:
    """A new customer's email whose complaints land in one of these partitions."""
    return next(e for e in (f"stall-{uuid.uuid4().hex}@example.com" for _ in range(500))
                if partition_for(customer_id("org-a", f"email:{e}"), 6) in partitions)


def stop_all(*replicas) -> None:
    for replica in replicas:
        if replica.process.poll() is None:
            os.kill(replica.pid, signal.SIGCONT)
        replica.stop()


async def test_a_replica_woken_after_its_partitions_moved_appends_nothing(service_env, bootstrap, tmp_path):
    namespace = f"f{uuid.uuid4().hex[:8]}"
    a, b, owned_by_a = await two_replicas(service_env, tmp_path, namespace)
    try:
        assert owned_by_a, "the two replicas never shared the partitions"
        email = email_in(owned_by_a)
        async with grpc.aio.insecure_channel(a.address) as on_a, grpc.aio.insecure_channel(b.address) as on_b:
            filed = (await stub(on_b).FileComplaint(filing(contact=types.CustomerContact(email=email)),
                                                    metadata=auth())).complaint
            assert partition_for(filed.complaint_id, 6) in owned_by_a

            def amend(channel, store: str):
                return outcome(stub(channel).AmendComplaint(
                    api.AmendComplaintRequest(complaint_id=filed.complaint_id, store=store), metadata=auth(),
                    timeout=40))

            os.kill(a.pid, signal.SIGSTOP)
            try:
                sent_to_a = [asyncio.ensure_future(amend(on_a, f"to-a-{i}")) for i in range(3)]
                sent_to_b = [asyncio.ensure_future(amend(on_b, f"to-b-{i}")) for i in range(3)]
                await asyncio.sleep(3 * SESSION_MS / 1000)
            finally:
                os.kill(a.pid, signal.SIGCONT)
            results = dict(zip([f"to-a-{i}" for i in range(3)] + [f"to-b-{i}" for i in range(3)],
                               await asyncio.gather(*sent_to_a, *sent_to_b)))
        assert all(isinstance(r, api.Complaint) for name, r in results.items() if name.startswith("to-b")), results

        events = await committed_events(bootstrap, f"{namespace}.intake.events.v1")
        mine = [e for e in events if e.subject == filed.complaint_id]
        assert len({e.sequence for e in mine}) == len(mine), "two events at one sequence in the committed log"
        assert [e.sequence for e in mine] == list(range(1, len(mine) + 1))
        stores = [e.payload.store for e in mine if e.type.endswith("ComplaintAmended")]
        for store, result in results.items():
            if isinstance(result, api.Complaint):  # told "done": in the log, exactly once
                assert stores.count(store) == 1, (store, stores)
            else:
                assert result in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.ABORTED), result
    finally:
        stop_all(a, b)


async def test_a_killed_replicas_partitions_are_taken_over_and_the_others_go_on(service_env, tmp_path):
    a, b, owned_by_a = await two_replicas(service_env, tmp_path, f"k{uuid.uuid4().hex[:8]}")
    try:
        assert owned_by_a, "the two replicas never shared the partitions"
        owned_by_b = [p for p in range(6) if p not in owned_by_a]
        async with grpc.aio.insecure_channel(b.address) as on_b:
            async def file(email: str):
                return (await stub(on_b).FileComplaint(filing(contact=types.CustomerContact(email=email)),
                                                       metadata=auth(), timeout=30)).complaint
            theirs = await file(email_in(owned_by_a))
            a.process.kill()
            a.process.wait()
            ours = await file(email_in(owned_by_b))  # b's own partitions do not wait for the take-over
            moved = await file(email_in(owned_by_a))  # a's wait for it (the session timeout), then go on
            amended = await stub(on_b).AmendComplaint(
                api.AmendComplaintRequest(complaint_id=theirs.complaint_id, store="after the kill"), metadata=auth())
        assert ours.etag == moved.etag == "2" and amended.store == "after the kill"
    finally:
        stop_all(a, b)
