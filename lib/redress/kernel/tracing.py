"""OpenTelemetry traces that follow a complaint from the gRPC call through Kafka to every
service that reacts. The gRPC server instrumentation starts each call's span (its parent from
the caller's traceparent metadata); the command carries the span's W3C traceparent
(CommandContext.traceparent), its events carry it in the ce_traceparent header (CloudEvents
distributed tracing), and a service reacting to them continues the trace in a span of its own.
(The aiokafka instrumentation cannot do this: the kernel appends record batches, which it does
not see.)

Exported by OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, as JSON lines to REDRESS_TRACES_FILE
when that is set (tests, local debugging), else off: no SDK, no cost."""
from __future__ import annotations

import contextlib
import os

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

PROPAGATOR = TraceContextTextMapPropagator()
tracer = trace.get_tracer("redress.kernel")


def configure(service: str) -> bool:
    """Sets the SDK up for this process when an exporter is configured; True if it did."""
    endpoint, path = os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT"), os.environ.get("REDRESS_TRACES_FILE")
    if not (endpoint or path):
        return False
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor

    provider = TracerProvider(resource=Resource.create({"service.name": f"redress-{service}"}))
    if endpoint:
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    if path:
        out = open(path, "a", buffering=1, encoding="utf-8")
        provider.add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter(
            out=out, formatter=lambda span: span.to_json(indent=None) + "\n")))
    trace.set_tracer_provider(provider)
    return True


def server_interceptors() -> list:
    """The gRPC server instrumentation's interceptor, when traces are on."""
    if not isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):
        from opentelemetry.instrumentation.grpc import aio_server_interceptor
        return [aio_server_interceptor()]
    return []


def current_traceparent() -> str:
    """The current span's W3C traceparent ("" when there is no recording span)."""
    carrier: dict[str, str] = {}
    PROPAGATOR.inject(carrier)
    return carrier.get("traceparent", "")


@contextlib.contextmanager
def reacting(traceparent: str, name: str, **attributes):
    """A span continuing the trace an event carried (a reaction to it), current while inside."""
    if not traceparent:
        yield
        return
    parent = PROPAGATOR.extract({"traceparent": traceparent})
    token = otel_context.attach(parent)
    try:
        with tracer.start_as_current_span(name, kind=trace.SpanKind.CONSUMER, attributes=attributes):
            yield
    finally:
        otel_context.detach(token)


def log_ids(logger, method, event: dict) -> dict:
    """A structlog processor: the current trace and span ids on every line."""
    span = trace.get_current_span().get_span_context()
    if span.is_valid:
        event.setdefault("trace_id", format(span.trace_id, "032x"))
        event.setdefault("span_id", format(span.span_id, "016x"))
    return event
