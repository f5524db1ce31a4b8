"""Helpers and fixtures of the cross-post tests: a mini site, the fake APIs, a live site.

The fixtures live here, not in a conftest.py, so that this folder never shadows the
``conftest`` module other test folders import; test modules import them by name.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import threading
from pathlib import Path

import pytest
from fakeapis import FakeServer

from tests.conftest import run_build, write_source
from tinhoi.crosspost.send import run

UNIT = """\
name: Hội LHPN xã Thử
zalo_groups:
  - {id: ban-chap-hanh, name: "BCH Hội LHPN xã"}
  - {id: nhom-van-nghe, name: "Nhóm văn nghệ"}
"""
CATEGORIES = """\
- key: hoat-dong-hoi
  name: Hoạt động Hội
  name_en: Union activities
  slug_en: union-activities
- key: tuyen-truyen
  name: Tuyên truyền
  name_en: Outreach
  slug_en: outreach
"""
BRANCHES = """\
- id: chi-hoi-1
  name: Chi hội khu phố 1
  name_en: Quarter 1 Branch
  zalo_group: "Chi hội KP1"
  order: 1
- id: chi-hoi-6
  name: Chi hội thôn Đông
  name_en: Dong Village Branch
  zalo_group: "Chi hội thôn Đông"
  order: 6
"""
# fast and deterministic: short timeouts, no real waiting
FAST = {
    "start": "2026-01-01",
    "timeout": 0.5,
    "backoff": 0.0,
    "backoff_max": 0.0,
    "facebook_scrape": False,
}


def run_step(step: dict, checkout: Path, env: dict) -> subprocess.CompletedProcess:
    """Run a workflow step's ``run:`` script as Actions does (bash -e) in ``checkout``."""
    result = subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, (step["name"], result.stdout[-2000:], result.stderr[-2000:])
    return result


def article(slug: str, title: str, date: str = "2026-11-20 08:30 +07:00", **meta) -> str:
    lines = [
        f"Title: {title}",
        f"Date: {date}",
        f"Slug: {slug}",
        f"Lang: {meta.pop('lang', 'vi')}",
        f"Category: {meta.pop('category', 'hoat-dong-hoi')}",
        f"Summary: {meta.pop('summary', 'Tóm tắt bài ' + title + '.')}",
    ]
    lines += [f"{key.capitalize()}: {value}" for key, value in meta.items()]
    return "\n".join(lines) + "\n\nNội dung bài viết.\n"


def add(content: Path, slug: str, title: str, **meta) -> None:
    suffix = ".en.md" if meta.get("lang") == "en" else ".md"
    (content / "articles" / f"{slug}{suffix}").write_text(
        article(slug, title, **meta), encoding="utf-8"
    )


class LiveSite:
    """The built ``output/`` served over HTTP, as the deployed site would be."""

    def __init__(self, root: Path):
        root.mkdir(parents=True, exist_ok=True)
        handler = functools.partial(_Quiet, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def publish(tmp_path: Path, content: Path, siteurl: str, **crosspost):
    """``make publish`` of ``content`` into ``tmp_path``; the plan lands in tmp/crosspost."""
    return run_build(
        tmp_path,
        content,
        "publishconf.py",
        SITEURL=siteurl,
        CROSSPOST={"plan": True, **FAST, **crosspost},
    )


def environment(fake: FakeServer, **extra) -> dict:
    env = {
        "FACEBOOK_PAGE_ID": fake.graph.page_id,
        "FACEBOOK_PAGE_ACCESS_TOKEN": next(iter(fake.graph.tokens)),
        "FACEBOOK_GRAPH_URL": fake.url,
        "FACEBOOK_GRAPH_VERSION": fake.graph.version,
        "ZALO_APP_ID": fake.zalo.app_id,
        "ZALO_APP_SECRET": fake.zalo.secret_key,
        "ZALO_OA_ACCESS_TOKEN": "OA-AT-0001",
        "ZALO_OA_REFRESH_TOKEN": "OA-RT-0001",
        "ZALO_OPENAPI_URL": fake.url,
        "ZALO_OAUTH_URL": fake.url,
        "ZALO_BOT_TOKEN": fake.zalo.bot_token,
        "ZALO_BOT_URL": fake.url,
    }
    env.update(extra)
    return env


def send(folder: Path, env: dict) -> tuple[int, list[str]]:
    """``make crosspost`` in this process; returns (exit status, printed lines)."""
    lines: list[str] = []
    code = run(folder, env, sleep=lambda seconds: None, out=lines.append)
    return code, lines


def published(tmp_path: Path, content: Path, live: LiveSite, **crosspost) -> Path:
    """Publish for the live server ``live``; return the plan folder."""
    site = publish(tmp_path, content, live.url, **crosspost)
    assert site.result.ok, site.messages
    return tmp_path / "crosspost"


def ledger(folder: Path) -> dict:
    import json

    return json.loads((folder / "state.json").read_text(encoding="utf-8"))


def feed_posts(fake: FakeServer) -> list:
    return fake.received("POST", f"/{fake.graph.version}/{fake.graph.page_id}/feed")


@pytest.fixture
def content(tmp_path) -> Path:
    """A content folder with the union's data files (two groups, two branches)."""
    folder = tmp_path / "content"
    for name, text in (
        ("unit.yml", UNIT),
        ("categories.yml", CATEGORIES),
        ("branches.yml", BRANCHES),
    ):
        write_source(folder / "data", name, text)
    (folder / "articles").mkdir()
    (folder / "pages").mkdir()
    return folder


@pytest.fixture
def live(tmp_path):
    site = LiveSite(tmp_path / "output")
    yield site
    site.close()


@pytest.fixture
def fake():
    with FakeServer() as server:
        yield server
