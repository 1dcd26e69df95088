"""`make run` (python -m redress.dev.run) as an operator sees it: banner, a service dies, it comes back."""
from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tests.conftest import free_port

pytestmark = pytest.mark.kafka


class Launcher:
    """The launcher as a subprocess, its output read line by line in the background."""

    def __init__(self, env: dict[str, str]):
        self.process = subprocess.Popen([sys.executable, "-m", "redress.dev.run"], env={**os.environ, **env},
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float = 90) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            self.seen.append(line)
            if match := re.search(pattern, line):
                return match
        raise AssertionError(f"the launcher never said {pattern!r}; it said:\n" + "\n".join(self.seen))


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return not open(f"/proc/{pid}/stat").read().split(") ", 1)[1].startswith("Z")


def serving(address: str, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    with grpc.insecure_channel(address) as channel:
        health = health_pb2_grpc.HealthStub(channel)
        while time.monotonic() < deadline:
            try:
                answer = health.Check(health_pb2.HealthCheckRequest(service="redress.intake.v1.IntakeService"),
                                      timeout=2)
                if answer.status == health_pb2.HealthCheckResponse.SERVING:
                    return True
            except grpc.RpcError:
                pass
            time.sleep(0.3)
    return False


def test_the_launcher_restarts_a_service_that_dies_and_stops_everything_on_sigterm(bootstrap, credentials_file):
    intake_port, resolution_port = free_port(), free_port()
    launcher = Launcher({"REDRESS_KAFKA_BOOTSTRAP": bootstrap, "REDRESS_CREDENTIALS_FILE": str(credentials_file),
                         "REDRESS_INTAKE_PORT": str(intake_port), "REDRESS_RESOLUTION_PORT": str(resolution_port),
                         "REDRESS_COMPENSATION_PORT": str(free_port()),
                         "REDRESS_PUBLICITY_WATCH_PORT": str(free_port()), "REDRESS_LOG_LEVEL": "warning"})
    pids = []
    try:
        launcher.wait_for(r"^Kafka \(external\): " + re.escape(bootstrap))
        intake = launcher.wait_for(r"^intake\s+gRPC: (\S+)\s+\(pid (\d+)\)")
        resolution = launcher.wait_for(r"^resolution\s+gRPC: \S+\s+\(pid (\d+)\)")
        launcher.wait_for(r"Ctrl-C stops everything")
        address, first_pid = intake.group(1), int(intake.group(2))
        pids += [first_pid, int(resolution.group(1))]
        assert address == f"127.0.0.1:{intake_port}"

        os.kill(first_pid, signal.SIGKILL)
        launcher.wait_for(r"^intake was killed by SIGKILL; restarting in 1s \(restart 1\)$", timeout=10)
        back = launcher.wait_for(r"^intake is back: (\S+) \(pid (\d+)\)$", timeout=60)
        pids.append(int(back.group(2)))
        assert back.group(1) == address and int(back.group(2)) != first_pid
        assert serving(address)
        assert alive(pids[1]), "resolution was left alone"

        launcher.process.send_signal(signal.SIGTERM)
        assert launcher.process.wait(60) == 0
        launcher.wait_for(r"^stopped\.$", timeout=5)
    finally:
        if launcher.process.poll() is None:  # SIGTERM first: SIGKILL would leave its services running
            launcher.process.terminate()
            try:
                launcher.process.wait(60)
            except subprocess.TimeoutExpired:
                launcher.process.kill()
    assert [pid for pid in pids if alive(pid)] == []
