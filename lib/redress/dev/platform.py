"""Starts the platform's processes: the broker (see redress.dev.broker) and every service.

Used by `make run`, `make demo` and the tests, so all three start things one way.
"""
from __future__ import annotations

import os
import selectors
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

from redress.dev.broker import Broker, choose_broker
from redress.kernel.declaration import declared
from redress.kernel.settings import KafkaSettings

# service -> (environment variable of its port, default port), from the services' declarations
SERVICES = {name: (s.port_variable, s.default_port) for name, s in declared().items()}
RADAR = "risk-radar"  # not a gRPC service: the faust app beside publicity-watch


class ServiceFailed(RuntimeError):
    pass


@dataclass
class ServiceProcess:
    name: str
    process: subprocess.Popen
    address: str

    @property
    def port(self) -> int:
        return int(self.address.rsplit(":", 1)[1])

    @property
    def pid(self) -> int:
        return self.process.pid

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
    return start_process(name, ["redress.kernel.main", name], {**env, port_var: str(port)}, timeout, log_to)


def start_radar(env: dict[str, str], timeout: float = 60, log_to=None) -> ServiceProcess:
    """Starts the risk radar (a faust worker, docs/risk-radar.md); its "address" is its app id.
    Stopped like a service: SIGTERM, then SIGKILL if a faust worker hangs on shutdown."""
    return start_process(RADAR, ["redress_publicity_watch.radar"], env, timeout, log_to)


def start_process(name: str, module: list[str], env: dict[str, str], timeout: float, log_to) -> ServiceProcess:
    """Runs `python -m <module...>` and waits for its line `READY <name> <address>`."""
    full_env = {**os.environ, **env}
    full_env.setdefault("REDRESS_LOG_FORMAT", "json")
    process = subprocess.Popen([sys.executable, "-m", *module], env=full_env, stdout=subprocess.PIPE,
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
                   log_to=None, with_radar: bool = True) -> Platform:
    broker = choose_broker(kafka or KafkaSettings())
    services: dict[str, ServiceProcess] = {}
    try:
        service_env = {**(env or {}), "REDRESS_KAFKA_BOOTSTRAP": broker.bootstrap}
        for name in SERVICES:
            services[name] = _start_retrying(name, service_env, log_to)
        if with_radar:
            services[RADAR] = start_radar(service_env, log_to=log_to)
    except BaseException:
        Platform(broker, services).stop()
        raise
    return Platform(broker, services)


def _start_retrying(name: str, env: dict[str, str], log_to, attempts: int = 5) -> ServiceProcess:
    """The default ports (50051-50054) lie in Linux's ephemeral range: a client's socket may hold
    one for a moment. A service that says its port is in use is started again, a few times."""
    port_var, default_port = SERVICES[name]
    port = int(env.get(port_var) or os.environ.get(port_var) or default_port)
    for attempt in range(1, attempts + 1):
        try:
            return start_service(name, env, port=port, log_to=log_to)
        except ServiceFailed:
            if attempt == attempts or _bindable(port):
                raise
            time.sleep(attempt)
    raise AssertionError("unreachable")


def _bindable(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _ended(code: int) -> str:
    if code < 0:
        try:
            return f"was killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"was killed by signal {-code}"
    return f"exited with code {code}"


@dataclass
class _Watch:
    """What the supervisor knows of one service between checks."""
    started_at: float
    restarts: int = 0  # in a row: reset once the service has run for `stable_after`
    restart_at: float | None = None  # set while it waits to be restarted


@dataclass
class Supervisor:
    """Restarts a service that exits, after 1, 2, 4 ... `max_delay` seconds.

    `check()` is called every second or so; it never sleeps, so the caller stays free to
    stop everything at once. `restart` starts a service again (same name, same port) and
    returns it, or raises ServiceFailed. The services dict is updated in place, so whoever
    stops the platform stops the restarted processes.
    """
    services: dict[str, ServiceProcess]
    restart: Callable[[ServiceProcess], ServiceProcess]
    say: Callable[[str], None] = print
    clock: Callable[[], float] = time.monotonic
    first_delay: float = 1.0
    max_delay: float = 30.0
    stable_after: float = 60.0
    _watches: dict[str, _Watch] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self._watches = {name: _Watch(self.clock()) for name in self.services}

    def check(self) -> None:
        for name, service in list(self.services.items()):
            watch = self._watches[name]
            if watch.restart_at is not None:
                if self.clock() >= watch.restart_at:
                    self._restart(service, watch)
            elif service.process.poll() is not None:
                if self.clock() - watch.started_at >= self.stable_after:
                    watch.restarts = 0
                delay = self._schedule(watch)
                self.say(f"{name} {_ended(service.process.returncode)}; "
                         f"restarting in {delay:g}s (restart {watch.restarts})")

    def _schedule(self, watch: _Watch) -> float:
        watch.restarts += 1
        delay = min(self.first_delay * 2 ** min(watch.restarts - 1, 32), self.max_delay)
        watch.restart_at = self.clock() + delay
        return delay

    def _restart(self, service: ServiceProcess, watch: _Watch) -> None:
        try:
            self.services[service.name] = new = self.restart(service)
        except ServiceFailed as exc:
            delay = self._schedule(watch)
            problem = str(exc).splitlines()[0].removesuffix("; see its log:")
            self.say(f"{problem}; retrying in {delay:g}s (restart {watch.restarts})")
            return
        watch.started_at, watch.restart_at = self.clock(), None
        self.say(f"{service.name} is back: {new.address} (pid {new.pid})")
