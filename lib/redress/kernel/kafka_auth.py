"""How every Kafka client of the platform connects: plain text locally; TLS, mutual TLS or
SASL/SCRAM in a cluster (Strimzi's KafkaUser gives a client certificate or a SCRAM
password). Read from the environment once, and given to every aiokafka client (and faust).

    REDRESS_KAFKA_SECURITY_PROTOCOL  PLAINTEXT (default), SSL, SASL_SSL or SASL_PLAINTEXT
    REDRESS_KAFKA_CA_FILE            the cluster CA (PEM) to trust, for SSL and SASL_SSL
    REDRESS_KAFKA_CERT_FILE / _KEY_FILE   this client's certificate and key (mutual TLS)
    REDRESS_KAFKA_SASL_MECHANISM     SCRAM-SHA-512 (default with SASL) or SCRAM-SHA-256, PLAIN
    REDRESS_KAFKA_USERNAME / REDRESS_KAFKA_PASSWORD_FILE   the SASL user and a file holding its password
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_SSL", "SASL_PLAINTEXT")


@functools.lru_cache(maxsize=1)
def client_options() -> dict:
    """Keyword arguments for AIOKafkaConsumer, AIOKafkaProducer and AIOKafkaAdminClient."""
    protocol = os.environ.get("REDRESS_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT").upper()
    if protocol not in PROTOCOLS:
        raise SystemExit(f"REDRESS_KAFKA_SECURITY_PROTOCOL must be one of {', '.join(PROTOCOLS)}, not {protocol!r}")
    options: dict = {"security_protocol": protocol}
    if protocol in ("SSL", "SASL_SSL"):
        options["ssl_context"] = _ssl_context()
    if protocol.startswith("SASL"):
        options.update(_sasl())
    return options if protocol != "PLAINTEXT" else {}


def _ssl_context():
    from aiokafka.helpers import create_ssl_context

    cert, key = os.environ.get("REDRESS_KAFKA_CERT_FILE"), os.environ.get("REDRESS_KAFKA_KEY_FILE")
    if bool(cert) != bool(key):
        raise SystemExit("REDRESS_KAFKA_CERT_FILE and REDRESS_KAFKA_KEY_FILE go together (mutual TLS)")
    return create_ssl_context(cafile=os.environ.get("REDRESS_KAFKA_CA_FILE") or None, certfile=cert or None,
                              keyfile=key or None)


def _sasl() -> dict:
    user, password_file = os.environ.get("REDRESS_KAFKA_USERNAME"), os.environ.get("REDRESS_KAFKA_PASSWORD_FILE")
    if not (user and password_file):
        raise SystemExit("SASL needs REDRESS_KAFKA_USERNAME and REDRESS_KAFKA_PASSWORD_FILE")
    try:
        password = Path(password_file).read_text().strip()
    except OSError as exc:
        raise SystemExit(f"cannot read REDRESS_KAFKA_PASSWORD_FILE {password_file}: {exc.strerror}") from None
    return {"sasl_mechanism": os.environ.get("REDRESS_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"),
            "sasl_plain_username": user, "sasl_plain_password": password}
