"""The test session's broker and services: real Kafka, real processes, real gRPC channels.

The broker follows the platform's choice (REDRESS_KAFKA_BOOTSTRAP, else testcontainers
when a Docker engine answers, else the local launcher). The local one gets its own
ports and a fresh data directory under .redress/test-kafka, and is stopped at the end.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
from pathlib import Path

import grpc
import pytest

from redress.dev.broker import LocalBroker, choose_broker
from redress.dev.platform import ServiceFailed, start_service
from redress.kernel.settings import KafkaSettings
from redress.dev.paths import PROJECT_ROOT

# token -> (client_id, organisation, roles, scopes)
ALL = ["complaints:read", "complaints:write", "events:read"]
CLIENTS = {
    "token-a": ("client-a", "org-a", ["integration"], ALL),
    "token-a-manager": ("manager-a", "org-a", ["manager"], ALL),
    "token-a-auditor": ("auditor-a", "org-a", ["auditor"], ["complaints:read", "events:read"]),
    "token-b": ("client-b", "org-b", ["integration"], ALL),
    "token-pages": ("client-pages", "org-pages", ["integration"], ALL),
    "token-stream": ("client-stream", "org-stream", ["integration"], ALL),
    "token-poison": ("client-poison", "org-poison", ["integration"], ALL),
    "token-restart": ("client-restart", "org-restart", ["integration"], ALL),
    "token-clock": ("client-clock", "org-clock", ["manager"], ALL),
    "token-regulated": ("client-regulated", "org-regulated", ["integration"], ALL),
    # Compensation: one organisation with every role, one with a small budget, one whose offers expire fast.
    "token-comp": ("client-comp", "org-comp", ["integration"], ALL),
    "token-comp-poc": ("poc-comp", "org-comp", ["point_of_contact"], ALL),
    "token-comp-manager": ("manager-comp", "org-comp", ["manager"], ALL),
    "token-comp-manager2": ("manager2-comp", "org-comp", ["manager"], ALL),
    "token-comp-office": ("office-comp", "org-comp", ["corporate_office"], ALL),
    "token-comp-owner": ("owner-comp", "org-comp", ["owner"], ALL),
    "token-budget": ("client-budget", "org-budget", ["integration"], ALL),
    "token-budget-manager": ("manager-budget", "org-budget", ["manager"], ALL),
    "token-expiry": ("client-expiry", "org-expiry", ["manager"], ALL),
    # Publicity-watch: an integration and a manager of one organisation.
    "token-pw": ("client-pw", "org-pw", ["integration"], ALL),
    "token-pw-manager": ("manager-pw", "org-pw", ["manager"], ALL),
    "token-risk": ("client-risk", "org-risk", ["integration"], ALL),
    "token-airline": ("client-airline", "example-airline", ["manager"], ALL),
    "token-restaurant": ("client-restaurant", "example-restaurant", ["manager"], ALL),
}
# Organisations whose clocks the tests' resolution configuration makes fast, or regulated.
FAST_CLOCKS = {"SEVERITY_MEDIUM": {"acknowledge": {"seconds": 60, "basis": "calendar"},
                                   "first_contact": {"seconds": 3, "basis": "calendar"},
                                   "resolve": {"seconds": 60, "basis": "calendar"}},
               "SEVERITY_HIGH": {"first_contact": {"seconds": 2.5, "basis": "calendar"},
                                 "resolve": {"seconds": 600, "basis": "calendar"}}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pytest_collection_modifyitems(items):
    """A test that needs the broker (directly or through a fixture) is marked `kafka`, so
    `make unit` (-m "not kafka") runs the rest."""
    for item in items:
        if "bootstrap" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.kafka)


@pytest.fixture(scope="session")
def kafka_settings() -> KafkaSettings:
    if os.environ.get("REDRESS_KAFKA_BOOTSTRAP"):
        return KafkaSettings()
    data = Path(os.environ.get("REDRESS_TEST_KAFKA_DATA_DIR") or PROJECT_ROOT / ".redress" / "test-kafka")
    settings = KafkaSettings(
        port=int(os.environ.get("REDRESS_TEST_KAFKA_PORT", "19092")),
        controller_port=int(os.environ.get("REDRESS_TEST_KAFKA_CONTROLLER_PORT", "19093")),
        data_dir=data,
    )
    LocalBroker(settings).stop()  # a broker left by an interrupted run
    shutil.rmtree(data, ignore_errors=True)
    return settings


@pytest.fixture(scope="session")
def bootstrap(kafka_settings):
    broker = choose_broker(kafka_settings)
    yield broker.bootstrap
    broker.stop()


@pytest.fixture(scope="session")
def credentials_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("auth") / "credentials.json"
    clients = [
        {"client_id": c, "organisation": o, "roles": r, "scopes": s,
         "token_sha256": hashlib.sha256(token.encode()).hexdigest()}
        for token, (c, o, r, s) in CLIENTS.items()
    ]
    path.write_text(json.dumps({"clients": clients}))
    return path


@pytest.fixture(scope="session")
def service_env(bootstrap, credentials_file) -> dict[str, str]:
    return {"REDRESS_KAFKA_BOOTSTRAP": bootstrap, "REDRESS_CREDENTIALS_FILE": str(credentials_file),
            "REDRESS_LOG_FORMAT": "json", "REDRESS_LOG_LEVEL": "warning"}


def _replicas(name: str, base_env: dict[str, str], tmp_path_factory):
    """For a session fixture: yields a function starting replicas of one service (real
    processes), and stops them all when the session ends."""
    logs = tmp_path_factory.mktemp(f"{name}-logs")
    started = []

    def start(port: int | None = None, **env):
        """Each replica has a store of its own unless REDRESS_STATE_DIR says which."""
        path = logs / f"{name}-{len(started)}.log"
        env.setdefault("REDRESS_STATE_DIR", str(logs / f"{name}-{len(started)}-state"))
        try:
            service = start_service(name, {**base_env, **env}, port=port or free_port(), log_to=open(path, "w"))
        except ServiceFailed as failed:
            raise ServiceFailed(f"{failed}\n{path.read_text()[-4000:]}") from None
        started.append(service)
        return service

    yield start
    for service in started:
        service.stop()


@pytest.fixture(scope="session")
def start_intake(service_env, tmp_path_factory):
    """Starts an intake replica; all are stopped at the end of the session."""
    yield from _replicas("intake", service_env, tmp_path_factory)


@pytest.fixture(scope="session")
def resolution_config(tmp_path_factory) -> Path:
    from redress_resolution.policy import DEFAULT_DIR

    directory = tmp_path_factory.mktemp("resolution-config")
    shutil.copytree(DEFAULT_DIR, directory, dirs_exist_ok=True)
    clocks = json.loads((directory / "clocks.json").read_text())
    clocks["organisations"]["org-clock"] = FAST_CLOCKS
    clocks["regulatory"] = {"org-regulated": ["fca_disp", "cfpb", "psd2"]}
    clocks["warn_fraction"] = 0.5
    (directory / "clocks.json").write_text(json.dumps(clocks))
    return directory


@pytest.fixture(scope="session")
def start_resolution(service_env, resolution_config, tmp_path_factory):
    """Starts a resolution replica; all are stopped at the end of the session."""
    env = {**service_env, "REDRESS_RESOLUTION_CONFIG_DIR": str(resolution_config), "REDRESS_CLOCK_TICK_S": "0.2"}
    yield from _replicas("resolution", env, tmp_path_factory)


@pytest.fixture(scope="session")
def resolution(start_resolution):
    return start_resolution()


@pytest.fixture(scope="session")
async def resolution_channel(resolution):
    async with grpc.aio.insecure_channel(resolution.address) as ch:
        yield ch


@pytest.fixture(scope="session")
def intake(start_intake):
    return start_intake()


@pytest.fixture(scope="session")
async def channel(intake):
    async with grpc.aio.insecure_channel(intake.address) as ch:
        yield ch


@pytest.fixture(scope="session")
def compensation_config(tmp_path_factory) -> Path:
    """The shipped policies, and the tests' organisations (tests/compensation/policies)."""
    from redress_compensation.policy import DEFAULT_DIR

    directory = tmp_path_factory.mktemp("compensation-config")
    shutil.copytree(DEFAULT_DIR, directory, dirs_exist_ok=True)
    for path in (Path(__file__).parent / "compensation" / "policies").glob("*.json"):
        shutil.copy(path, directory / "policies" / path.name)
    return directory


