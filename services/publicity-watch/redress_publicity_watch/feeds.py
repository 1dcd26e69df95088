"""The RSS/Atom feed watcher: each configured feed polled on its own schedule (conditional
requests, a time and size limit, exponential backoff when it fails), each new or edited
entry reported as a sighting. What was reported is kept in a state file, so a restarted
watcher reports only what changed since."""
from __future__ import annotations

import asyncio
import calendar
import hashlib
import io
import json
import os
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Awaitable, Callable, Iterable
from urllib.parse import urlsplit

import feedparser
import httpx
import structlog
from prometheus_client import Counter

from redress.events.v1 import publicity_pb2 as pev
from redress_publicity_watch.mentions import LIMITS, TEXT_LIMIT

log = structlog.get_logger(__name__)
MAX_DELAY_S = 3600.0
FIELDS = {"id", "organisation", "url", "source", "source_name"}
POLLS = Counter("redress_feed_polls_total", "Polls of each RSS/Atom feed, by outcome (ok, failed).", ("feed", "outcome"))


@dataclass(frozen=True)
class Feed:
    id: str
    organisation: str
    url: str
    source: int  # a pev.SourceKind value
    source_name: str = ""


def load_feeds(path: Path) -> list[Feed]:
    """The feeds of a JSON file {"feeds": [{"id", "organisation", "url", "source", "source_name"}]}."""
    try:
        items = json.loads(Path(path).read_text(encoding="utf-8"))["feeds"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: expected a JSON object with a list \"feeds\" ({exc!r})") from None
    if not isinstance(items, list):
        raise ValueError(f"{path}: \"feeds\" must be a list")
    feeds, errors, seen = [], [], set()
    for i, item in enumerate(items):
        problem = _problem(item, seen)
        if problem:
            errors.append(f"{path}: feeds[{i}]: {problem}")
            continue
        seen.add(item["id"])
        feeds.append(Feed(item["id"], item["organisation"], item["url"],
                          pev.SourceKind.Value(item["source"]), item.get("source_name", "")))
    if errors:
        raise ValueError("\n".join(errors))
    return feeds


def _problem(item, seen: set[str]) -> str:
    if not isinstance(item, dict):
        return "must be an object"
    if set(item) - FIELDS:
        return f"unknown fields {sorted(set(item) - FIELDS)}"
    for name in ("id", "organisation", "url", "source"):
        if not isinstance(item.get(name), str) or not item[name].strip():
            return f"{name} is required (a non-empty string)"
    if item["id"] in seen:
        return f"id {item['id']!r} is used by an earlier feed"
    url = urlsplit(item["url"])
    if url.scheme not in ("http", "https") or not url.hostname:
        return f"url {item['url']!r} is not an http(s) address"
    kinds = [k for k in pev.SourceKind.keys() if k != "SOURCE_KIND_UNSPECIFIED"]
    if item["source"] not in kinds:
        return f"source {item['source']!r} is not one of {', '.join(kinds)}"
    if not isinstance(item.get("source_name", ""), str):
        return "source_name must be a string"
    return ""


Report = Callable[[Feed, pev.MentionReported], Awaitable[None]]


class FeedFailed(Exception):
    """The feed answered, but not with a feed this watcher takes."""


