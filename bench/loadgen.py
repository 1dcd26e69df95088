"""The outside load generator: ghz (installed by the Makefile into build/go/bin), from intake's
and resolution's .proto files, one unique request_id per call ({{newUUID}})."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from common import DESCRIPTIONS, TOKEN, work_dir
from redress.dev.paths import PROJECT_ROOT

GHZ = PROJECT_ROOT / "build" / "go" / "bin" / "ghz"
PROTOS = {"intake": "protos/redress/intake/v1/intake_service.proto",
          "resolution": "protos/redress/resolution/v1/resolution_service.proto"}
FILE_COMPLAINT = ("intake", "redress.intake.v1.IntakeService.FileComplaint")
RECORD_STEP = ("resolution", "redress.resolution.v1.ResolutionService.RecordStep")


def ghz_version() -> str:
    """From the binary's build information (`ghz --version` says "dev" when built by go install)."""
    done = subprocess.run(["go", "version", "-m", str(GHZ)], capture_output=True, text=True)
    found = [line.split() for line in done.stdout.splitlines() if line.strip().startswith("mod")]
    return f"ghz {found[0][2]}" if found else "ghz (version unknown)"


def filing_data() -> str:
    """A new complaint from a new customer per call."""
    return json.dumps({"request_id": "{{newUUID}}", "channel": "CHANNEL_EMAIL", "description": DESCRIPTIONS[0],
                       "contact": {"email": "ghz-{{newUUID}}@example.com"}, "store": "store-{{randomInt 0 50}}"},
                      ensure_ascii=False)


def step_data(complaint_ids: list[str]) -> Path:
    """One understanding step per call, on the cases round robin (ghz takes the array's items in turn)."""
    steps = [{"complaint_id": cid, "request_id": "{{newUUID}}",
              "understand": {"customer_reason": "The food came cold.", "notes": "bench"}} for cid in complaint_ids]
    path = work_dir("ghz") / "record_step.json"
    path.write_text(json.dumps(steps))
    return path


def run(address: str, target: tuple[str, str], data: str | Path, concurrency: int, seconds: float,
        rps: int | None = None, token: str | None = TOKEN) -> dict:
    """One ghz run; returns its figures (latencies of the calls that succeeded)."""
    proto, call = target
    out = work_dir("ghz") / f"{call.rsplit('.', 1)[1]}-c{concurrency}-{rps or 'max'}.json"
    args = [str(GHZ), "--insecure", "--proto", PROTOS[proto], "--import-paths", "protos,build/proto-deps",
            "--call", call, "-c", str(concurrency), "-z", f"{seconds}s", "--cpus", "1", "-O", "json", "-o", str(out)]
    args += ["-D", str(data)] if isinstance(data, Path) else ["-d", data]
    if token:
        args += ["-m", json.dumps({"authorization": f"Bearer {token}"})]
    if rps:
        args += ["--rps", str(rps)]
    done = subprocess.run([*args, address], cwd=PROJECT_ROOT, capture_output=True, text=True)
    if not out.exists() or not out.stat().st_size:
        raise RuntimeError(f"ghz failed ({done.returncode}): {done.stderr[-2000:]}")
    return figures(json.loads(out.read_text()))


def figures(report: dict) -> dict:
    latency = {d["percentage"]: d["latency"] / 1e6 for d in report.get("latencyDistribution") or []}
    ok = report.get("statusCodeDistribution", {}).get("OK", 0)
    seconds = report["total"] / 1e9
    errors = {k: v for k, v in report.get("statusCodeDistribution", {}).items() if k != "OK"}
    return {"calls": report["count"], "ok": ok, "errors": errors, "seconds": round(seconds, 2),
            "rps": round(ok / seconds, 1), "p50_ms": latency.get(50), "p90_ms": latency.get(90),
            "p99_ms": latency.get(99), "concurrency": report["options"]["concurrency"],
            "rps_limit": report["options"].get("rps") or None}
