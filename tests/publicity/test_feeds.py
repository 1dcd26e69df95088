"""The RSS/Atom feed watcher against feeds served from localhost: every entry reported once
with its fields; 304s and unchanged entries report nothing; edits are reported again; a
restarted watcher remembers; broken, huge, slow and unreachable feeds are counted and
backed off without stopping the others. No broker."""
from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections import Counter
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from structlog.testing import capture_logs

from redress.events.v1 import publicity_pb2 as pev
from redress_publicity_watch.feeds import Feed, FeedWatcher, load_feeds

LETTER = ("&lt;p&gt;Ζήτησα τον υπεύθυνο &amp;amp; μου είπαν ότι φταίω εγώ.&lt;/p&gt;"
          "&lt;p&gt;Αν δεν απαντήσουν, θα το γράψω και στην εφημερίδα.&lt;/p&gt;")
RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
 <title>Καθημερινή — Επιστολές</title><link>https://www.kathimerini.gr/letters</link><description>x</description>
 <item>
  <title>Επιστολή: η εξυπηρέτηση στη Γλυφάδα</title>
  <link>https://www.kathimerini.gr/letters/561/?utm_source=rss</link>
  <guid isPermaLink="false">kathimerini-letter-561</guid>
  <dc:creator>Μαρία Παπαδοπούλου</dc:creator>
  <pubDate>Tue, 03 Mar 2026 09:15:00 +0200</pubDate>
  <description>{letter}</description>
 </item>
 <item>
  <title>Ευχαριστώ το κατάστημα του Πειραιά</title>
  <link>https://www.kathimerini.gr/letters/562/</link>
  <pubDate>Wed, 04 Mar 2026 10:00:00 GMT</pubDate>
  <description>Πολύ καλή εξυπηρέτηση.</description>
 </item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
 <title>Şikayet Günlüğü</title><id>urn:uuid:5f1c</id><updated>2026-03-06T08:00:00Z</updated>
 <entry>
  <title>Kargo üç haftadır gelmedi</title>
  <id>tag:sikayet.example.com,2026:post-41</id>
  <link href="https://sikayet.example.com/2026/03/kargo"/>
  <author><name>Ayşe Yılmaz</name></author>
  <published>2026-03-05T11:30:00+03:00</published>
  <updated>2026-03-05T11:45:00+03:00</updated>
  <content type="html">&lt;p&gt;Müşteri hizmetleri &lt;b&gt;hiç&lt;/b&gt; cevap vermiyor.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</content>
 </entry>
 <entry>
  <title>İade süreci</title>
  <id>tag:sikayet.example.com,2026:post-42</id>
  <link href="https://sikayet.example.com/2026/03/iade"/>
  <updated>2026-03-06T08:00:00Z</updated>
  <summary>Paramı iade ettiler, teşekkürler &lt;3</summary>
 </entry>