class FeedWatcher:
    def __init__(self, feeds: Iterable[Feed], report: Report, state_path: Path, every_s: float = 300,
                 timeout_s: float = 10, max_bytes: int = 5_000_000, active: Callable[[Feed], bool] = lambda f: True):
        """`active(feed)`: whether this watcher polls the feed now (a replica polls the
        feeds whose partition it owns)."""
        self.feeds = list(feeds)
        self.active = active
        self.report = report
        self.state_path = Path(state_path)
        self.every_s, self.timeout_s, self.max_bytes = every_s, timeout_s, max_bytes
        self.failures: dict[str, int] = {f.id: 0 for f in self.feeds}  # consecutive, reset by a good poll
        self.state: dict[str, dict] = self._load()
        self._client: httpx.AsyncClient | None = None
        self._tasks: list[asyncio.Task] = []

    async def run(self) -> None:
        """Watches every feed, each in its own task, until cancelled or stopped."""
        self._tasks = [asyncio.create_task(self._watch(f), name=f"feed:{f.id}") for f in self.feeds]
        try:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        finally:
            await self.stop()

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        if self._client is not None:
            client, self._client = self._client, None
            await client.aclose()

    async def _watch(self, feed: Feed) -> None:
        while True:
            if not self.active(feed):
                await asyncio.sleep(min(self.every_s, 5))
                continue
            await self.poll_once(feed)  # never raises but CancelledError
            await asyncio.sleep(self.delay(feed))

    def delay(self, feed: Feed) -> float:
        """When to poll a feed again: every_s, doubled for each failure in a row, at most an hour."""
        return min(self.every_s * 2 ** min(self.failures.get(feed.id, 0), 32), max(self.every_s, MAX_DELAY_S))

    async def poll_once(self, feed: Feed) -> int:
        """Fetches the feed once and reports its new and edited entries: how many were reported.
        A failure is logged and counted, never raised."""
        try:
            reported = await self._poll(feed)
        except Exception as exc:  # broken, slow, huge, unreachable, or a bug: this feed only
            self.failures[feed.id] = self.failures.get(feed.id, 0) + 1
            log.warning("feed poll failed", feed=feed.id, url=feed.url, reason=str(exc) or repr(exc),
                        failures=self.failures[feed.id], retry_in_s=self.delay(feed))
            POLLS.labels(feed.id, "failed").inc()
            return 0
        self.failures[feed.id] = 0
        POLLS.labels(feed.id, "ok").inc()
        return reported

    async def _poll(self, feed: Feed) -> int:
        state = self.state.setdefault(feed.id, {})
        state.setdefault("entries", {})
        headers = {"If-None-Match": state.get("etag"), "If-Modified-Since": state.get("last_modified")}
        async with asyncio.timeout(self.timeout_s):
            async with self.client.stream("GET", feed.url, headers={k: v for k, v in headers.items() if v}) as rsp:
                if rsp.status_code == 304:
                    return 0
                if rsp.status_code != 200:
                    raise FeedFailed(f"HTTP {rsp.status_code}")
                if int(rsp.headers.get("content-length") or 0) > self.max_bytes:
                    raise FeedFailed(f"the feed is larger than {self.max_bytes} bytes")
                body = bytearray()
                async for chunk in rsp.aiter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise FeedFailed(f"the feed is larger than {self.max_bytes} bytes")
        meta = {"content-type": rsp.headers.get("content-type", ""), "content-location": str(rsp.url)}
        parsed = await asyncio.to_thread(feedparser.parse, io.BytesIO(bytes(body)), response_headers=meta)
        if not parsed.version or (parsed.bozo and not parsed.entries):
            raise FeedFailed(f"not an RSS or Atom feed ({parsed.get('bozo_exception') or 'unknown format'})")
        digests, reported, complete = {}, 0, True
        for entry in parsed.entries:
            sighting = self.sighting(feed, entry)
            if sighting is None or sighting.guid in digests:
                continue
            digest = _digest(sighting)
            digests[sighting.guid] = digest
            if state["entries"].get(sighting.guid) == digest:
                continue
            try:
                await self.report(feed, sighting)
            except Exception as exc:  # not recorded: reported again by the next poll
                complete = False
                digests[sighting.guid] = state["entries"].get(sighting.guid, "")
                log.warning("feed entry not reported", feed=feed.id, guid=sighting.guid, error=repr(exc))
                continue
            reported += 1
        state["entries"] = {guid: d for guid, d in digests.items() if d}  # the feed's current entries
        if complete:  # else the next poll fetches the whole feed again
            state["etag"], state["last_modified"] = rsp.headers.get("etag", ""), rsp.headers.get("last-modified", "")
        self._save()
        if not complete:
            raise FeedFailed("some entries could not be reported")
        return reported

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=self.timeout_s, follow_redirects=True,
                                             headers={"User-Agent": "redress-publicity-watch/1"})
        return self._client

    def sighting(self, feed: Feed, entry) -> pev.MentionReported | None:
        """An entry as a sighting, or None when it names no post or says nothing."""
        url, guid = entry.get("link", "").strip(), (entry.get("id") or entry.get("link", "")).strip()
        details = [*entry.get("content", []), entry.get("summary_detail") or {}]
        detail = next((d for d in details if d.get("value", "").strip()), {})
        title = _text(entry.get("title_detail") or {})[:500]
        text = _text(detail)[:TEXT_LIMIT - len(title)]
        if not guid or len(guid) > LIMITS["guid"] or len(url) > LIMITS["url"] or not (title or text):
            log.info("feed entry skipped", feed=feed.id, guid=guid[:100], reason="no id, too long or empty")
            return None
        sighting = pev.MentionReported(
            organisation=feed.organisation, source=feed.source, source_name=feed.source_name[:LIMITS["source_name"]],
            url=url, guid=guid, author=entry.get("author", "")[:LIMITS["author"]],
            content=pev.MentionContent(title=title, text=text), reported_via=f"feed:{feed.id}")
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        if when:
            sighting.published_at.FromSeconds(calendar.timegm(when))
        return sighting

    def _load(self) -> dict[str, dict]:
        try:
            feeds = json.loads(self.state_path.read_text(encoding="utf-8"))["feeds"]
            if not isinstance(feeds, dict) or not all(isinstance(v, dict) for v in feeds.values()):
                raise ValueError("feeds is not an object of objects")
            return feeds
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("feed state unreadable, starting afresh", path=str(self.state_path), error=repr(exc))
            return {}

    def _save(self) -> None:
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.state_path.parent, prefix=f".{self.state_path.name}.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({"feeds": self.state}, out, ensure_ascii=False)
            os.replace(tmp, self.state_path)
        except BaseException:
            os.unlink(tmp)
            raise


def _digest(sighting: pev.MentionReported) -> str:
    return hashlib.sha256(f"{sighting.content.title}\0{sighting.content.text}".encode()).hexdigest()


class _Text(HTMLParser):
    """The text of an HTML fragment: a line per block, nothing of scripts and styles."""
    BLOCKS = {"p", "br", "div", "li", "tr", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style")
        self.parts.append("\n" * (tag in self.BLOCKS))

    def handle_endtag(self, tag):
        self.hidden = max(0, self.hidden - (tag in ("script", "style")))
        self.parts.append("\n" * (tag in self.BLOCKS))

    def handle_data(self, data):
        self.parts.append("" if self.hidden else data)


def _text(detail) -> str:
    """A feed text as plain text: HTML stripped, entities decoded, blank space collapsed."""
    value = detail.get("value", "")
    if "html" in detail.get("type", "text/html"):
        parser = _Text()
        parser.feed(value)
        parser.close()
        value = "".join(parser.parts)
    lines = (" ".join(line.split()) for line in value.splitlines())
    return "\n".join(line for line in lines if line)
