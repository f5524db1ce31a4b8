"""Upstream news: a local server plays good and broken parent-union feeds."""

from __future__ import annotations

import datetime as dt
import logging
import time
import unicodedata
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar
from zoneinfo import ZoneInfo

import pytest
from conftest import run_build
from html_tools import Page
from servers import base_url, serving

from tinhoi.authoring.files import AuthoringError
from tinhoi.feeds.__main__ import import_item
from tinhoi.feeds.upstream_cache import dumps, load, read_state, save
from tinhoi.feeds.upstream_config import upstream_config
from tinhoi.feeds.upstream_refresh import refresh, refresh_if_stale

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 11, 28, 9, 0, tzinfo=ZONE)
NFD_TITLE = unicodedata.normalize("NFD", "Hội nghị tổng kết công tác Hội năm 2026")

GOOD_RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Hội LHPN tỉnh</title><link>https://tinh.example/</link>
<item><title>&lt;b&gt;Phát động&lt;/b&gt; Tháng hành động &amp;amp; bình đẳng giới</title>
  <link>https://tinh.example/tin/1?utm_source=rss</link>
  <pubDate>Sat, 14 Nov 2026 02:00:00 +0000</pubDate>
  <description>&lt;p&gt;Hội LHPN tỉnh phát động tháng hành động.&lt;/p&gt;</description></item>
<item><title>{NFD_TITLE}</title><link>https://tinh.example/tin/2</link>
  <pubDate>Fri, 20 Nov 2026 01:30:00 +0000</pubDate></item>
<item><title>Tập huấn chuyển đổi số</title><link>https://tinh.example/tin/3</link>
  <pubDate>Tue, 10 Nov 2026 08:00:00 +0700</pubDate></item>
</channel></rss>"""

# the national paper carries one of the province's stories again (same link, other spelling)
GOOD_ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Báo Phụ nữ</title><id>urn:x</id>
<updated>2026-11-21T00:00:00Z</updated>
<entry><title>Phụ nữ vùng cao làm giàu từ dược liệu</title><id>urn:1</id>
  <link href="https://bao.example/a/1"/><updated>2026-11-21T00:00:00Z</updated></entry>
<entry><title>TẬP HUẤN CHUYỂN ĐỔI SỐ</title><id>urn:2</id>
  <link href="https://www.bao.example/a/2"/><updated>2026-11-11T00:00:00Z</updated></entry>
</feed>"""

NO_DATES = """<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>
<item><title>Tin không ghi ngày</title><link>https://nodate.example/1</link></item>
</channel></rss>"""

BROKEN = {
    "not-xml": ("text/plain", b"Day la van ban, khong phai RSS"),
    "html": ("text/html; charset=utf-8", b"<!DOCTYPE html><html><body><h1>Trang chu</h1></body>"),
    "bozo": (
        "application/rss+xml",
        b'<?xml version="1.0"?><rss version="2.0"><channel><item>'
        b"<title>Tin &nbsp; hong</title></channel>",
    ),
    "huge": ("application/rss+xml", b"<rss>" + b"x" * 60_000),
    "empty": (
        "application/rss+xml",
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
    ),
}


class FeedServer(BaseHTTPRequestHandler):
    """``/feed/<name>`` answers as ``modes[name]`` says: good, broken, slow or 304."""

    modes: ClassVar[dict[str, str]] = {}
    seen: ClassVar[list[dict]] = []

    def do_GET(self):
        name = self.path.rsplit("/", 1)[-1]
        mode = self.modes.get(name, "missing")
        self.seen.append({"path": self.path, **{k.lower(): v for k, v in self.headers.items()}})
        if mode == "slow":
            time.sleep(2.0)
        if mode in ("rss", "atom", "nodates", "slow"):
            if self.headers.get("If-None-Match") == f'"{name}-v1"':
                self.send_response(304)
                self.end_headers()
                return
            body = {"rss": GOOD_RSS, "atom": GOOD_ATOM, "nodates": NO_DATES, "slow": GOOD_RSS}
            self._send("application/xml", body[mode].encode(), etag=f'"{name}-v1"')
        elif mode in BROKEN:
            kind, body = BROKEN[mode]
            self._send(kind, body, length=mode != "huge")
        else:
            self.send_error(500 if mode == "error" else 404)

    def _send(self, kind: str, body: bytes, etag: str = "", length: bool = True):
        self.send_response(200)
        self.send_header("Content-Type", kind)
        if etag:
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", "Sat, 28 Nov 2026 00:00:00 GMT")
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_server():
    FeedServer.modes = {}
    FeedServer.seen = []
    with serving(FeedServer) as server:
        yield base_url(server)


def settings_for(content: Path, feeds: list[tuple[str, str]], **extra) -> dict:
    return {
        "PATH": str(content),
        "TIMEZONE": "Asia/Ho_Chi_Minh",
        "UPSTREAM_FEEDS": feeds,
        "UPSTREAM_TIMEOUT": 0.5,
        "UPSTREAM_MAX_BYTES": 20_000,
        **extra,
    }


