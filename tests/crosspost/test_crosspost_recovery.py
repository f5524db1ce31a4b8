"""Crashes, concurrent runs and a damaged ledger: never a duplicate, never a guess."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from crosspost_helpers import (
    add,
    content,
    environment,
    fake,
    feed_posts,
    ledger,
    live,
    published,
    send,
)

from tinhoi.crosspost.send import CANNOT, OK

ROOT = Path(__file__).resolve().parents[2]
OA = {"channels": {"zalo_oa": True}, "zalo_oa_groups": {"ban-chap-hanh": "g-oa-bch"}}


def crosspost(folder: Path, env: dict, *args: str, wait: bool = True, **extra):
    """``python -m tinhoi.crosspost`` in a child process, from a scratch working directory."""
    full = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT / "plugins"),
        "PYTHONDONTWRITEBYTECODE": "1",
        **env,
        **extra,
    }
    command = [sys.executable, "-m", "tinhoi.crosspost", "--dir", str(folder), *args]
    process = subprocess.Popen(
        command,
        cwd=folder.parent,
        env=full,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    if not wait:
        return process
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def _wait_for(path: Path) -> None:
    deadline = time.monotonic() + 30
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.02)


@pytest.fixture
def site(tmp_path, content, live):
    add(content, "dai-hoi", "Đại hội đại biểu phụ nữ")
    return published(tmp_path, content, live)


def test_killed_between_send_and_save_never_duplicates(site, fake):
    env = environment(fake)
    child = crosspost(site, env, "send", CROSSPOST_TEST_CHECKPOINT="after-send:kill")
    assert child.returncode == -signal.SIGKILL
    assert len(fake.graph.posts) == 1
    entry = ledger(site)["articles"]["2026/11/dai-hoi"]["targets"]["facebook"]
    assert entry["status"] == "sending"  # the intent survived, the answer did not
    child = crosspost(site, env, "send")
    assert child.returncode == OK, child.stdout + child.stderr
    assert len(fake.graph.posts) == 1
    assert len(feed_posts(fake)) == 1
    assert fake.received("GET", contains="/posts")
    entry = ledger(site)["articles"]["2026/11/dai-hoi"]["targets"]["facebook"]
    assert entry["status"] == "sent" and entry["id"] == fake.graph.posts[0]["id"]


def test_killed_zalo_send_is_left_to_the_officer(tmp_path, content, live, fake):
    add(content, "dai-hoi", "Đại hội")
    folder = published(tmp_path, content, live, **OA)
    env = environment(fake)
    crosspost(folder, env, "send", CROSSPOST_TEST_CHECKPOINT="after-send:kill")
    crosspost(folder, env, "send", CROSSPOST_TEST_CHECKPOINT="after-send:kill")
    child = crosspost(folder, env, "send")
    assert child.returncode == 1
    assert "crosspost-done" in child.stdout
    assert len(fake.zalo.group_messages) == 1
    assert len(fake.graph.posts) == 1


def test_second_run_at_the_same_time_exits_with_a_message(site, fake, tmp_path):
    env = environment(fake)
    release = tmp_path / "release"
    first = crosspost(
        site, env, "send", wait=False, CROSSPOST_TEST_CHECKPOINT=f"after-send:wait:{release}"
    )
    _wait_for(Path(f"{release}.reached"))
    second = crosspost(site, env, "send")
    assert second.returncode == CANNOT
    assert "đang chạy" in second.stdout
    release.write_text("go", encoding="utf-8")
    first.communicate(timeout=60)
    assert first.returncode == OK
    assert len(fake.graph.posts) == 1 and len(feed_posts(fake)) == 1


def test_refresh_token_rotation_survives_a_crash(tmp_path, content, live, fake):
    add(content, "dai-hoi", "Đại hội")
    folder = published(tmp_path, content, live, **OA)
    env = environment(fake, ZALO_OA_ACCESS_TOKEN="OA-AT-EXPIRED")
    child = crosspost(folder, env, "send", CROSSPOST_TEST_CHECKPOINT="after-refresh:kill")
    assert child.returncode == -signal.SIGKILL
    assert fake.zalo.refresh_token == "OA-RT-0002"  # the old one is spent at the server
    assert fake.zalo.group_messages == []
    child = crosspost(folder, env, "send")
    assert child.returncode == OK, child.stdout + child.stderr
    refreshes = fake.received("POST", "/v4/oa/access_token")
    assert [r.form["refresh_token"] for r in refreshes] == ["OA-RT-0001"]
    assert [m["group"] for m in fake.zalo.group_messages] == ["g-oa-bch"]
    sends = fake.received("POST", "/v3.0/oa/group/message")
    assert sends[-1].headers["access_token"] == "OA-AT-0002"


BAD_STATUS = '{"version": 1, "articles": {"x": {"targets": {"facebook": {"status": "?"}}}}}'


@pytest.mark.parametrize("damage", ["{not json", '{"version": 1}', BAD_STATUS, "\udcff"])
def test_a_corrupt_ledger_stops_everything(site, fake, damage):
    (site / "state.json").write_text(damage, encoding="utf-8", errors="surrogateescape")
    code, lines = send(site, environment(fake))
    assert code == CANNOT
    assert "bị hỏng" in lines[0] and "git checkout" in lines[0]
    assert fake.api_requests() == []


def test_no_plan_says_to_publish_first(tmp_path, fake):
    code, lines = send(tmp_path / "crosspost", environment(fake))
    assert code == CANNOT and "make publish" in lines[0]


def test_ledger_is_written_atomically_and_logged(site, fake):
    assert send(site, environment(fake))[0] == OK
    assert not [p for p in site.iterdir() if p.name.endswith(".tmp")]
    events = [
        json.loads(line)["event"]
        for line in (site / "log.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert events == ["intent", "sent"]
