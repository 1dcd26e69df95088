"""How a replica connects to a secured Kafka (Strimzi's KafkaUser: TLS or SCRAM), from its
environment; a setting that cannot work stops it with a message naming the variable."""
from __future__ import annotations

import ssl

import pytest

from redress.kernel.kafka_auth import client_options


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    for name in ("SECURITY_PROTOCOL", "CA_FILE", "CERT_FILE", "KEY_FILE", "SASL_MECHANISM", "USERNAME",
                 "PASSWORD_FILE"):
        monkeypatch.delenv(f"REDRESS_KAFKA_{name}", raising=False)
    client_options.cache_clear()
    yield
    client_options.cache_clear()


def test_plain_text_by_default_adds_nothing():
    assert client_options() == {}


def test_scram_over_tls_reads_the_password_from_its_file(monkeypatch, tmp_path):
    (tmp_path / "password").write_text("s3cret\n")
    monkeypatch.setenv("REDRESS_KAFKA_SECURITY_PROTOCOL", "sasl_ssl")
    monkeypatch.setenv("REDRESS_KAFKA_USERNAME", "intake")
    monkeypatch.setenv("REDRESS_KAFKA_PASSWORD_FILE", str(tmp_path / "password"))
    options = client_options()
    assert (options["security_protocol"], options["sasl_mechanism"]) == ("SASL_SSL", "SCRAM-SHA-512")
    assert (options["sasl_plain_username"], options["sasl_plain_password"]) == ("intake", "s3cret")
    assert isinstance(options["ssl_context"], ssl.SSLContext)


@pytest.mark.parametrize("env, message", [
    ({"REDRESS_KAFKA_SECURITY_PROTOCOL": "TLS"}, "REDRESS_KAFKA_SECURITY_PROTOCOL must be one of"),
    ({"REDRESS_KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT"}, "SASL needs REDRESS_KAFKA_USERNAME"),
    ({"REDRESS_KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "REDRESS_KAFKA_USERNAME": "u",
      "REDRESS_KAFKA_PASSWORD_FILE": "/nonexistent/password"}, "cannot read REDRESS_KAFKA_PASSWORD_FILE"),
    ({"REDRESS_KAFKA_SECURITY_PROTOCOL": "SSL", "REDRESS_KAFKA_CERT_FILE": "/x/user.crt"},
     "REDRESS_KAFKA_CERT_FILE and REDRESS_KAFKA_KEY_FILE go together"),
])
def test_a_setting_that_cannot_work_is_refused_by_name(monkeypatch, env, message):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit, match=message):
        client_options()
