"""The log is the contract: topics, keys, CloudEvents headers, exactly-once effects."""
from __future__ import annotations

import grpc
import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from redress.kernel.ids import event_id
from redress.intake.v1 import intake_service_pb2 as api
from redress.commands.v1.commands_pb2 import CommandContext, Principal
from redress.intake.v1.commands_pb2 import IntakeCommand
from redress.kernel.topics import partition_for
from redress.kernel.servicelog import command_id_for
from redress.kernel.ids import complaint_id_for
from tests.helpers import auth, filing, stub

pytestmark = pytest.mark.kafka
TOPICS = ["redress.intake.events.v1", "redress.intake.commands.v1", "redress.intake.replies.v1"]


async def test_every_record_carries_the_cloudevents_envelope(channel, read_events):
    md = auth(**{"x-correlation-id": "corr-contract"})
    filed = (await stub(channel).FileComplaint(filing(), metadata=md)).complaint
    records = [r for r in await read_events(raw=True) if r.key == filed.complaint_id.encode()]
    assert len(records) == 2
    assert len({r.partition for r in records}) == 1
    assert records[0].partition == partition_for(filed.complaint_id, 6)
    for sequence, record in enumerate(records, start=1):
        h = {k: v.decode() for k, v in record.headers}
        assert h["ce_specversion"] == "1.0"
        assert h["ce_source"] == "//redress/intake"
        assert h["ce_subject"] == filed.complaint_id
        assert h["content-type"] == "application/protobuf"
        assert h["ce_time"].endswith("Z")
        assert h["ce_sequence"] == str(sequence)
        assert h["ce_organisation"] == "org-a"
        assert h["ce_clientid"] == "client-a" and h["ce_actor"] == "client-a"
        assert h["ce_correlationid"] == "corr-contract"
        assert h["ce_id"] == event_id(h["ce_causationid"], sequence - 1)
    assert [dict(r.headers)["ce_type"] for r in records] == [
        b"redress.events.v1.ComplaintFiled", b"redress.events.v1.ComplaintAcknowledged"]


async def test_topics_share_partition_counts_and_events_never_expire(bootstrap):
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        described = await admin.describe_topics(TOPICS)
        assert {len(t["partitions"]) for t in described} == {6}
        configs = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, TOPICS[0])])
        entries = {e[0]: e[1] for e in configs[0].resources[0][4]}
        assert entries["retention.ms"] == "-1"
        assert entries["retention.bytes"] == "-1"
        assert entries["cleanup.policy"] == "delete"
    finally:
        await admin.close()


async def test_a_command_applied_before_a_crash_is_answered_on_retry_without_a_second_append(
        channel, bootstrap, read_events):
    """The replica that sent the command died before replying; the client retries elsewhere."""
    request = filing()
    complaint_id = complaint_id_for("org-a", request.request_id)
    draft = IntakeCommand(context=CommandContext(
        request_id=request.request_id, complaint_id=complaint_id,
        principal=Principal(client_id="client-a", organisation="org-a", roles=["integration"])))
    draft.file.complaint_id = complaint_id
    draft.file.organisation = "org-a"
    draft.file.customer_id = "customer-x"
    draft.file.channel = request.channel
    draft.file.contact.CopyFrom(request.contact)
    draft.file.description = request.description
    draft.context.command_id = command_id_for(draft)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
    await producer.start()
    try:
        await producer.send_and_wait("redress.intake.commands.v1", draft.SerializeToString(),
                                     key=complaint_id.encode(), partition=partition_for(complaint_id, 6),
                                     headers=[("reply_to", b"replica-that-crashed"), ("reply_key", b"gone")])
    finally:
        await producer.stop()
    intake = stub(channel)
    for _ in range(100):  # the processor applies it although nobody waits for the reply
        try:
            await intake.GetComplaint(api.GetComplaintRequest(complaint_id=complaint_id), metadata=auth())
            break
        except grpc.aio.AioRpcError:
            import asyncio
            await asyncio.sleep(0.1)
    retried = await intake.FileComplaint(request, metadata=auth())
    assert retried.complaint.complaint_id == complaint_id
    assert retried.complaint.customer_id == "customer-x"
    assert len([e for e in await read_events() if e.subject == complaint_id]) == 2
