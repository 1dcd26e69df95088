"""gRPC server bootstrap: health checking, reflection, readiness, graceful shutdown on SIGTERM."""
from __future__ import annotations

import asyncio
import contextlib
import errno
import signal
import socket
from typing import Awaitable, Callable

import grpc
import structlog
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

from redress.kernel import edge, reflection, tracing
from redress.kernel.health import Readiness

log = structlog.get_logger(__name__)
MAX_MESSAGE_BYTES = 4 * 1024 * 1024
# The health service's name for "the process is alive": SERVING from start to stop, whatever
# the broker does (readiness, "" and the service's own name, follows the broker; a liveness
# probe that did would restart every pod during a broker outage).
LIVENESS = "redress.liveness"


class CannotListen(RuntimeError):
    def __init__(self, address: str, reason: str):
        super().__init__(f"cannot listen on {address}: {reason}")
        self.address, self.reason = address, reason


class GrpcServer:
    """Binds `address` at once (CannotListen if it cannot); its health follows `readiness`."""

    def __init__(self, address: str, service_names: list[str], register: Callable[[grpc.aio.Server], None],
                 readiness: Readiness):
        self.server = grpc.aio.server(options=[
            ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
            ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
            # Without this a second replica on a busy port would share it silently.
            ("grpc.so_reuseport", 0),
        ], interceptors=tracing.server_interceptors())
        self.health = health.aio.HealthServicer() if hasattr(health, "aio") else health.HealthServicer()
        self.service_names = service_names
        edge.gate(self.server, readiness)
        register(self.server)
        health_pb2_grpc.add_HealthServicer_to_server(self.health, self.server)
        reflection.enable(self.server, [*service_names, health.SERVICE_NAME])
        self.port = _bind(self.server, address)
        host = address.rsplit(":", 1)[0]
        self.address = f"{host}:{self.port}"
        readiness.listen(self._follow)

    async def start(self) -> None:
        await self._set(health_pb2.HealthCheckResponse.NOT_SERVING)
        await self._set_one(LIVENESS, health_pb2.HealthCheckResponse.SERVING)
        await self.server.start()

    async def stop(self, grace: float) -> None:
        await self._set(health_pb2.HealthCheckResponse.NOT_SERVING)
        await self._set_one(LIVENESS, health_pb2.HealthCheckResponse.NOT_SERVING)
        await self.server.stop(grace)

    async def _follow(self, serving: bool) -> None:
        await self._set(health_pb2.HealthCheckResponse.SERVING if serving
                        else health_pb2.HealthCheckResponse.NOT_SERVING)

    async def _set(self, status) -> None:
        for name in ["", *self.service_names]:
            await self._set_one(name, status)

    async def _set_one(self, name: str, status) -> None:
        result = self.health.set(name, status)
        if asyncio.iscoroutine(result):
            await result


def _bind(server: grpc.aio.Server, address: str) -> int:
    try:
        return server.add_insecure_port(address)
    except RuntimeError:
        raise CannotListen(address, _why_not(address)) from None


def _why_not(address: str) -> str:
    """grpc says only that binding failed; binding a plain socket tells why."""
    host, _, port = address.rpartition(":")
    try:
        family, kind, _, _, where = socket.getaddrinfo(host.strip("[]"), int(port), type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(where)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            return "the port is in use"
        return error.strerror or str(error)
    except ValueError:
        return f"{port!r} is not a port number"
    return "grpc could not bind it"


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
