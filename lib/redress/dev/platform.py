"""Starts the platform's processes: the broker (see redress.dev.broker) and every service.

Used by `make run`, `make demo` and the tests, so all three start things one way.
"""
from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

from redress.dev.broker import Broker, choose_broker
from redress.kernel.declaration import declared
from redress.kernel.settings import KafkaSettings

# service -> (environment variable of its port, default port), from the services' declarations
SERVICES = {name: (s.port_variable, s.default_port) for name, s in declared().items()}


class ServiceFailed(RuntimeError):
    pass


@dataclass
class ServiceProcess:
    name: str
    process: subprocess.Popen
    address: str

    def stop(self, timeout: float = 15) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def start_service(name: str, env: dict[str, str], port: int | None = None, timeout: float = 60,
                  log_to=None) -> ServiceProcess:
    """Starts one service and waits for its READY line (it prints one once it serves).

    Its logs (stderr) go to `log_to`, or to this process's stderr.
    """
    port_var, default_port = SERVICES[name]
    if port is None:
        port = int(env.get(port_var) or os.environ.get(port_var) or default_port)
    full_env = {**os.environ, **env, port_var: str(port)}
    full_env.setdefault("REDRESS_LOG_FORMAT", "json")
    process = subprocess.Popen([sys.executable, "-m", "redress.kernel.main", name], env=full_env, stdout=subprocess.PIPE,
                               stderr=log_to, text=True, bufsize=1)
    try:
        line = _ready_line(process, name, timeout)
    except BaseException:
        process.kill()
        process.wait()
        raise
    # Keep reading what it prints, so that a full pipe never blocks it.
    threading.Thread(target=process.stdout.read, daemon=True).start()
    return ServiceProcess(name, process, line.split()[2])


def _ready_line(process: subprocess.Popen, name: str, timeout: float) -> str:
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    try:
        while time.monotonic() < deadline:
            if not selector.select(timeout=0.5):
                if process.poll() is not None:
                    break
                continue
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                break
            seen.append(line)
            if line.startswith(f"READY {name} "):
                return line
    finally:
        selector.close()
    raise ServiceFailed(f"{name} did not start (exit code {process.poll()}); see its log:\n{''.join(seen[-30:])}")


@dataclass
class Platform:
    broker: Broker
    services: dict[str, ServiceProcess]

    def stop(self) -> None:
        for service in self.services.values():
            service.stop()
        self.broker.stop()


def start_platform(kafka: KafkaSettings | None = None, env: dict[str, str] | None = None,
                   log_to=None) -> Platform:
    broker = choose_broker(kafka or KafkaSettings())
    services: dict[str, ServiceProcess] = {}
    try:
        for name in SERVICES:
            services[name] = start_service(name, {**(env or {}), "REDRESS_KAFKA_BOOTSTRAP": broker.bootstrap},
                                           log_to=log_to)
    except BaseException:
        Platform(broker, services).stop()
        raise
    return Platform(broker, services)
