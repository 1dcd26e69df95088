"""`make bench`: Redress measured from outside, beside bare servers and a bare consumer run
in the same session on the same machine (docs/performance.md says what each figure is).

    make bench                     # reduced: 20,000 complaints bulk-loaded, ghz runs of 5 s
    make bench BENCH_MODE=full     # 1,000,000 complaints, ghz runs of 30 s

BENCH_COMPLAINTS and BENCH_SECONDS override the mode's numbers. Starts its own broker
(ports 29092/29093, data in .redress/bench-kafka, removed after) unless
REDRESS_KAFKA_BOOTSTRAP is set (then its topics get a namespace of their own). Writes
bench/results/<date>.json and the results part of docs/performance.md.
"""
from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone

import bulk_load
import failover
import loadgen
import report
from common import WORK_DIR, count_events, read_all, work_dir
from procs import Processes, idle_cpu_percent, rss_mb
from redress.dev.broker import choose_broker
from redress.dev.paths import PROJECT_ROOT
from redress.kernel.settings import KafkaSettings
from redress.kernel.topics import events_topic

MODES = {"reduced": {"complaints": 20_000, "seconds": 5}, "full": {"complaints": 1_000_000, "seconds": 30}}
CONCURRENCY = 32
IDLE_SECONDS = 10
STEP_CASES = 5000  # RecordStep goes round robin over this many bulk-loaded cases
START_TIMEOUT = 1800
began = time.monotonic()


def say(message: str) -> None:
    print(f"[{time.monotonic() - began:6.0f}s] {message}", flush=True)


def ghz_series(address: str, target, data, seconds: float, half: bool = True) -> dict:
    """A warm-up, then at concurrency 32 (the maximum), at half that rate, and at concurrency 1."""
    loadgen.run(address, target, data, CONCURRENCY, 1)
    runs = {"c32": loadgen.run(address, target, data, CONCURRENCY, seconds)}
    if half:
        runs["half"] = loadgen.run(address, target, data, CONCURRENCY, seconds, rps=max(1, int(runs["c32"]["rps"] / 2)))
    runs["c1"] = loadgen.run(address, target, data, 1, seconds)
    say(f"  {target[1].rsplit('.', 1)[1]}: " + "; ".join(
        f"{k} {r['rps']:,.0f}/s p50 {r['p50_ms'] or 0:.1f} ms p99 {r['p99_ms'] or 0:.1f} ms"
        + (f" errors {r['errors']}" if r["errors"] else "") for k, r in runs.items()))
    return runs


def replay(bootstrap: str, service: str) -> dict:
    """`redress replay <service>` as a user runs it: a fresh read model from offset zero."""
    done = subprocess.run([sys.executable, "-m", "redress.dev.cli", "replay", service], capture_output=True, text=True,
                          env={**os.environ, "REDRESS_KAFKA_BOOTSTRAP": bootstrap})
    found = re.search(r"replayed (\d+) events .* in ([\d.]+)s", done.stdout)
    if not found:
        raise RuntimeError(f"redress replay {service} failed: {done.stdout}{done.stderr}")
    return {"events": int(found[1]), "seconds": float(found[2])}


def count_types(bootstrap: str) -> dict:
    counts: dict[str, int] = {}

    def count(record) -> None:
        kind = dict(record.headers).get("ce_type", b"").decode()
        counts[kind] = counts.get(kind, 0) + 1
    asyncio.run(read_all(bootstrap, [events_topic("intake"), events_topic("resolution")], count))
    return {"complaints_filed": counts.get("redress.events.v1.ComplaintFiled", 0),
            "cases_opened": counts.get("redress.events.v1.CaseOpened", 0)}


def measure(procs: Processes, bootstrap: str, complaints: int, seconds: float) -> dict:
    m: dict = {"idle_seconds": IDLE_SECONDS}
    demo_org_ids = load_and_read(m, bootstrap, complaints)
    say("bare servers")
    for name, durable in (("bare", False), ("bare_durable", True)):
        server, address = procs.bare_server(durable)
        m[name] = ghz_series(address, loadgen.FILE_COMPLAINT, loadgen.filing_data(), seconds, half=durable)
        procs.stop(server)
    services = platform_under_load(m, procs, bootstrap, seconds, demo_org_ids)
    at_rest(m, procs, bootstrap, services)
    m["failover"] = run_failover(procs, services["intake"])
    return m


def load_and_read(m: dict, bootstrap: str, complaints: int) -> list[str]:
    """The bulk load, then the topics read back by a bare consumer and by `redress replay`."""
    say(f"bulk-loading {complaints:,} complaints")
    loaded = asyncio.run(bulk_load.load(bootstrap, KafkaSettings(), complaints))
    m["bulk_load"] = {"complaints": complaints, "events": loaded.events, "seconds": round(loaded.seconds, 1)}
    say(f"  {sum(loaded.events.values()):,} events in {loaded.seconds:.1f} s")
    t = time.monotonic()
    records = asyncio.run(read_all(bootstrap, [events_topic("intake"), events_topic("resolution")]))
    m["rebuild"] = {"bare_consumer": {"records": records, "seconds": time.monotonic() - t}}
    m["rebuild"]["replay"] = {s: replay(bootstrap, s) for s in ("intake", "resolution")}
    say(f"  bare consumer {records / m['rebuild']['bare_consumer']['seconds']:,.0f} msgs/s; "
        f"replay {m['rebuild']['replay']}")
    return loaded.demo_org_ids


