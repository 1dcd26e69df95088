"""gRPC server bootstrap: health checking, reflection, graceful shutdown on SIGTERM."""
from __future__ import annotations

import asyncio
import contextlib
import signal
from typing import Awaitable, Callable

import grpc
import structlog
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

log = structlog.get_logger(__name__)
MAX_MESSAGE_BYTES = 4 * 1024 * 1024


class GrpcServer:
    def __init__(self, address: str, service_names: list[str], register: Callable[[grpc.aio.Server], None]):
        self.server = grpc.aio.server(options=[
            ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
            ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
        ])
        self.health = health.aio.HealthServicer() if hasattr(health, "aio") else health.HealthServicer()
        self.service_names = service_names
        register(self.server)
        health_pb2_grpc.add_HealthServicer_to_server(self.health, self.server)
        reflection.enable_server_reflection(
            [*service_names, health.SERVICE_NAME, reflection.SERVICE_NAME], self.server)
        self.port = self.server.add_insecure_port(address)
        host = address.rsplit(":", 1)[0]
        self.address = f"{host}:{self.port}"

    async def start(self) -> None:
        await self._set(health_pb2.HealthCheckResponse.NOT_SERVING)
        await self.server.start()

    async def serving(self) -> None:
        await self._set(health_pb2.HealthCheckResponse.SERVING)

    async def stop(self, grace: float) -> None:
        await self._set(health_pb2.HealthCheckResponse.NOT_SERVING)
        await self.server.stop(grace)

    async def _set(self, status) -> None:
        for name in ["", *self.service_names]:
            result = self.health.set(name, status)
            if asyncio.iscoroutine(result):
                await result


async def run_until_signalled(start: Callable[[], Awaitable[None]], stop: Callable[[], Awaitable[None]],
                              failed: asyncio.Event) -> int:
    """Starts, runs until SIGTERM or SIGINT (even while starting) or until `failed` is set,
    then stops gracefully. Returns the exit code: 0 after a signal, 1 after a failure."""
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    waits = {asyncio.create_task(stopping.wait()), asyncio.create_task(failed.wait())}
    starting = asyncio.create_task(start())
    try:
        done, _ = await asyncio.wait({starting, *waits}, return_when=asyncio.FIRST_COMPLETED)
        if starting in done:
            starting.result()  # a failed start raises here
            await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        else:
            starting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await starting
    finally:
        for task in waits:
            task.cancel()
        log.info("stopping", reason="failure" if failed.is_set() else "signal")
        await stop()
    return 1 if failed.is_set() else 0
