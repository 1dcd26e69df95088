"""The launcher's supervisor: who exited, when it is restarted, what it says."""
from __future__ import annotations

import pytest

from redress.dev.platform import ServiceFailed, ServiceProcess, Supervisor


class FakeProcess:
    count = 0

    def __init__(self) -> None:
        FakeProcess.count += 1
        self.pid = 1000 + FakeProcess.count
        self.returncode: int | None = None

    def poll(self) -> int | None:
        return self.returncode


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def service(name: str = "intake", port: int = 50051) -> ServiceProcess:
    return ServiceProcess(name, FakeProcess(), f"127.0.0.1:{port}")


def supervisor(clock: Clock, fail: list[bool] | None = None):
    """A supervisor of intake; `fail` says, restart by restart, whether it fails to start."""
    said: list[str] = []
    restarted: list[ServiceProcess] = []
    fail = list(fail or [])

    def restart(old: ServiceProcess) -> ServiceProcess:
        if fail and fail.pop(0):
            raise ServiceFailed(f"{old.name} did not start (exit code 1); see its log:\nboom")
        new = service(old.name, old.port)
        restarted.append(new)
        return new

    return Supervisor({"intake": service()}, restart, say=said.append, clock=clock), said, restarted


def crash(sup: Supervisor, code: int = 1) -> None:
    sup.services["intake"].process.returncode = code


def run_for(sup: Supervisor, clock: Clock, seconds: float, step: float = 0.5) -> None:
    end = clock.now + seconds
    while clock.now < end:
        clock.now += step
        sup.check()


def test_a_running_service_is_left_alone(clock):
    sup, said, restarted = supervisor(clock)
    run_for(sup, clock, 10)
    assert said == [] and restarted == []


def test_an_exit_is_reported_and_restarted_on_the_same_port_after_a_second(clock):
    sup, said, restarted = supervisor(clock)
    crash(sup)
    sup.check()
    assert said == ["intake exited with code 1; restarting in 1s (restart 1)"]
    clock.now += 0.9
    sup.check()
    assert restarted == []
    clock.now += 0.1
    sup.check()
    assert [s.port for s in restarted] == [50051]
    assert sup.services["intake"] is restarted[0]
    assert said[-1] == f"intake is back: 127.0.0.1:50051 (pid {restarted[0].pid})"


def test_repeated_exits_back_off_exponentially_up_to_thirty_seconds(clock):
    sup, said, restarted = supervisor(clock)
    delays = []
    for _ in range(8):
        crash(sup)
        sup.check()
        delays.append(said[-1].split("restarting in ")[1].split("s ")[0])
        run_for(sup, clock, 31)  # back, but well short of a minute
    assert delays == ["1", "2", "4", "8", "16", "30", "30", "30"]
    assert said[-2] == "intake exited with code 1; restarting in 30s (restart 8)"


def test_the_backoff_resets_once_the_service_has_run_for_a_minute(clock):
    sup, said, _ = supervisor(clock)
    for _ in range(3):
        crash(sup)
        sup.check()
        run_for(sup, clock, 10)
    assert "restarting in 4s (restart 3)" in said[-2]
    run_for(sup, clock, 60)
    crash(sup, code=-9)
    sup.check()
    assert said[-1] == "intake was killed by SIGKILL; restarting in 1s (restart 1)"


def test_a_failed_restart_is_retried_with_a_longer_wait(clock):
    sup, said, restarted = supervisor(clock, fail=[True, True, False])
    clock.now = 500  # it had run a long time before it exited
    crash(sup)
    sup.check()
    run_for(sup, clock, 1)
    assert said[-1] == "intake did not start (exit code 1); retrying in 2s (restart 2)"
    run_for(sup, clock, 2)
    assert said[-1].endswith("retrying in 4s (restart 3)")
    run_for(sup, clock, 4)
    assert said[-1].startswith("intake is back: 127.0.0.1:50051")
    assert len(restarted) == 1