def platform_under_load(m: dict, procs: Processes, bootstrap: str, seconds: float, demo_org_ids: list[str]) -> dict:
    """Fresh replicas timed to SERVING, then ghz at FileComplaint and RecordStep."""
    say("fresh replicas rebuilding from offset zero")
    services = {}
    for name in ("intake", "resolution"):
        services[name], took = procs.replica(name, f"{name}-a", fresh=True, timeout=START_TIMEOUT)
        m["rebuild"][name] = {"events": count_events(bootstrap, events_topic(name)), "seconds": took}
        say(f"  {name}: {m['rebuild'][name]['events']:,} events, SERVING after {took:.1f} s")
    say("Redress under ghz")
    m["file"] = ghz_series(services["intake"].address, loadgen.FILE_COMPLAINT, loadgen.filing_data(), seconds)
    steps = loadgen.step_data(demo_org_ids[:STEP_CASES])
    m["step"] = ghz_series(services["resolution"].address, loadgen.RECORD_STEP, steps, seconds)
    return services


def at_rest(m: dict, procs: Processes, bootstrap: str, services: dict) -> None:
    """Every case opened, memory and idle CPU after the load, restarts on the same state directory."""
    for _ in range(5):  # resolution may still be opening the last cases
        time.sleep(3)
        m["cases"] = count_types(bootstrap)
        if m["cases"]["cases_opened"] >= m["cases"]["complaints_filed"]:
            break
    say(f"  {m['cases']}")
    m["idle_cpu_percent"] = idle_cpu_percent({n: s.pid for n, s in services.items()}, IDLE_SECONDS)
    m["rss_mb"] = {n: round(rss_mb(s.pid), 1) for n, s in services.items()}
    say(f"idle CPU {m['idle_cpu_percent']}, RSS {m['rss_mb']} MB")
    m["startup_with_store"] = {}
    for name in ("intake", "resolution"):
        procs.stop(services[name])
        services[name], m["startup_with_store"][name] = procs.replica(name, f"{name}-a", fresh=False,
                                                                      timeout=START_TIMEOUT)
    say(f"restart with the same state directory: {m['startup_with_store']}")


def run_failover(procs: Processes, intake) -> dict:
    second, _ = procs.replica("intake", "intake-b", fresh=True, timeout=START_TIMEOUT, log_level="info")
    session_s = KafkaSettings().session_timeout_ms / 1000
    partitions = KafkaSettings().partitions
    say(f"failover: filing at two intake replicas, SIGKILL of one after 5 s, {session_s + 5:.0f} s more")
    driven = asyncio.run(failover.drive([intake.address, second.address], partitions, 5, session_s + 5,
                                        lambda: os.kill(second.pid, signal.SIGKILL)))
    procs.stop(second)
    result = failover.gaps(driven, partitions, failover.assigned_partitions(procs.log_path("intake-b")))
    say(f"  {result}")
    return result


def main() -> int:
    mode = os.environ.get("BENCH_MODE") or "reduced"
    if mode not in MODES:
        print(f"BENCH_MODE is {mode!r}; use reduced or full", file=sys.stderr)
        return 2
    complaints = int(os.environ.get("BENCH_COMPLAINTS") or MODES[mode]["complaints"])
    seconds = float(os.environ.get("BENCH_SECONDS") or MODES[mode]["seconds"])
    own = not os.environ.get("REDRESS_KAFKA_BOOTSTRAP")
    if not own:  # somebody's cluster: topics and groups of our own
        os.environ.setdefault("REDRESS_TOPIC_NAMESPACE", f"bench{int(time.time())}")
    data = PROJECT_ROOT / ".redress" / "bench-kafka"
    settings = KafkaSettings(port=29092, controller_port=29093, data_dir=data, use_docker=False) if own \
        else KafkaSettings()
    shutil.rmtree(WORK_DIR, ignore_errors=True)
    if own:
        shutil.rmtree(data, ignore_errors=True)
    work_dir()
    # Interrupted or terminated, it still stops what it started (the finally below).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    host = report.machine()  # the load average before we add to it
    say(f"{mode} mode: starting the broker")
    broker = choose_broker(settings)
    procs = Processes(broker.bootstrap)
    try:
        measured = measure(procs, broker.bootstrap, complaints, seconds)
    finally:
        procs.stop_all()
        broker.stop()
        if own:
            shutil.rmtree(data, ignore_errors=True)
    results = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "mode": mode,
        "complaints_loaded": complaints, "machine": host,
        "versions": report.versions(loadgen.ghz_version(), not own),
        "settings": {"seconds": seconds, "concurrency": CONCURRENCY,
                     "partitions": KafkaSettings().partitions,
                     "session_timeout_ms": KafkaSettings().session_timeout_ms},
        "figures": report.figures(measured), "measured": measured,
    }
    path = report.write_results(results)
    report.write_doc()
    shutil.rmtree(WORK_DIR, ignore_errors=True)
    print("\n" + report.section(results) + f"\n\nwritten: {path.relative_to(PROJECT_ROOT)}, docs/performance.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