def state_of(config) -> list:
    return read_state(config.cache, config.status)


def forget_validators(config) -> list:
    """Drop the stored ETag and date, so the next refresh downloads again."""
    state = state_of(config)
    for feed in state:
        feed.etag = feed.last_modified = ""
    save(config.cache, config.status, state, downloaded=False)
    return state


def test_good_feeds_are_cached_clean_and_deduplicated(content_dir, feed_server):
    FeedServer.modes.update(tinh="rss", bao="atom")
    feeds = [("Hội tỉnh", f"{feed_server}/feed/tinh"), ("Báo", f"{feed_server}/feed/bao")]
    config = upstream_config(settings_for(content_dir, feeds))
    outcomes = refresh(config, NOW)
    assert [o.problem for o in outcomes] == ["", ""]
    cached = load(config.cache)
    titles = [item.title for item in cached[0].items]
    # HTML stripped (the title is HTML: "&amp;amp;" is "&"), NFC, newest first
    assert titles == [
        "Hội nghị tổng kết công tác Hội năm 2026",
        "Phát động Tháng hành động & bình đẳng giới",
        "Tập huấn chuyển đổi số",
    ]
    assert all(unicodedata.is_normalized("NFC", t) for t in titles)
    first = cached[0].items[0]
    assert first.date.isoformat() == "2026-11-20T08:30:00+07:00"
    # the file is deterministic: reading and writing it again gives the same bytes
    assert config.cache.read_text(encoding="utf-8") == dumps(cached)
    from tinhoi.feeds.upstream_cache import latest

    merged = [item.title for item in latest(cached)]
    assert merged.count("Tập huấn chuyển đổi số") == 1
    assert "TẬP HUẤN CHUYỂN ĐỔI SỐ" not in merged
    assert len(merged) == 4


def test_unchanged_feed_answers_304_and_keeps_items(content_dir, feed_server):
    FeedServer.modes.update(tinh="rss")
    config = upstream_config(settings_for(content_dir, [("Hội tỉnh", f"{feed_server}/feed/tinh")]))
    refresh(config, NOW)
    before = state_of(config)[0]
    assert before.etag == '"tinh-v1"' and before.last_modified
    outcomes = refresh(config, NOW + dt.timedelta(hours=7))
    assert FeedServer.seen[-1]["if-none-match"] == '"tinh-v1"'
    assert FeedServer.seen[-1]["if-modified-since"] == before.last_modified
    assert not outcomes[0].changed and not outcomes[0].problem
    after = state_of(config)[0]
    assert after.items == before.items
    assert after.checked == NOW + dt.timedelta(hours=7)


@pytest.mark.parametrize(
    ("mode", "words"),
    [
        ("down", "không kết nối được"),
        ("slow", "không trả lời trong 0.5 giây"),
        ("not-xml", "không phải RSS/Atom"),
        ("html", "trang web (HTML)"),
        ("bozo", "lỗi định dạng XML"),
        ("huge", "lớn hơn 0.02 MB"),
        ("empty", "không có tin nào"),
        ("error", "HTTP 500"),
    ],
)
def test_a_broken_feed_keeps_its_last_good_items(content_dir, feed_server, caplog, mode, words):
    FeedServer.modes.update(tinh="rss")
    url = f"{feed_server}/feed/tinh"
    config = upstream_config(settings_for(content_dir, [("Hội LHPN tỉnh", url)]))
    refresh(config, NOW)
    good = load(config.cache)[0].items
    assert len(good) == 3
    # the feed breaks; the cached ETag must not hide it behind a 304
    FeedServer.modes["tinh"] = mode
    state = forget_validators(config)
    news = config.cache.read_bytes()
    if mode == "down":
        url = "http://127.0.0.1:9/feed/tinh"  # nothing listens on the discard port
        config = upstream_config(settings_for(content_dir, [("Hội LHPN tỉnh", url)]))
        state[0].url = url
        config.cache.write_text(dumps(state), encoding="utf-8")
        news = config.cache.read_bytes()
    with caplog.at_level(logging.WARNING):
        refresh(config, NOW + dt.timedelta(hours=7))
    kept = state_of(config)[0]
    assert kept.items == good
    assert words in kept.problem
    # the news in the repository is untouched; the problem lives under cache/ only
    assert config.cache.read_bytes() == news
    assert words in config.status.read_text(encoding="utf-8")
    assert config.status.parent == content_dir.parent / "cache"
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "Hội LHPN tỉnh" in warnings[0] and url in warnings[0] and "giữ 3 tin" in warnings[0]


