"""Prometheus metrics every service shares, served on REDRESS_METRICS_PORT (/metrics; off when
unset). gRPC metrics carry the usual names (grpc_server_*, as go-grpc-prometheus and
py-grpc-prometheus name them); the rest are redress_*. A service counts its own domain
events through its declaration's `event_metrics`."""
from __future__ import annotations

import time
from typing import Callable, Iterable

import grpc
from prometheus_client import Counter, Gauge, Histogram, start_http_server
from prometheus_client.core import GaugeMetricFamily, REGISTRY

GRPC_LABELS = ("grpc_type", "grpc_service", "grpc_method")
STARTED = Counter("grpc_server_started_total", "RPCs started on the server.", GRPC_LABELS)
HANDLED = Counter("grpc_server_handled_total", "RPCs completed on the server, by status code.",
                  (*GRPC_LABELS, "grpc_code"))
HANDLING = Histogram("grpc_server_handling_seconds", "Time to answer an RPC, until its status.", GRPC_LABELS,
                     buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
APPENDED = Counter("redress_events_appended_total", "Events this replica appended (committed), by type.",
                   ("service", "type"))
CONSUMED = Counter("redress_events_consumed_total", "Events read from the log into this replica, by topic and type.",
                   ("service", "topic", "type"))
COMMAND_SECONDS = Histogram("redress_command_seconds", "A command's time through the log: sent until its result "
                            "is in the read model.", ("service", "action"),
                            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
DEAD_LETTERS = Counter("redress_dead_letters_total", "Records set aside as dead letters.", ("service", "consumer"))
READY = Gauge("redress_ready", "1 while the replica serves, else 0.", ("service",))
CLOCK_BREACHES = Counter("redress_clock_breaches_total", "Service and regulatory deadlines breached (SLA).",
                         ("service", "clock"))
DOMAIN = Counter("redress_domain_events_total", "What happened in the complaint domain, by what: complaints filed, "
                 "cases escalated, offers proposed/issued, mentions, public escalations...", ("service", "what"))


def counting(service: str, what: dict[type, str | Callable[[object], str]]) -> Callable:
    """A service's event_metrics: redress_domain_events_total{what} for the event types named
    (`what` maps a type to a name, or to a function of the event giving one)."""
    def count(env) -> None:
        name = what.get(type(env.payload))
        if name is not None:
            DOMAIN.labels(service, name if isinstance(name, str) else name(env.payload)).inc()
    return count


def serve(port: int) -> None:
    """The /metrics endpoint, in a thread of its own (0: none)."""
    if port:
        start_http_server(port)


class Lag:
    """redress_consumer_lag{service,topic,partition}: the broker's end offset minus this
    replica's position, for every consumer that registers, computed when scraped."""

    def __init__(self) -> None:
        self._sources: list[Callable[[], Iterable[tuple[str, str, int, int]]]] = []
        REGISTRY.register(self)

    def watch(self, source: Callable[[], Iterable[tuple[str, str, int, int]]]) -> None:
        """`source()` yields (service, topic, partition, lag)."""
        self._sources.append(source)

    def collect(self):
        family = GaugeMetricFamily("redress_consumer_lag", "Records not yet read by this replica's consumer.",
                                   labels=("service", "topic", "partition"))
        for source in list(self._sources):
            try:
                for service, topic, partition, lag in source():
                    family.add_metric((service, topic, str(partition)), max(0, lag))
            except Exception:  # a consumer stopping while scraped: no sample this time
                continue
        yield family


LAG = Lag()


def lag_of(service: str, consumer, positions: Callable[[], dict]) -> Callable[[], Iterable]:
    """The lag of an aiokafka consumer's partitions, from `positions()` ({TopicPartition: next offset})."""
    def source():
        for tp, position in positions().items():
            end = consumer.highwater(tp)
            if end is not None:
                yield service, tp.topic, tp.partition, end - position
    return source


def observed(behaviour, service: str, method: str, streaming: bool):
    """Wraps an RPC's behaviour with the grpc_server_* metrics (its status from the context)."""
    labels = ("server_stream" if streaming else "unary", service, method)

    def done(context, start: float, failed: bool) -> None:
        HANDLED.labels(*labels, _code(context, failed)).inc()
        HANDLING.labels(*labels).observe(time.perf_counter() - start)

    if streaming:
        async def stream(request, context):
            STARTED.labels(*labels).inc()
            start, failed = time.perf_counter(), True
            try:
                async for answer in behaviour(request, context):
                    yield answer
                failed = False
            finally:
                done(context, start, failed)
        return stream

    async def unary(request, context):
        STARTED.labels(*labels).inc()
        start, failed = time.perf_counter(), True
        try:
            answer = await behaviour(request, context)
            failed = False
            return answer
        finally:
            done(context, start, failed)
    return unary


def code_label(code: grpc.StatusCode) -> str:
    """A status code as go-grpc-prometheus labels it (and dashboards and alerts expect):
    INVALID_ARGUMENT -> "InvalidArgument", CANCELLED -> "Canceled"."""
    if code is grpc.StatusCode.OK:
        return "OK"
    if code is grpc.StatusCode.CANCELLED:
        return "Canceled"
    return "".join(part.capitalize() for part in code.name.split("_"))


def _code(context, failed: bool) -> str:
    code = context.code() if hasattr(context, "code") else None
    if isinstance(code, int):
        code = next((c for c in grpc.StatusCode if c.value[0] == code), grpc.StatusCode.UNKNOWN)
    if isinstance(code, grpc.StatusCode):
        return code_label(code)
    return code_label(grpc.StatusCode.CANCELLED if failed else grpc.StatusCode.OK)
