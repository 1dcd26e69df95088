"""FileComplaint throughput and latency, beside a bare grpc.aio echo server and a bare
aiokafka producer (acks=all, idempotent) measured in the same run on the same machine.

    make bench            # BENCH_SEQUENTIAL=300 BENCH_TOTAL=2000 BENCH_CONCURRENCY=32

Uses REDRESS_KAFKA_BOOTSTRAP when set, else its own local broker (ports 29092/29093,
data in .redress/bench-kafka, removed afterwards).
"""
from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import time
import uuid

import grpc
from aiokafka import AIOKafkaProducer

from redress.dev.broker import choose_broker
from redress.kernel.eventlog import ensure_topics
from redress.intake.v1 import intake_service_pb2 as api
from redress.intake.v1 import intake_service_pb2_grpc as api_grpc
from redress.dev.platform import start_service
from redress.dev.replay import rebuild
from redress.kernel.servicelog import applier
from redress.kernel.settings import KafkaSettings
from redress.dev.paths import PROJECT_ROOT, dev_credentials_file
from redress.kernel.topics import TopicSpec
from redress.types.v1 import complaint_pb2 as types
from redress_intake.projection import ComplaintBook

SEQUENTIAL = int(os.environ.get("BENCH_SEQUENTIAL", "300"))
TOTAL = int(os.environ.get("BENCH_TOTAL", "2000"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "32"))
MD = (("authorization", "Bearer redress-dev-integration"),)
TEXT = "Yemek soğuk geldi, garson kaba davrandı. Το φαγητό ήρθε κρύο. The food came cold."


def request(i: int) -> api.FileComplaintRequest:
    return api.FileComplaintRequest(
        request_id=str(uuid.uuid4()), channel=types.CHANNEL_EMAIL, description=TEXT,
        contact=types.CustomerContact(email=f"bench-{uuid.uuid4().hex}@example.com"), store=f"store-{i % 50}")


async def measure(call, sequential: int, total: int, concurrency: int) -> dict:
    latencies = []
    for i in range(sequential):
        start = time.perf_counter()
        await call(i)
        latencies.append((time.perf_counter() - start) * 1000)
    queue = iter(range(total))

    async def worker():
        for i in queue:
            await call(i)

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - start
    q = statistics.quantiles(latencies, n=100)
    return {"p50": q[49], "p95": q[94], "p99": q[98], "rps": total / elapsed}


async def run(bootstrap: str, intake_address: str, echo_address: str) -> dict:
    results = {}
    async with grpc.aio.insecure_channel(intake_address) as channel:
        stub = api_grpc.IntakeServiceStub(channel)
        await stub.FileComplaint(request(0), metadata=MD)  # warm up
        results["FileComplaint (gRPC + Kafka)"] = await measure(
            lambda i: stub.FileComplaint(request(i), metadata=MD), SEQUENTIAL, TOTAL, CONCURRENCY)
    payload = request(0).SerializeToString()
    async with grpc.aio.insecure_channel(echo_address) as channel:
        echo = channel.unary_unary("/bench.Echo/Echo")
        results["bare grpc.aio echo"] = await measure(lambda i: echo(payload), SEQUENTIAL, TOTAL, CONCURRENCY)
    book = ComplaintBook()
    events, seconds = await rebuild(bootstrap, KafkaSettings(), "intake", applier(book))
    results["replay"] = {"events": events, "complaints": len(book.complaints), "rate": events / seconds}
    await ensure_topics(bootstrap, [TopicSpec("redress.bench.v1", 6, 1, {})])
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, linger_ms=0)
    await producer.start()
    try:
        results["bare aiokafka send_and_wait"] = await measure(
            lambda i: producer.send_and_wait("redress.bench.v1", payload, key=str(i).encode()),
            SEQUENTIAL, TOTAL, CONCURRENCY)
    finally:
        await producer.stop()
    return results


def report(results: dict) -> None:
    print(f"\n{SEQUENTIAL} sequential calls for latency; {TOTAL} calls at concurrency {CONCURRENCY} for throughput")
    print(f"{'':32} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'calls/s':>9}")
    replay = results.pop("replay")
    for name, r in results.items():
        print(f"{name:32} {r['p50']:8.2f} {r['p95']:8.2f} {r['p99']:8.2f} {r['rps']:9.0f}")
    fc = results["FileComplaint (gRPC + Kafka)"]
    for name in ("bare grpc.aio echo", "bare aiokafka send_and_wait"):
        base = results[name]
        print(f"FileComplaint vs {name}: p50 latency x{fc['p50'] / base['p50']:.1f}, "
              f"throughput x{fc['rps'] / base['rps']:.2f}")
    print(f"replay of intake from offset zero: {replay['events']} events into {replay['complaints']} complaints, "
          f"{replay['rate']:,.0f} events/s")


def main() -> int:
    own = not os.environ.get("REDRESS_KAFKA_BOOTSTRAP")
    data = PROJECT_ROOT / ".redress" / "bench-kafka"
    settings = KafkaSettings(port=29092, controller_port=29093, data_dir=data) if own else KafkaSettings()
    if own:
        shutil.rmtree(data, ignore_errors=True)
    broker = choose_broker(settings)
    intake = echo = None
    service_log = open(PROJECT_ROOT / ".redress" / "bench-intake.log", "w")
    try:
        intake = start_service("intake", {"REDRESS_KAFKA_BOOTSTRAP": broker.bootstrap,
                                          "REDRESS_CREDENTIALS_FILE": str(dev_credentials_file()),
                                          "REDRESS_LOG_LEVEL": "warning"}, port=0, log_to=service_log)
        echo = subprocess.Popen([sys.executable, str(PROJECT_ROOT / "bench" / "echo_server.py"), "0"],
                                stdout=subprocess.PIPE, text=True)
        echo_address = echo.stdout.readline().split()[2]
        report(asyncio.run(run(broker.bootstrap, intake.address, echo_address)))
    finally:
        if echo:
            echo.terminate()
            echo.wait()
        if intake:
            intake.stop()
        broker.stop()
        if own:
            shutil.rmtree(data, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
