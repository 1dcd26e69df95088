"""The publicity tests' feed server (tests/publicity/test_feeds.py): a fixture for every module here."""
import json

import pytest

from redress.dev.platform import start_radar

from tests.publicity.test_feeds import ATOM, LETTER, RSS, FeedServer


@pytest.fixture
def server():
    srv = FeedServer()
    srv.thread.start()
    srv.serve("/rss", RSS.format(letter=LETTER), etag='"rss-1"', type="application/rss+xml")
    srv.serve("/atom", ATOM, etag='W/"atom-1"', type="application/atom+xml")
    yield srv
    srv.http.shutdown()
    srv.http.server_close()


@pytest.fixture(scope="session")
def radar(bootstrap, tmp_path_factory):
    """The risk radar (faust) on the session's broker; org-risk crosses and bursts early."""
    directory = tmp_path_factory.mktemp("radar")
    config = directory / "radar.json"
    config.write_text(json.dumps({"_default": {"risk_threshold": 60, "burst": {"window_seconds": 3600, "store": 3,
                                                                                 "organisation": 5}},
                                  "org-risk": {"risk_threshold": 10, "burst": {"organisation": 2, "store": 2}}}))
    process = start_radar({"REDRESS_KAFKA_BOOTSTRAP": bootstrap, "REDRESS_RADAR_CONFIG": str(config),
                           "REDRESS_STATE_DIR": str(directory / "state")},
                          log_to=open(directory / "radar.log", "w"))
    yield process
    process.stop()
