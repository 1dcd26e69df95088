"""Which Kafka broker to use, and a launcher for a local single-node KRaft broker.

Choice, the same for `make run`, the CLI and the tests:
1. REDRESS_KAFKA_BOOTSTRAP, when set (any existing cluster);
2. otherwise testcontainers' Kafka module, when a Docker engine answers;
3. otherwise the local launcher: Apache Kafka jars fetched from Maven Central by
   deploy/kafka/pom.xml, one JVM that is broker and controller, data kept in a
   project-local directory so that events survive restarts.

`python -m redress.dev.broker start|stop|status|run` drives the local launcher.
"""
from __future__ import annotations

import argparse
import base64
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from redress.kernel.settings import KafkaSettings
from redress.dev.paths import PROJECT_ROOT

KAFKA_DIR = PROJECT_ROOT / "deploy" / "kafka"
LIB_DIR = KAFKA_DIR / "target" / "lib"
# testcontainers' Kafka module drives Confluent's image (Apache Kafka 3.9 inside).
KAFKA_IMAGE = "confluentinc/cp-kafka:7.9.0"


class BrokerError(RuntimeError):
    """A broker could not be started or reached; the message says what to do."""


@dataclass
class Broker:
    bootstrap: str
    kind: str
    stop: Callable[[], None] = lambda: None


def choose_broker(settings: KafkaSettings | None = None) -> Broker:
    settings = settings or KafkaSettings()
    if settings.bootstrap:
        return Broker(settings.bootstrap, "external")
    if settings.use_docker and docker_engine_answers():
        return _testcontainers_broker()
    local = LocalBroker(settings)
    if local.running_pid():
        return Broker(local.bootstrap, "local (already running)")
    local.start()
    return Broker(local.bootstrap, "local", local.stop)


def running_broker(settings: KafkaSettings | None = None) -> str | None:
    """For a service: REDRESS_KAFKA_BOOTSTRAP, else the local broker if it runs; never starts one."""
    settings = settings or KafkaSettings()
    if settings.bootstrap:
        return settings.bootstrap
    local = LocalBroker(settings)
    return local.bootstrap if local.running_pid() else None


def docker_engine_answers() -> bool:
    try:
        import docker

        docker.from_env(timeout=2).ping()
        return True
    except Exception:
        return False


def _testcontainers_broker() -> Broker:
    from testcontainers.community.kafka import KafkaContainer

    container = KafkaContainer(KAFKA_IMAGE).with_kraft()
    container.start()
    return Broker(container.get_bootstrap_server(), "testcontainers", container.stop)


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def _pid_alive(pid: int) -> bool:
    """True while the process runs; a zombie child of ours is reaped and counts as gone."""
    with contextlib.suppress(ChildProcessError):
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _kafka_uuid() -> str:
    return base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")


