"""The publicity tests' feed server (tests/publicity/test_feeds.py): a fixture for every module here."""
import pytest

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