def test_items_without_dates_keep_the_time_first_seen(content_dir, feed_server, caplog):
    FeedServer.modes.update(nodate="nodates")
    url = f"{feed_server}/feed/nodate"
    config = upstream_config(settings_for(content_dir, [("Nguồn", url)]))
    with caplog.at_level(logging.WARNING):
        refresh(config, NOW)
    item = load(config.cache)[0].items[0]
    assert (item.dated, item.date) == (False, NOW)
    assert any("không ghi ngày" in r.getMessage() for r in caplog.records)
    # a later download of the same undated item keeps the first date
    forget_validators(config)
    refresh(config, NOW + dt.timedelta(days=1))
    assert load(config.cache)[0].items[0].date == NOW


def test_a_failed_refresh_of_old_news_leaves_the_tracked_file_as_it_was(content_dir):
    # the sample's news file, as a fresh clone has it: old, and every feed offline
    # (nothing listens on the discard port)
    news = content_dir / "data" / "upstream.json"
    stored = load(news)
    for number, feed in enumerate(stored):
        feed.url = f"http://127.0.0.1:9/rss/{number}"
    news.write_text(dumps(stored), encoding="utf-8")
    before = news.read_bytes()
    config = upstream_config(settings_for(content_dir, [(f.name, f.url) for f in stored]))
    assert refresh_if_stale(config, NOW) is True
    assert news.read_bytes() == before
    assert [feed.items for feed in state_of(config)] == [feed.items for feed in stored]
    status = config.status.read_text(encoding="utf-8")
    assert "không kết nối được" in status
    # checked just now (in cache/): the next build does not try again
    assert refresh_if_stale(config, NOW + dt.timedelta(hours=1)) is False


def test_refresh_only_when_the_cache_is_old(content_dir, feed_server):
    FeedServer.modes.update(tinh="rss")
    feeds = [("Hội tỉnh", f"{feed_server}/feed/tinh")]
    config = upstream_config(settings_for(content_dir, feeds, UPSTREAM_MAX_AGE_HOURS=6))
    assert refresh_if_stale(config, NOW) is True
    assert refresh_if_stale(config, NOW + dt.timedelta(hours=5)) is False
    assert len(FeedServer.seen) == 1
    assert refresh_if_stale(config, NOW + dt.timedelta(hours=7)) is True
    assert len(FeedServer.seen) == 2


def test_home_block_and_page_come_from_the_cache(tmp_path, content_dir, feed_server):
    FeedServer.modes.update(tinh="rss", bao="atom")
    feeds = [("Hội LHPN tỉnh", f"{feed_server}/feed/tinh"), ("Báo", f"{feed_server}/feed/bao")]
    config = upstream_config(settings_for(content_dir, feeds))
    refresh(config, NOW)
    # the province's feed dies: the site still shows its last items
    FeedServer.modes["tinh"] = "error"
    forget_validators(config)
    refresh(config, NOW + dt.timedelta(hours=7))

    site = run_build(tmp_path, content_dir, strict=True, SEARCH_INDEX=False, UPSTREAM_HOME_ITEMS=3)
    assert site.result.ok, site.messages
    home = site.read("index.html")
    assert home.count('class="upstream"') == 1
    assert "Hội nghị tổng kết công tác Hội năm 2026" in home
    assert 'href="https://tinh.example/tin/2"' in home
    assert "Hội LHPN tỉnh · <time" in home
    assert "20/11/2026" in home
    assert 'href="/tin-cap-tren/"' in home
    page = site.read("tin-cap-tren/index.html")
    assert page.count("<li>") >= 4 and "Phụ nữ vùng cao làm giàu từ dược liệu" in page
    vi, en = (
        Page(site.output / "tin-cap-tren/index.html"),
        Page(site.output / "en/upstream-news/index.html"),
    )
    assert vi.lang_links["en"] == "/en/upstream-news/"
    assert en.lang_links["vi"] == "/tin-cap-tren/"
    assert 'lang="vi"' in site.read("en/upstream-news/index.html")


def test_import_upstream_writes_a_credited_draft(tmp_path, content_dir, feed_server):
    FeedServer.modes.update(tinh="rss")
    settings = settings_for(
        content_dir,
        [("Hội LHPN tỉnh", f"{feed_server}/feed/tinh")],
        UNITDATA_DEFAULT_CATEGORY="hoat-dong-hoi",
    )
    refresh(upstream_config(settings), NOW)
    path = import_item(settings, "http://tinh.example/tin/1", now=NOW)
    text = path.read_text(encoding="utf-8")
    assert path.parent.name == "2026"
    assert "Status: draft" in text
    assert "Source: Hội LHPN tỉnh" in text
    assert "Source_url: https://tinh.example/tin/1?utm_source=rss" in text
    assert "Nguồn: [Hội LHPN tỉnh](https://tinh.example/tin/1?utm_source=rss)" in text
    site = run_build(tmp_path, content_dir, strict=True, SEARCH_INDEX=False)
    assert site.result.ok, site.messages
    with pytest.raises(AuthoringError, match="không có tin"):
        import_item(settings, "https://tinh.example/khong-co", now=NOW)
    with pytest.raises(AuthoringError, match="không ghi đè"):
        import_item(settings, "https://tinh.example/tin/1", now=NOW)