class LocalBroker:
    """One JVM, broker and controller, listening on loopback only."""

    def __init__(self, settings: KafkaSettings):
        self.settings = settings
        self.data_dir = settings.data_dir
        self.pidfile = self.data_dir / "broker.pid"
        self.bootstrap = f"127.0.0.1:{settings.port}"

    # -- lifecycle -----------------------------------------------------------------
    def start(self, timeout_s: float = 90.0) -> None:
        running = self.running_pid()
        if running:
            raise BrokerError(
                f"a Redress Kafka broker is already running (pid {running}) at {self.bootstrap} "
                f"with data in {self.data_dir}; stop it with `make kafka-stop`, or use it with "
                f"REDRESS_KAFKA_BOOTSTRAP={self.bootstrap}"
            )
        for port in (self.settings.port, self.settings.controller_port):
            if port_in_use(port):
                raise BrokerError(
                    f"port {port} on 127.0.0.1 is already in use by another process; free it, or choose "
                    "other ports with REDRESS_KAFKA_PORT and REDRESS_KAFKA_CONTROLLER_PORT"
                )
        ensure_jars()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        config = self._write_config()
        if not (self.data_dir / "log" / "meta.properties").exists():
            self._format(config)
        self._launch(config)
        try:
            self._wait_until_ready(timeout_s)
        except BaseException:  # interrupted or failed: leave no JVM behind
            self.stop()
            raise

    def stop(self, timeout_s: float = 30.0) -> bool:
        pid = self.running_pid()
        if not pid:
            self.pidfile.unlink(missing_ok=True)
            return False
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while _pid_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if _pid_alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
        self.pidfile.unlink(missing_ok=True)
        return True

    def running_pid(self) -> int | None:
        try:
            pid = int(self.pidfile.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        if not _pid_alive(pid):
            return None
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return pid
        return pid if b"kafka.Kafka" in cmdline else None

    # -- steps -----------------------------------------------------------------------
    def _write_config(self) -> Path:
        s = self.settings
        lines = {
            "process.roles": "broker,controller",
            "node.id": "1",
            "controller.quorum.voters": f"1@127.0.0.1:{s.controller_port}",
            "listeners": f"PLAINTEXT://127.0.0.1:{s.port},CONTROLLER://127.0.0.1:{s.controller_port}",
            "advertised.listeners": f"PLAINTEXT://127.0.0.1:{s.port}",
            "controller.listener.names": "CONTROLLER",
            "inter.broker.listener.name": "PLAINTEXT",
            "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs": str(self.data_dir / "log"),
            "num.network.threads": "2",
            "num.io.threads": "4",
            "num.partitions": str(s.partitions),
            "auto.create.topics.enable": "false",
            "offsets.topic.replication.factor": "1",
            "offsets.topic.num.partitions": "6",
            "transaction.state.log.replication.factor": "1",
            "transaction.state.log.min.isr": "1",
            "transaction.state.log.num.partitions": "6",
            "share.coordinator.state.topic.replication.factor": "1",
            "share.coordinator.state.topic.min.isr": "1",
            "group.initial.rebalance.delay.ms": "0",
            # Replicas fail over within their session timeout (REDRESS_SESSION_TIMEOUT_MS, 3 s).
            "group.min.session.timeout.ms": "1000",
            "log.retention.hours": "-1",
        }
        path = self.data_dir / "server.properties"
        path.write_text("".join(f"{k}={v}\n" for k, v in lines.items()))
        return path

    def _java(self, main: str, *args: str) -> list[str]:
        return [
            "java",
            f"-Xms{self.settings.heap}",
            f"-Xmx{self.settings.heap}",
            "-XX:+UseG1GC",
            f"-Dlog4j2.configurationFile={KAFKA_DIR / 'log4j2.properties'}",
            f"-Dkafka.logs.dir={self.data_dir}",
            "-cp",
            f"{LIB_DIR}/*",
            main,
            *args,
        ]

    def _format(self, config: Path) -> None:
        # "=": a random id may start with "-", which would read as an option.
        cluster_id = f"--cluster-id={_kafka_uuid()}"
        cmd = self._java("kafka.tools.StorageTool", "format", cluster_id, "--config", str(config))
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            raise BrokerError(f"formatting the Kafka data directory failed:\n{done.stdout}{done.stderr}")

    def _launch(self, config: Path) -> None:
        out = open(self.data_dir / "kafka.out", "ab")
        proc = subprocess.Popen(
            self._java("kafka.Kafka", str(config)),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.pidfile.write_text(str(proc.pid))
        self._proc = proc

    def _wait_until_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                self.pidfile.unlink(missing_ok=True)
                raise BrokerError(f"the Kafka broker exited with code {self._proc.returncode}:\n{self._log_tail()}")
            if port_in_use(self.settings.port) and _metadata_answers(self.bootstrap):
                return
            time.sleep(0.3)
        self.stop()
        raise BrokerError(f"the Kafka broker did not answer within {timeout_s:.0f}s:\n{self._log_tail()}")

    def _log_tail(self) -> str:
        chunks = []
        for name in ("kafka.out", "kafka.log"):
            path = self.data_dir / name
            if path.exists():
                chunks.append("\n".join(path.read_text(errors="replace").splitlines()[-20:]))
        return "\n".join(chunks)


def _metadata_answers(bootstrap: str) -> bool:
    """The broker is ready once it answers a metadata request with itself as a live broker."""
    import asyncio

    from aiokafka.admin import AIOKafkaAdminClient

    async def probe() -> bool:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=3000)
        try:
            await admin.start()
            cluster = await admin.describe_cluster()
            return bool(cluster.get("brokers"))
        except Exception:
            return False
        finally:
            with contextlib.suppress(Exception):
                await admin.close()

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(probe())
    # Called from inside an event loop (an async test fixture): probe on a thread of its own.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, probe()).result()


def ensure_jars() -> None:
    if any(LIB_DIR.glob("kafka_2.13-*.jar")):
        return
    print("fetching Apache Kafka from Maven Central (deploy/kafka/pom.xml) ...", file=sys.stderr)
    cmd = ["mvn", "-q", "-B", "-f", str(KAFKA_DIR / "pom.xml"), "dependency:copy-dependencies"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0 or not any(LIB_DIR.glob("kafka_2.13-*.jar")):
        raise BrokerError(f"Maven could not fetch Apache Kafka:\n{done.stdout[-4000:]}{done.stderr[-4000:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m redress.dev.broker", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["start", "stop", "status", "run", "fetch"])
    args = parser.parse_args(argv)
    broker = LocalBroker(KafkaSettings())
    try:
        if args.action == "fetch":
            ensure_jars()
        elif args.action == "start":
            broker.start()
            print(f"Kafka broker ready at {broker.bootstrap} (data in {broker.data_dir})")
        elif args.action == "stop":
            print("stopped" if broker.stop() else "no Redress Kafka broker was running")
        elif args.action == "status":
            pid = broker.running_pid()
            print(f"running (pid {pid}) at {broker.bootstrap}" if pid else "not running")
            return 0 if pid else 1
        else:
            broker.start()
            print(f"Kafka broker ready at {broker.bootstrap}; Ctrl-C stops it", flush=True)
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
            try:
                signal.sigwait({signal.SIGINT, signal.SIGTERM})
            finally:
                broker.stop()
    except BrokerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