</feed>"""
MAX_BYTES = 100_000


class FeedServer:
    """Feeds on 127.0.0.1: path -> (body, etag, mode); counts requests, honours If-None-Match."""

    def __init__(self):
        self.routes: dict[str, dict] = {}
        self.requests: Counter[str] = Counter()
        self.conditional: list[tuple[str, str | None]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests[self.path] += 1
                server.conditional.append((self.path, self.headers.get("If-None-Match")))
                route = server.routes.get(self.path, {"mode": "404"})
                try:
                    self.answer(route)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def answer(self, route):
                mode = route["mode"]
                if mode in ("404", "500"):
                    return self.send_error(int(mode))
                if mode == "slow":
                    time.sleep(2)
                if mode == "huge":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/rss+xml")
                    self.end_headers()
                    self.wfile.write(b"<?xml version='1.0'?><rss version='2.0'><channel><title>")
                    for _ in range(50):
                        self.wfile.write(b"x" * 10_000)
                    return
                etag = route.get("etag")
                if etag and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                body = route["body"].encode()
                self.send_response(200)
                self.send_header("Content-Type", route.get("type", "application/xml; charset=utf-8"))
                self.send_header("Content-Length", str(len(body)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.http.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.http.server_address[1]}{path}"

    def serve(self, path: str, body: str = "", etag: str | None = None, mode: str = "ok", **extra) -> str:
        self.routes[path] = {"body": body, "etag": etag, "mode": mode, **extra}
        return path


def feed(server, path, id=None, source=pev.SOURCE_KIND_BLOG, name=""):
    return Feed(id or path.strip("/"), "org-a", server.url(path), source, name)


class Reports(list):
    async def __call__(self, feed: Feed, sighting: pev.MentionReported) -> None:
        self.append((feed.id, sighting))

    def by_guid(self):
        return {s.guid: s for _, s in self}


def utc(*args) -> int:
    return int(datetime(*args, tzinfo=timezone.utc).timestamp())


async def test_every_entry_is_reported_once_with_its_fields(server, tmp_path):
    rss = feed(server, "/rss", source=pev.SOURCE_KIND_NEWSPAPER, name="Kathimerini")
    atom = feed(server, "/atom", name="Şikayet Günlüğü")
    reports = Reports()
    watcher = FeedWatcher([rss, atom], reports, tmp_path / "state.json", timeout_s=2)
    try:
        assert (await watcher.poll_once(rss), await watcher.poll_once(atom)) == (2, 2)
        got = reports.by_guid()
        assert len(reports) == len(got) == 4
        letter = got["kathimerini-letter-561"]
        assert letter.url == "https://www.kathimerini.gr/letters/561/?utm_source=rss"
        assert letter.content.title == "Επιστολή: η εξυπηρέτηση στη Γλυφάδα"
        assert letter.content.text == ("Ζήτησα τον υπεύθυνο & μου είπαν ότι φταίω εγώ.\n"
                                       "Αν δεν απαντήσουν, θα το γράψω και στην εφημερίδα.")
        assert (letter.author, letter.source, letter.source_name) == ("Μαρία Παπαδοπούλου", pev.SOURCE_KIND_NEWSPAPER,
                                                                      "Kathimerini")
        assert (letter.organisation, letter.reported_via) == ("org-a", "feed:rss")
        assert letter.published_at.seconds == utc(2026, 3, 3, 7, 15)
        no_guid = got["https://www.kathimerini.gr/letters/562/"]  # no <guid>: its link names it
        assert no_guid.url == no_guid.guid and no_guid.content.text == "Πολύ καλή εξυπηρέτηση."
        cargo = got["tag:sikayet.example.com,2026:post-41"]
        assert (cargo.url, cargo.author, cargo.content.title) == (
            "https://sikayet.example.com/2026/03/kargo", "Ayşe Yılmaz", "Kargo üç haftadır gelmedi")
        assert cargo.content.text == "Müşteri hizmetleri hiç cevap vermiyor."
        assert cargo.published_at.seconds == utc(2026, 3, 5, 8, 30)
        assert (cargo.source, cargo.source_name, cargo.reported_via) == (pev.SOURCE_KIND_BLOG, "Şikayet Günlüğü",
                                                                         "feed:atom")
        refund = got["tag:sikayet.example.com,2026:post-42"]
        assert refund.content.text == "Paramı iade ettiler, teşekkürler <3"  # plain text stays as written
        assert refund.published_at.seconds == utc(2026, 3, 6, 8, 0)  # no <published>: when it was updated

        assert (await watcher.poll_once(rss), await watcher.poll_once(atom)) == (0, 0)
        assert server.conditional[-2:] == [("/rss", '"rss-1"'), ("/atom", 'W/"atom-1"')]
        assert len(reports) == 4 and watcher.failures == {"rss": 0, "atom": 0}
    finally:
        await watcher.stop()


async def test_an_edited_entry_is_reported_again_and_an_unchanged_one_is_not(server, tmp_path):
    rss = feed(server, "/rss")
    reports = Reports()
    watcher = FeedWatcher([rss], reports, tmp_path / "state.json", timeout_s=2)
    try:
        assert await watcher.poll_once(rss) == 2
        server.serve("/rss", RSS.format(letter="ΕΝΗΜΕΡΩΣΗ: ο υπεύθυνος με πήρε τηλέφωνο και ζήτησε συγγνώμη."),
                     etag='"rss-2"')
        assert await watcher.poll_once(rss) == 1
        edited = reports[-1][1]
        assert (edited.guid, edited.content.text) == ("kathimerini-letter-561",
                                                      "ΕΝΗΜΕΡΩΣΗ: ο υπεύθυνος με πήρε τηλέφωνο και ζήτησε συγγνώμη.")
        server.serve("/rss", RSS.format(letter="ΕΝΗΜΕΡΩΣΗ: ο υπεύθυνος με πήρε τηλέφωνο και ζήτησε συγγνώμη."))
        assert await watcher.poll_once(rss) == 0  # served again without an ETag, nothing changed
        assert len(reports) == 3
    finally:
        await watcher.stop()


async def test_a_restarted_watcher_reports_nothing_it_already_reported(server, tmp_path):
    state = tmp_path / "watch" / "state.json"
    feeds = [feed(server, "/rss"), feed(server, "/atom")]
    first = Reports()
    watcher = FeedWatcher(feeds, first, state, timeout_s=2)
    assert [await watcher.poll_once(f) for f in feeds] == [2, 2]
    await watcher.stop()
    assert [p.name for p in state.parent.iterdir()] == ["state.json"]  # written whole, no temp file left

    again = Reports()
    restarted = FeedWatcher(feeds, again, state, timeout_s=2)
    try:
        assert [await restarted.poll_once(f) for f in feeds] == [0, 0]
        assert server.conditional[-2:] == [("/rss", '"rss-1"'), ("/atom", 'W/"atom-1"')]
        server.serve("/atom", ATOM, etag='"atom-2"')  # a new ETag, the same entries
        assert await restarted.poll_once(feeds[1]) == 0 and again == []
    finally:
        await restarted.stop()


async def test_a_report_that_fails_is_retried_by_the_next_poll(server, tmp_path):
    rss = feed(server, "/rss")
    reports = Reports()

    async def flaky(feed, sighting):
        if sighting.guid == "kathimerini-letter-561" and not flaky.failed:
            flaky.failed = True
            raise ConnectionError("publicity-watch is unavailable")
        await reports(feed, sighting)
    flaky.failed = False

    watcher = FeedWatcher([rss], flaky, tmp_path / "state.json", timeout_s=2)
    try:
        assert await watcher.poll_once(rss) == 0 and watcher.failures["rss"] == 1
        assert [s.guid for _, s in reports] == ["https://www.kathimerini.gr/letters/562/"]
        assert await watcher.poll_once(rss) == 1 and watcher.failures["rss"] == 0
        assert [s.guid for _, s in reports][-1] == "kathimerini-letter-561"
        assert server.conditional[-1] == ("/rss", None)  # the feed fetched whole again, not 304
    finally:
        await watcher.stop()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_broken_huge_slow_and_unreachable_feeds_are_counted_and_the_good_ones_still_reported(server, tmp_path):
    server.serve("/broken", mode="500")
    server.serve("/invalid", '<?xml version="1.0"?>\n<<rss>> &&& this is not a feed')
    server.serve("/huge", mode="huge")
    server.serve("/slow", RSS.format(letter="late"), mode="slow")
    bad = [feed(server, p) for p in ("/broken", "/invalid", "/huge", "/slow")]
    bad.append(Feed("gone", "org-a", f"http://127.0.0.1:{closed_port()}/feed", pev.SOURCE_KIND_BLOG))
    good = [feed(server, "/rss"), feed(server, "/atom")]
    reports = Reports()
    watcher = FeedWatcher(bad + good, reports, tmp_path / "state.json", every_s=0.05, timeout_s=0.5,
                          max_bytes=MAX_BYTES)
    with capture_logs() as logs:
        run = asyncio.create_task(watcher.run())
        deadline = time.monotonic() + 15
        while len(reports) < 4 or not all(watcher.failures[f.id] for f in bad):
            assert time.monotonic() < deadline, (len(reports), watcher.failures)
            await asyncio.sleep(0.05)
        await asyncio.sleep(1)
        await watcher.stop()
        await asyncio.wait_for(run, 5)

    assert len(reports) == len(reports.by_guid()) == 4  # each good entry once, however often polled
    assert watcher.failures["rss"] == watcher.failures["atom"] == 0
    failed = {e["feed"]: e["reason"] for e in logs if e["event"] == "feed poll failed"}
    assert set(failed) == {"broken", "invalid", "huge", "slow", "gone"}
    assert "500" in failed["broken"] and "not an RSS or Atom feed" in failed["invalid"]
    assert str(MAX_BYTES) in failed["huge"] and "larger" in failed["huge"]
    assert server.requests["/broken"] < server.requests["/rss"] / 2  # backed off

    watcher.failures["broken"] = 3
    assert watcher.delay(bad[0]) == 0.05 * 8
    slow = FeedWatcher([], reports, tmp_path / "other.json", every_s=300)
    slow.failures["x"] = 3
    assert slow.delay(Feed("x", "org-a", "http://x", 2)) == 2400
    slow.failures["x"] = 40
    assert slow.delay(Feed("x", "org-a", "http://x", 2)) == 3600

    server.serve("/broken", RSS.format(letter=LETTER))  # it recovers
    assert await watcher.poll_once(bad[0]) == 2 and watcher.failures["broken"] == 0
    await watcher.stop()


def test_feeds_are_loaded_and_a_bad_file_is_named_with_the_index(tmp_path):
    good = tmp_path / "feeds.json"
    good.write_text(json.dumps({"feeds": [
        {"id": "kathimerini", "organisation": "org-a", "url": "https://www.kathimerini.gr/rss",
         "source": "SOURCE_KIND_NEWSPAPER", "source_name": "Kathimerini"},
        {"id": "blog", "organisation": "org-a", "url": "http://blog.example.com/atom.xml", "source": "SOURCE_KIND_BLOG"},
    ]}))
    assert load_feeds(good) == [
        Feed("kathimerini", "org-a", "https://www.kathimerini.gr/rss", pev.SOURCE_KIND_NEWSPAPER, "Kathimerini"),
        Feed("blog", "org-a", "http://blog.example.com/atom.xml", pev.SOURCE_KIND_BLOG, ""),
    ]
    bad = tmp_path / "bad-feeds.json"
    ok = {"id": "a", "organisation": "org-a", "url": "https://a.example.com/rss", "source": "SOURCE_KIND_BLOG"}
    bad.write_text(json.dumps({"feeds": [ok, {**ok, "id": "b", "source": "BLOG"}, {**ok, "id": "c", "url": ""},
                                         {**ok}, {**ok, "id": "e", "url": "ftp://x/feed"}, "feed"]}))
    with pytest.raises(ValueError) as error:
        load_feeds(bad)
    lines = str(error.value).splitlines()
    assert all(line.startswith(f"{bad}: feeds[") for line in lines) and len(lines) == 5
    assert "feeds[1]: source 'BLOG' is not one of" in lines[0] and "SOURCE_KIND_BLOG" in lines[0]
    assert "feeds[2]: url is required" in lines[1]
    assert "feeds[3]: id 'a' is used by an earlier feed" in lines[2]
    assert "feeds[4]: url 'ftp://x/feed' is not an http(s) address" in lines[3]
    assert "feeds[5]: must be an object" in lines[4]
    (tmp_path / "broken.json").write_text('{"feeds": [')
    with pytest.raises(ValueError, match="broken.json"):
        load_feeds(tmp_path / "broken.json")
