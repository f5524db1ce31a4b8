"""Zalo OA (group messages, OAuth v4 refresh chain) and Zalo Bot against the fakes."""

from __future__ import annotations

import json

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

from tinhoi.crosspost.cli import main
from tinhoi.crosspost.send import ACT, OK

OA = {"channels": {"zalo_oa": True}, "zalo_oa_groups": {"ban-chap-hanh": "g-oa-bch"}}
BOT = {"channels": {"zalo_bot": True}, "zalo_bot_chats": {"ban-chap-hanh": "chat-bch"}}
GROUP_PATH = "/v3.0/oa/group/message"


@pytest.fixture
def oa_site(tmp_path, content, live):
    add(content, "dai-hoi", "Đại hội đại biểu phụ nữ", tags="Phụ nữ")
    return published(tmp_path, content, live, **OA)


def test_oa_group_message_is_sent_with_the_access_token_header(oa_site, fake):
    code, lines = send(oa_site, environment(fake))
    assert code == OK, lines
    [request] = fake.received("POST", GROUP_PATH)
    assert request.headers["access_token"] == "OA-AT-0001"
    assert request.json["recipient"] == {"group_id": "g-oa-bch"}
    assert "👉 Xem bài: " in request.json["message"]["text"]
    targets = ledger(oa_site)["articles"]["2026/11/dai-hoi"]["targets"]
    assert targets["zalo:ban-chap-hanh"]["status"] == "sent"
    assert targets["zalo:ban-chap-hanh"]["via"] == "zalo_oa"


def test_partial_failure_retries_only_zalo(oa_site, fake):
    fake.script(
        {
            "match": {"path": GROUP_PATH},
            "respond": {
                "json": {
                    "error": -224,
                    "message": "Official Account has not subscribed to the service package",
                }
            },
        }
    )
    code, lines = send(oa_site, environment(fake))
    assert code == ACT
    assert any("gói dịch vụ" in line for line in lines)
    targets = ledger(oa_site)["articles"]["2026/11/dai-hoi"]["targets"]
    assert targets["facebook"]["status"] == "sent"
    assert "zalo:ban-chap-hanh" not in targets
    fake.reset()
    assert send(oa_site, environment(fake))[0] == OK
    assert feed_posts(fake) == []
    assert len(fake.received("POST", GROUP_PATH)) == 1
    assert len(fake.zalo.group_messages) == 1


def test_expired_access_token_is_refreshed_once_and_the_pair_persisted(oa_site, fake):
    env = environment(fake, ZALO_OA_ACCESS_TOKEN="OA-AT-EXPIRED")
    code, lines = send(oa_site, env)
    assert code == OK, lines
    [refresh] = fake.received("POST", "/v4/oa/access_token")
    assert refresh.form == {
        "app_id": "4321",
        "grant_type": "refresh_token",
        "refresh_token": "OA-RT-0001",
    }
    assert refresh.headers["secret_key"] == "APP-SECRET-zz-0001"
    sends = fake.received("POST", GROUP_PATH)
    assert [r.headers["access_token"] for r in sends] == ["OA-AT-EXPIRED", "OA-AT-0002"]
    stored = json.loads((oa_site / "zalo-oa-token.json").read_text(encoding="utf-8"))
    assert stored["refresh_token"] == "OA-RT-0002"
    assert (oa_site / "zalo-oa-token.json").stat().st_mode & 0o077 == 0
    # the spent refresh token is dead at the server: reusing it would fail
    assert fake.zalo.spent == ["OA-RT-0001"] and fake.zalo.refresh_token == "OA-RT-0002"


def test_next_run_uses_the_persisted_pair_not_the_environment(tmp_path, content, live, fake):
    add(content, "bai-1", "Bài một")
    folder = published(tmp_path, content, live, **OA)
    env = environment(fake, ZALO_OA_ACCESS_TOKEN="OA-AT-EXPIRED")
    send(folder, env)
    add(content, "bai-2", "Bài hai", date="2026-11-21 08:30 +07:00")
    published(tmp_path, content, live, **OA)
    fake.reset()
    assert send(folder, env)[0] == OK  # the environment still holds the spent pair
    [request] = fake.received("POST", GROUP_PATH)
    assert request.headers["access_token"] == "OA-AT-0002"
    assert fake.received("POST", "/v4/oa/access_token") == []


def test_spent_refresh_token_asks_to_reconnect(oa_site, fake):
    fake.zalo.refresh_token = "OA-RT-SOMEONE-ELSE"
    env = environment(fake, ZALO_OA_ACCESS_TOKEN="OA-AT-EXPIRED")
    code, lines = send(oa_site, env)
    assert code == ACT
    assert any("ZALO_OA_REFRESH_TOKEN" in line for line in lines)
    assert len(fake.received("POST", GROUP_PATH)) == 1  # no retry without a new token


@pytest.mark.parametrize(("error", "expected"), [(-32, OK), (-201, ACT), (-211, ACT), (-221, ACT)])
def test_oa_error_codes(oa_site, fake, error, expected):
    fake.script(
        {"match": {"path": GROUP_PATH}, "respond": {"json": {"error": error, "message": "x"}}}
    )
    code, lines = send(oa_site, environment(fake))
    assert code == expected, lines
    assert len(fake.received("POST", GROUP_PATH)) == 1
    assert fake.zalo.group_messages == []


def test_dropped_oa_connection_is_never_resent_without_the_officer(oa_site, fake):
    fake.script({"match": {"path": GROUP_PATH}, "then_default": True, "close": True})
    code, lines = send(oa_site, environment(fake))
    assert code == ACT
    assert any("crosspost-done" in line for line in lines)
    assert len(fake.zalo.group_messages) == 1
    fake.reset()
    assert send(oa_site, environment(fake))[0] == ACT
    assert fake.received("POST", GROUP_PATH) == []
    # the officer saw it arrived: mark it done; nothing is pending any more
    out: list[str] = []
    assert main(["--dir", str(oa_site), "done", "dai-hoi", "ban-chap-hanh"], {}, out.append) == 0
    assert send(oa_site, environment(fake))[0] == OK
    assert fake.api_requests() == []


def test_officer_can_resend_an_uncertain_zalo_message(oa_site, fake):
    fake.script({"match": {"path": GROUP_PATH}, "close": True})  # lost before storing
    send(oa_site, environment(fake))
    out: list[str] = []
    main(["--dir", str(oa_site), "retry", "dai-hoi", "ban-chap-hanh"], {}, out.append)
    assert send(oa_site, environment(fake))[0] == OK
    assert len(fake.zalo.group_messages) == 1


def test_bot_sends_to_the_chat(tmp_path, content, live, fake):
    add(content, "dai-hoi", "Đại hội")
    folder = published(tmp_path, content, live, **BOT)
    code, lines = send(folder, environment(fake))
    assert code == OK, lines
    [request] = fake.received("POST", f"/bot{fake.zalo.bot_token}/sendMessage")
    assert request.json["chat_id"] == "chat-bch"
    assert len(fake.zalo.bot_messages) == 1


def test_bot_with_a_wrong_token_asks_for_a_new_one(tmp_path, content, live, fake):
    add(content, "dai-hoi", "Đại hội")
    folder = published(tmp_path, content, live, **BOT)
    code, lines = send(folder, environment(fake, ZALO_BOT_TOKEN="BOT-0000:revoked"))
    assert code == ACT
    assert any("ZALO_BOT_TOKEN" in line for line in lines)
    assert not any("revoked" in line for line in lines)
