"""The benchmark's own logic, without Kafka: the bulk loader writes what the services would,
and the failover gaps and the results table are computed as documented."""
from __future__ import annotations

import sys

from redress.dev.paths import PROJECT_ROOT
from redress.kernel.envelope import decode
from redress.kernel.topics import events_topic, partition_for

sys.path.insert(0, str(PROJECT_ROOT / "bench"))
import bulk_load  # noqa: E402
import failover  # noqa: E402
import report  # noqa: E402


def test_bulk_loaded_records_are_the_services_events_on_their_partitions():
    chunk = bulk_load.decided(range(8))
    by_topic: dict[str, list] = {}
    for topic, partition, key, value, headers in chunk.records:
        env = decode(value, headers)
        assert key.decode() == env.subject and partition == partition_for(env.subject, 6)
        by_topic.setdefault(topic, []).append(env)
    intake, resolution = by_topic[events_topic("intake")], by_topic[events_topic("resolution")]
    assert [e.type.rsplit(".", 1)[1] for e in intake[:2]] == ["ComplaintFiled", "ComplaintAcknowledged"]
    assert [(e.sequence, e.command) for e in intake[:2]] == [(1, "file"), (2, "file")]
    opened = [e for e in resolution if e.type.endswith("CaseOpened")]
    assert len(opened) == 8 and all(e.request_id.startswith("intake:") for e in opened)
    assert all(len(e.payload.clocks) >= 3 for e in opened)
    assert len({e.organisation for e in intake}) == 4
    assert len(chunk.demo_org_ids) == 2


def test_failover_gap_is_the_longest_wait_per_partition_around_the_kill():
    driven = {"killed_at": 10.0, "ended": 30.0, "filed": 6, "failures": ["UNAVAILABLE"],
              "successes": [(0, 8.0), (0, 9.5), (0, 21.0), (0, 29.9), (1, 9.8), (1, 10.3), (1, 29.0)]}
    result = failover.gaps(driven, 2, killed_owned=[0])
    assert result["gap_s_per_partition"] == {0: 11.5, 1: 18.7}
    assert result["max_gap_s_killed_partitions"] == 11.5 and result["max_gap_s_other_partitions"] == 18.7


def test_each_figure_stands_beside_its_baseline_ratio_and_target():
    run = {"rps": 500.0, "p50_ms": 4.0, "p99_ms": 40.0, "rps_limit": 250}
    durable = {"rps": 1000.0, "p50_ms": 1.0, "p99_ms": 20.0, "rps_limit": 500}
    m = {"file": {"c32": run, "half": run, "c1": run}, "step": {"c32": run, "half": run, "c1": run},
         "bare": {"c32": {"rps": 2000.0}}, "bare_durable": {"c32": durable, "half": durable, "c1": durable},
         "rebuild": {"bare_consumer": {"records": 100000, "seconds": 1.0},
                     "intake": {"events": 60000, "seconds": 1.0}, "resolution": {"events": 30000, "seconds": 1.0},
                     "replay": {"intake": {"events": 1, "seconds": 1}, "resolution": {"events": 1, "seconds": 1}}},
         "startup_with_store": {"intake": 2.0}, "rss_mb": {"intake": 100.0}, "idle_cpu_percent": {"intake": 3.0},
         "idle_seconds": 10, "cases": {"complaints_filed": 5, "cases_opened": 5},
         "failover": {"killed_replica_partitions": [0], "max_gap_s_killed_partitions": 10.0,
                      "max_gap_s_other_partitions": 1.0}}
    rows = {r["key"]: r for r in report.figures(m)}
    assert (rows["file_c32_rps"]["ratio"], rows["file_c32_rps"]["met"]) == (0.5, True)
    assert (rows["file_c1_p50"]["ratio"], rows["file_c1_p50"]["met"]) == (4.0, False)
    assert rows["file_half_p99"]["met"] is True
    assert rows["rebuild_intake"]["met"] is True and rows["rebuild_resolution"]["met"] is False
    assert rows["cpu_intake"]["met"] is False and rows["startup_intake"]["met"] is True
    assert rows["file_c32_p99"]["before"] == "327 ms vs 54 ms"