@pytest.fixture(scope="session")
def sandbox_payments(tmp_path_factory) -> Path:
    """The sandbox payment provider's records, shared by every compensation replica."""
    return tmp_path_factory.mktemp("sandbox-payments")


@pytest.fixture(scope="session")
def start_compensation(service_env, compensation_config, sandbox_payments, tmp_path_factory):
    """Starts a compensation replica; all are stopped at the end of the session."""
    env = {**service_env, "REDRESS_COMPENSATION_CONFIG_DIR": str(compensation_config), "REDRESS_CLOCK_TICK_S": "0.2",
           "REDRESS_SANDBOX_PAYMENTS_DIR": str(sandbox_payments), "REDRESS_PAYMENT_TIMEOUT_S": "1.5"}
    yield from _replicas("compensation", env, tmp_path_factory)


@pytest.fixture(scope="session")
def compensation(start_compensation):
    return start_compensation()


@pytest.fixture(scope="session")
async def compensation_channel(compensation):
    async with grpc.aio.insecure_channel(compensation.address) as ch:
        yield ch


@pytest.fixture(scope="session")
def publicity_replicas(service_env, tmp_path_factory):
    """Starts a publicity-watch replica; all are stopped at the end of the session."""
    yield from _replicas("publicity-watch", service_env, tmp_path_factory)


@pytest.fixture(scope="session")
def publicity(publicity_replicas):
    return publicity_replicas()


@pytest.fixture(scope="session")
async def publicity_channel(publicity):
    async with grpc.aio.insecure_channel(publicity.address) as ch:
        yield ch


EVENTS_TOPIC = "redress.intake.events.v1"


def _end_offsets(bootstrap, topic: str):
    from aiokafka import AIOKafkaConsumer

    from redress.kernel.eventlog import assign_all

    async def read() -> dict[int, int]:
        consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap)
        await consumer.start()
        try:
            tps = await assign_all(consumer, topic)
            return {tp.partition: o for tp, o in (await consumer.end_offsets(tps)).items()}
        finally:
            await consumer.stop()

    return read


@pytest.fixture
def end_offsets(bootstrap):
    """The events topic's end offsets now: equal before and after means nothing was appended."""
    return _end_offsets(bootstrap, EVENTS_TOPIC)


@pytest.fixture
def compensation_offsets(bootstrap):
    """Compensation's events topic's end offsets now."""
    return _end_offsets(bootstrap, "redress.compensation.events.v1")


@pytest.fixture
def read_events(bootstrap):
    """Every committed intake event in the log, straight from Kafka, as envelopes."""
    from redress.kernel.envelope import decode_record
    from tests.helpers import committed_records

    async def read(raw: bool = False):
        records = await committed_records(bootstrap, EVENTS_TOPIC)
        return records if raw else [decode_record(r) for r in records]

    return read
