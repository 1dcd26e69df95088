"""A replica's store across restarts: it resumes where it stopped and answers exactly as
one rebuilt from the log; a store that does not match the log is rebuilt, never served."""
from __future__ import annotations

import json
import uuid

import grpc
import pytest
from aiokafka.admin import AIOKafkaAdminClient

from redress.dev.platform import start_service
from redress.intake.v1 import intake_service_pb2 as api
from redress.types.v1 import complaint_pb2 as types
from tests.helpers import auth, filing, intake_answers, stub, unique_email

pytestmark = pytest.mark.kafka
MD = auth("token-restart")


@pytest.fixture
def replica(service_env, tmp_path):
    """Starts intake replicas with the store directory and topic namespace given; stops them all."""
    started = []

    def start(state: str, namespace: str = "", **env):
        log = tmp_path / f"intake-{len(started)}.log"
        env = {**service_env, "REDRESS_STATE_DIR": str(tmp_path / state), "REDRESS_LOG_LEVEL": "info", **env}
        if namespace:
            env["REDRESS_TOPIC_NAMESPACE"] = namespace
        service = start_service("intake", env, port=0, log_to=open(log, "w"))
        service.log = log
        started.append(service)
        return service

    yield start
    for service in started:
        service.stop()


def logged(service, event: str) -> list[dict]:
    lines = [json.loads(line) for line in service.log.read_text().splitlines() if line.startswith("{")]
    return [line for line in lines if line.get("event") == event]


async def answers(address: str, ids: list[str]) -> list[bytes]:
    async with grpc.aio.insecure_channel(address) as ch:
        return await intake_answers(ch, ids, MD)


async def file_some(address: str, n: int) -> list[str]:
    email = unique_email()
    async with grpc.aio.insecure_channel(address) as ch:
        s, ids = stub(ch), []
        for i in range(n):
            ids.append((await s.FileComplaint(filing(f"Complaint {i}: the order came cold.", order_reference=f"S-{i}",
                                                     contact=types.CustomerContact(email=email)),
                                              metadata=MD)).complaint.complaint_id)
        await s.WithdrawComplaint(api.WithdrawComplaintRequest(complaint_id=ids[0], reason="sorted"), metadata=MD)
        return ids


async def test_a_restarted_replica_resumes_from_its_store_and_answers_as_one_rebuilt_from_zero(replica, intake):
    first = replica("kept")
    ids = await file_some(first.address, 3)
    first.stop()
    ids += await file_some(intake.address, 2)  # written while it was down: it catches up from its checkpoint

    again = replica("kept")
    resumed = logged(again, "the read model resumed from its store")
    assert resumed and sum(resumed[0]["offsets"].values()) > 0
    assert not logged(again, "the store is rebuilt from the log")
    fresh = replica("empty")
    assert await answers(again.address, ids) == await answers(fresh.address, ids)


async def test_a_store_that_does_not_match_the_log_is_rebuilt_not_served(replica, bootstrap, tmp_path):
    namespace = f"t{uuid.uuid4().hex[:8]}"
    first = replica("old", namespace)
    old_ids = await file_some(first.address, 2)
    first.stop()
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:  # the topic's next generation: same name, other events
        await admin.delete_topics([f"{namespace}.intake.events.v1"])
    finally:
        await admin.close()
    other = replica("other", namespace)
    new_ids = await file_some(other.address, 1)
    other.stop()

    again = replica("old", namespace)
    rebuilt = logged(again, "the store is rebuilt from the log")
    assert rebuilt and ("not the store's last event" in rebuilt[0]["reason"] or "ends at" in rebuilt[0]["reason"])
    async with grpc.aio.insecure_channel(again.address) as ch:
        with pytest.raises(grpc.aio.AioRpcError) as gone:
            await stub(ch).GetComplaint(api.GetComplaintRequest(complaint_id=old_ids[1]), metadata=MD)
        assert gone.value.code() == grpc.StatusCode.NOT_FOUND
        await stub(ch).GetComplaint(api.GetComplaintRequest(complaint_id=new_ids[0]), metadata=MD)
    again.stop()

    (tmp_path / "old" / "intake.sqlite").write_bytes(b"\0garbage" * 4096)
    broken = replica("old", namespace)
    assert logged(broken, "the store is rebuilt from the log")
    assert await answers(broken.address, new_ids) == await answers(replica("fresh", namespace).address, new_ids)
