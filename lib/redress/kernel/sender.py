"""The gRPC side of the command bus: sends a command to its complaint's single writer
(the command topic's partition of the complaint) and waits for the reply.

Commands travel through Kafka so that exactly one replica decides for each complaint:
the consumer group gives each command partition to exactly one replica's processor
(redress.kernel.processor), which decides them one after another.
"""
from __future__ import annotations

import asyncio
import uuid
from typing import Generic, TypeVar

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from google.protobuf.message import DecodeError, Message

from redress.kernel.eventlog import assign_all, stop_task
from redress.kernel.settings import KafkaSettings
from redress.kernel.topics import partition_for
from redress.kernel.kafka_auth import client_options

R = TypeVar("R", bound=Message)
REPLY_TO, REPLY_KEY = "reply_to", "reply_key"


class CommandTimeout(Exception):
    """No reply in time; the command may still be applied. Retry with the same request_id."""


class CommandSender(Generic[R]):
    """The gRPC side: sends commands and waits for their replies."""

    def __init__(self, bootstrap: str, producer: AIOKafkaProducer, commands_topic: str, replies_topic: str,
                 reply_type: type[R], instance_id: str, partitions: int, settings: KafkaSettings):
        self._producer = producer
        self._commands_topic = commands_topic
        self._replies_topic = replies_topic
        self._reply_type = reply_type
        self.instance_id = instance_id
        self._partitions = partitions
        # One key per call, so two calls carrying the same command never share a waiter.
        self._pending: dict[bytes, asyncio.Future] = {}
        self._consumer = AIOKafkaConsumer(
            **client_options(),
            bootstrap_servers=bootstrap,
            enable_auto_commit=False,
            fetch_max_wait_ms=settings.fetch_max_wait_ms,
        )
        self.task: asyncio.Task | None = None

    async def start(self) -> None:
        await self._consumer.start()
        tps = await assign_all(self._consumer, self._replies_topic)
        await self._consumer.seek_to_end(*tps)
        for tp in tps:  # resolve the end offsets now, before any command is sent
            await self._consumer.position(tp)
        self.task = asyncio.create_task(self._read_replies(), name="replies")

    async def stop(self) -> None:
        await stop_task(self.task)
        await self._consumer.stop()

    async def send(self, command: Message, complaint_id: str, timeout: float) -> R:
        """The reply, within `timeout` seconds in all (sending and waiting together)."""
        key = uuid.uuid4().hex.encode()
        future = asyncio.get_running_loop().create_future()
        self._pending[key] = future

        async def sent_and_answered() -> R:
            await self._producer.send_and_wait(
                self._commands_topic,
                value=command.SerializeToString(),
                key=complaint_id.encode(),
                partition=partition_for(complaint_id, self._partitions),
                headers=[(REPLY_TO, self.instance_id.encode()), (REPLY_KEY, key)],
            )
            return await future

        try:
            return await asyncio.wait_for(sent_and_answered(), timeout)
        except asyncio.TimeoutError as exc:
            raise CommandTimeout(complaint_id) from exc
        finally:
            self._pending.pop(key, None)

    async def _read_replies(self) -> None:
        mine = self.instance_id.encode()
        while True:
            batches = await self._consumer.getmany(timeout_ms=1000)
            for records in batches.values():
                for record in records:
                    headers = dict(record.headers)
                    future = self._pending.get(headers.get(REPLY_KEY, b""))
                    if headers.get(REPLY_TO) != mine or future is None or future.done():
                        continue
                    reply = self._reply_type()
                    try:
                        reply.ParseFromString(record.value)
                    except DecodeError as exc:
                        future.set_exception(exc)
                    else:
                        future.set_result(reply)
