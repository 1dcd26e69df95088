"""The local broker launcher, without starting a broker."""


def test_the_local_broker_formats_with_any_cluster_id(tmp_path, monkeypatch):
    """Kafka's cluster ids are base64: one in 64 starts with "-", which once read as an option."""
    import redress.dev.broker as broker
    from redress.kernel.settings import KafkaSettings

    if not any(broker.LIB_DIR.glob("kafka_2.13-*.jar")):
        import pytest
        pytest.skip("Kafka jars not fetched")
    monkeypatch.setattr(broker, "_kafka_uuid", lambda: "-AbCdEfGhIjKlMnOpQrStU")
    local = broker.LocalBroker(KafkaSettings(data_dir=tmp_path, port=1, controller_port=2))
    local._format(local._write_config())
    assert (tmp_path / "log" / "meta.properties").exists()
