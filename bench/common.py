"""What the benchmark's parts share: the caller, the texts, where things go, Kafka look-ups."""
from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from aiokafka import AIOKafkaConsumer

from redress.dev.paths import PROJECT_ROOT
from redress.kernel.eventlog import assign_all

TOKEN = "redress-dev-integration"  # demo-org's integration client (deploy/dev-credentials.json)
ORGANISATION = "demo-org"
WORK_DIR = PROJECT_ROOT / ".redress" / "bench"  # logs, state directories, ghz data; removed after
RESULTS_DIR = PROJECT_ROOT / "bench" / "results"
DESCRIPTIONS = (
    "Yemek soğuk geldi, garson kaba davrandı.",
    "Το φαγητό ήρθε κρύο και περιμέναμε μία ώρα.",
    "The food came cold and the waiter was rude.",
    "I was charged twice for one order and nobody answers the phone.",
    "The delivery was two hours late and the box was damaged.",
)


def work_dir(*parts: str) -> Path:
    path = WORK_DIR.joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path


async def end_offsets(bootstrap: str, topic: str) -> dict[int, int]:
    """The topic's end offset per partition."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = await assign_all(consumer, topic)
        return {tp.partition: offset for tp, offset in (await consumer.end_offsets(partitions)).items()}
    finally:
        await consumer.stop()


def count_events(bootstrap: str, topic: str) -> int:
    """Records in a topic that is never compacted nor expired: the sum of its end offsets."""
    return sum(asyncio.run(end_offsets(bootstrap, topic)).values())


async def read_all(bootstrap: str, topics: list[str], on_record=None) -> int:
    """Reads every record of the topics from offset zero, as a bare consumer; returns the count."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest",
                                isolation_level="read_committed", max_partition_fetch_bytes=4 * 1024 * 1024)
    await consumer.start()
    try:
        partitions = [tp for topic in topics for tp in await assign_all(consumer, topic)]
        consumer.assign(partitions)
        ends = await consumer.end_offsets(partitions)
        await consumer.seek_to_beginning(*partitions)
        left = {tp for tp, end in ends.items() if end > 0}
        count = 0
        while left:
            for tp, records in (await consumer.getmany(*left, timeout_ms=1000, max_records=5000)).items():
                count += len(records)
                if on_record:
                    for record in records:
                        on_record(record)
            # Positions, not the last record: a transaction's commit marker takes the last offset.
            left = {tp for tp in left if await consumer.position(tp) < ends[tp]}
        return count
    finally:
        with contextlib.suppress(Exception):
            await consumer.stop()
