"""The floors Redress is compared with: a bare grpc.aio server with intake's proto that
answers FileComplaint at once, and (--durable) the same after one idempotent acks=all
aiokafka produce of the request per call.

    .venv/bin/python bench/bare_server.py PORT [--durable BOOTSTRAP]   # prints "READY bare 127.0.0.1:PORT"
"""
from __future__ import annotations

import argparse
import asyncio
import uuid

import grpc
from aiokafka import AIOKafkaProducer

from redress.intake.v1 import intake_service_pb2 as api
from redress.intake.v1 import intake_service_pb2_grpc as api_grpc
from redress.kernel.eventlog import ensure_topics
from redress.kernel.ids import complaint_id_for
from redress.kernel.topics import TopicSpec

TOPIC = "bench.bare-durable.v1"


class BareIntake(api_grpc.IntakeServiceServicer):
    def __init__(self, producer: AIOKafkaProducer | None):
        self.producer = producer

    async def FileComplaint(self, request: api.FileComplaintRequest, context) -> api.FileComplaintResponse:
        request_id = request.request_id or str(uuid.uuid4())
        if self.producer:
            await self.producer.send_and_wait(TOPIC, request.SerializeToString(), key=request_id.encode())
        complaint = api.Complaint(
            complaint_id=complaint_id_for("bench", request_id), organisation="bench", channel=request.channel,
            contact=request.contact, description=request.description, store=request.store,
            status=api.COMPLAINT_STATUS_OPEN, etag="2")
        return api.FileComplaintResponse(complaint=complaint)


async def main(port: int, bootstrap: str | None) -> None:
    producer = None
    if bootstrap:
        await ensure_topics(bootstrap, [TopicSpec(TOPIC, 6, 1, {})])
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, linger_ms=0)
        await producer.start()
    server = grpc.aio.server()
    api_grpc.add_IntakeServiceServicer_to_server(BareIntake(producer), server)
    bound = server.add_insecure_port(f"127.0.0.1:{port}")
    await server.start()
    print(f"READY bare 127.0.0.1:{bound}", flush=True)
    await server.wait_for_termination()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("--durable", metavar="BOOTSTRAP")
    args = parser.parse_args()
    asyncio.run(main(args.port, args.durable))
