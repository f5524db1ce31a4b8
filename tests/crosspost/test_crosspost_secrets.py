"""No token, in any log line, report, ledger, plan, kit, exception or output file."""

from __future__ import annotations

import logging
import socket

import pytest
from crosspost_helpers import add, content, environment, fake, live, published, send
from fakeapis.graph import graph_error
from test_crosspost_recovery import crosspost

ALL = {
    "channels": {"zalo_oa": True, "zalo_bot": True},
    "zalo_oa_groups": {"ban-chap-hanh": "g-oa-bch"},
    "zalo_bot_chats": {"nhom-van-nghe": "chat-bch"},
    "targets": {"*": ["facebook", "zalo:ban-chap-hanh", "zalo:nhom-van-nghe"]},
}


def _secrets(fake) -> list[str]:
    return [
        next(iter(fake.graph.tokens)),
        fake.zalo.secret_key,
        fake.zalo.bot_token,
        "OA-AT-EXPIRED",
        "OA-RT-0001",
        "OA-AT-0002",
        "OA-RT-0002",
    ]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _files(tmp_path):
    for path in sorted(tmp_path.rglob("*")):
        if path.is_file() and path.name != "zalo-oa-token.json" and "content" not in path.parts:
            yield path


@pytest.fixture
def site(tmp_path, content, live):
    add(content, "dai-hoi", "Đại hội đại biểu phụ nữ")
    add(content, "bai-2", "Bài hai", date="2026-11-21 08:30 +07:00")
    return published(tmp_path, content, live, **ALL)


def test_no_secret_leaks_in_process(site, fake, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    env = environment(fake, ZALO_OA_ACCESS_TOKEN="OA-AT-EXPIRED")
    token = env["FACEBOOK_PAGE_ACCESS_TOKEN"]
    # an error that echoes the token back, a bot host that refuses connections
    respond = graph_error(190)
    respond["json"]["error"]["message"] = f"Invalid OAuth access token {token}."
    fake.script({"match": {"path_contains": "/feed"}, "respond": respond})
    _code, lines = send(site, env)
    bot_down = {**env, "ZALO_BOT_URL": f"http://127.0.0.1:{_closed_port()}"}
    _code2, lines2 = send(site, bot_down)
    texts = lines + lines2 + [record.getMessage() for record in caplog.records]
    texts += [record.exc_text or "" for record in caplog.records]
    texts += [path.read_text(encoding="utf-8", errors="replace") for path in _files(tmp_path)]
    assert any("/bot" in text for text in texts)  # urllib3 did log the bot URL, masked
    for secret in _secrets(fake):
        leaks = [text for text in texts if secret in text]
        assert not leaks, (secret, leaks[:2])


def test_no_secret_leaks_from_the_command_line(site, fake, tmp_path):
    env = environment(fake, ZALO_OA_ACCESS_TOKEN="OA-AT-EXPIRED")
    fake.script({"match": {"path_contains": "/sendMessage"}, "close": True})
    child = crosspost(site, env, "--verbose", "send")
    assert "DEBUG" in child.stderr  # verbose logging really ran
    output = child.stdout + child.stderr
    for secret in _secrets(fake):
        assert secret not in output
    for path in _files(tmp_path):
        text = path.read_text(encoding="utf-8", errors="replace")
        for secret in _secrets(fake):
            assert secret not in text, path
