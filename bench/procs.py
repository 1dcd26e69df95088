"""The processes the benchmark starts, and what it reads of them from outside: gRPC health,
/proc/<pid>/status (resident memory) and /proc/<pid>/stat (CPU time)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from common import work_dir
from redress.dev.paths import PROJECT_ROOT, dev_credentials_file
from redress.dev.platform import ServiceProcess, start_service

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class Processes:
    """Everything started here is stopped by `stop_all`, whatever happened."""

    def __init__(self, bootstrap: str):
        self.bootstrap = bootstrap
        self.started: list = []  # ServiceProcess or Popen
        self.files = ExitStack()

    def replica(self, name: str, label: str, fresh: bool, timeout: float, log_level: str = "warning",
                port: int = 0) -> tuple[ServiceProcess, float]:
        """Starts `redress-serve <name>` with its own REDRESS_STATE_DIR (emptied when `fresh`);
        returns it and the seconds from launch until gRPC health said SERVING."""
        state = work_dir("state", label)
        if fresh:
            shutil.rmtree(state)
            state.mkdir(parents=True)
        env = {"REDRESS_KAFKA_BOOTSTRAP": self.bootstrap, "REDRESS_CREDENTIALS_FILE": str(dev_credentials_file()),
               "REDRESS_STATE_DIR": str(state), "REDRESS_LOG_LEVEL": log_level, "REDRESS_LOG_FORMAT": "json"}
        log = self.files.enter_context(open(self.log_path(label), "a"))
        began = time.monotonic()
        service = start_service(name, env, port=port, timeout=timeout, log_to=log)
        self.started.append(service)
        wait_serving(service.address, timeout)
        return service, time.monotonic() - began

    @staticmethod
    def log_path(label: str) -> Path:
        return work_dir("logs") / f"{label}.log"

    def bare_server(self, durable: bool) -> tuple[subprocess.Popen, str]:
        args = [sys.executable, str(PROJECT_ROOT / "bench" / "bare_server.py"), "0"]
        if durable:
            args += ["--durable", self.bootstrap]
        log = self.files.enter_context(open(self.log_path("bare-durable" if durable else "bare"), "a"))
        process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=log, text=True)
        self.started.append(process)
        line = "-"
        while line and not line.startswith("READY"):  # after what it logs while starting
            line = process.stdout.readline()
        if not line:
            raise RuntimeError("the bare server did not start; see its log in .redress/bench/logs")
        return process, line.split()[2]

    def stop(self, process) -> None:
        if isinstance(process, ServiceProcess):
            process.stop()
        elif process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process in self.started:
            self.started.remove(process)

    def stop_all(self) -> None:
        for process in reversed(list(self.started)):
            try:
                self.stop(process)
            except Exception as exc:  # stop the others all the same
                print(f"could not stop {process}: {exc!r}", file=sys.stderr)
        self.files.close()


def wait_serving(address: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    with grpc.insecure_channel(address) as channel:
        health = health_pb2_grpc.HealthStub(channel)
        while True:
            try:
                if health.Check(health_pb2.HealthCheckRequest(), timeout=2).status == health_pb2.HealthCheckResponse.SERVING:
                    return
            except grpc.RpcError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"{address} did not say SERVING within {timeout:.0f}s")
            time.sleep(0.05)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise ValueError(f"no VmRSS for {pid}")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


def idle_cpu_percent(pids: dict[str, int], seconds: float) -> dict[str, float]:
    """Per process, the share of one core it used over `seconds` of wall time."""
    before = {name: cpu_seconds(pid) for name, pid in pids.items()}
    began = time.monotonic()
    time.sleep(seconds)
    wall = time.monotonic() - began
    return {name: round(100 * (cpu_seconds(pid) - before[name]) / wall, 2) for name, pid in pids.items()}
