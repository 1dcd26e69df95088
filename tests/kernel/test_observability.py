"""What an SRE sees of a running replica: Prometheus metrics after real traffic, and one
OpenTelemetry trace following a complaint from intake's gRPC call through Kafka into
resolution's reaction (its own topics namespace, so only these replicas take part)."""
from __future__ import annotations

import json
import uuid

import grpc
import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from redress.intake.v1 import intake_service_pb2 as api
from tests.conftest import free_port
from tests.helpers import auth, committed_records, eventually, filing, opened_case, stub

pytestmark = pytest.mark.kafka


def samples(text: str) -> list:
    return [s for family in text_string_to_metric_families(text) for s in family.samples]


def value(found: list, name: str, **labels) -> float:
    return sum(s.value for s in found if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()))


async def test_metrics_count_calls_codes_events_lag_and_readiness(start_intake):
    port = free_port()
    intake = start_intake(REDRESS_METRICS_PORT=str(port))
    try:
        await _traffic(intake, port)
    finally:
        intake.stop()


async def _traffic(intake, port: int) -> None:
    async with grpc.aio.insecure_channel(intake.address) as channel:
        await stub(channel).FileComplaint(filing(), metadata=auth())
        with pytest.raises(grpc.aio.AioRpcError):
            await stub(channel).GetComplaint(api.GetComplaintRequest(complaint_id=""), metadata=auth())
        with pytest.raises(grpc.aio.AioRpcError):
            await stub(channel).GetComplaint(api.GetComplaintRequest(complaint_id="x"), metadata=auth("wrong"))
    found = samples(httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text)
    rpc = {"grpc_service": "redress.intake.v1.IntakeService", "grpc_type": "unary"}
    assert value(found, "grpc_server_handled_total", grpc_method="FileComplaint", grpc_code="OK", **rpc) >= 1
    assert value(found, "grpc_server_handled_total", grpc_method="GetComplaint", grpc_code="InvalidArgument") == 1
    assert value(found, "grpc_server_handled_total", grpc_method="GetComplaint", grpc_code="Unauthenticated") == 1
    assert value(found, "grpc_server_handling_seconds_count", grpc_method="FileComplaint", **rpc) >= 1
    # Appended by this replica's writer, or read by its feed when another replica owns the partition.
    assert (value(found, "redress_events_appended_total", service="intake", type="ComplaintFiled")
            + value(found, "redress_events_consumed_total", service="intake", type="ComplaintFiled")) >= 1
    assert value(found, "redress_ready", service="intake") == 1
    assert value(found, "redress_command_seconds_count", service="intake", action="file") >= 1
    lags = [s for s in found if s.name == "redress_consumer_lag" and s.labels["topic"] == "redress.intake.events.v1"]
    assert lags and all(s.value >= 0 for s in lags)


def spans(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []


async def test_one_trace_follows_a_complaint_from_intake_into_resolution(
        start_intake, start_resolution, bootstrap, tmp_path):
    namespace = f"traced-{uuid.uuid4().hex[:6]}"
    traced = {"REDRESS_TOPIC_NAMESPACE": namespace}
    intake = start_intake(REDRESS_TRACES_FILE=str(tmp_path / "intake.jsonl"), **traced)
    port = free_port()
    resolution = start_resolution(REDRESS_TRACES_FILE=str(tmp_path / "resolution.jsonl"),
                                  REDRESS_METRICS_PORT=str(port), **traced)
    try:
        async with grpc.aio.insecure_channel(intake.address) as channel, \
                grpc.aio.insecure_channel(resolution.address) as cases:
            filed = (await stub(channel).FileComplaint(filing(), metadata=auth())).complaint
            await opened_case(cases, filed.complaint_id)
        found = samples(httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text)
    finally:
        intake.stop(), resolution.stop()
    # Resolution read intake's event, appended the case, and counted what that means.
    assert value(found, "redress_events_consumed_total", service="resolution", topic=f"{namespace}.intake.events.v1",
                 type="ComplaintFiled") >= 1
    assert value(found, "redress_events_appended_total", service="resolution", type="CaseOpened") >= 1
    assert value(found, "redress_domain_events_total", service="resolution", what="case_opened") >= 1
    call = next(s for s in spans(tmp_path / "intake.jsonl") if s["name"].endswith("IntakeService/FileComplaint"))
    trace_id = call["context"]["trace_id"]

    async def reacted():
        return [s for s in spans(tmp_path / "resolution.jsonl") if s["context"]["trace_id"] == trace_id
                and s["attributes"].get("redress.complaint_id") == filed.complaint_id]
    reaction = await eventually(reacted)
    assert reaction and reaction[0]["name"] == "react to redress.events.v1.ComplaintFiled"
    opened = [r for r in await committed_records(bootstrap, f"{namespace}.resolution.events.v1")
              if r.key == filed.complaint_id.encode()]
    traceparent = dict(opened[0].headers)["ce_traceparent"].decode()
    assert traceparent.split("-")[1] == trace_id.removeprefix("0x")


def test_status_codes_are_labelled_as_the_alerts_match_them():
    """The error-rate alert (deploy/k8s monitoring) matches go-grpc-prometheus' code names."""
    from pathlib import Path

    from redress.kernel.metrics import code_label

    rule = (Path(__file__).parents[2] / "deploy/k8s/components/monitoring/prometheusrule.yaml").read_text()
    matched = rule.split('grpc_code=~"', 1)[1].split('"', 1)[0].split("|")
    labels = {code_label(c) for c in grpc.StatusCode}
    assert set(matched) <= labels
    assert code_label(grpc.StatusCode.INTERNAL) in matched and code_label(grpc.StatusCode.INVALID_ARGUMENT) not in matched
