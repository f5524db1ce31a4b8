"""A rotated Zalo refresh token survives a runner that forgets everything: sealed in the
repository with ZALO_TOKEN_KEY, opened by the next run, never readable in clear."""

from __future__ import annotations

import pytest
from crosspost_helpers import add, content, environment, fake, live, published, send
from cryptography.fernet import Fernet

from tinhoi.crosspost.send import ACT, OK

OA = {"channels": {"zalo_oa": True}, "zalo_oa_groups": {"ban-chap-hanh": "g-oa-bch"}}
GROUP_PATH = "/v3.0/oa/group/message"
__all__ = ["content", "fake", "live"]  # fixtures


def _fresh_runner(folder):
    """What a new checkout has: the ledger and the sealed pair (tracked), nothing else."""
    (folder / "zalo-oa-token.json").unlink()


@pytest.mark.parametrize("with_key", [True, False], ids=["sealed", "no-key"])
def test_rotated_refresh_token_is_kept_for_the_next_run(tmp_path, content, live, fake, with_key):
    key = Fernet.generate_key().decode()
    extra = {"ZALO_TOKEN_KEY": key} if with_key else {}
    add(content, "bai-1", "Bài một")
    folder = published(tmp_path, content, live, **OA)
    env = environment(fake, ZALO_OA_ACCESS_TOKEN="OA-AT-EXPIRED", **extra)
    code, lines = send(folder, env)
    assert code == OK, lines
    assert fake.zalo.refresh_token == "OA-RT-0002"  # OA-RT-0001 (the secret) is spent
    sealed = folder / "zalo-oa-token.enc"
    assert sealed.exists() == with_key
    _fresh_runner(folder)
    add(content, "bai-2", "Bài hai", date="2026-11-21 08:30 +07:00")
    published(tmp_path, content, live, **OA)
    fake.zalo.access_tokens = set()  # the access token expired meanwhile: refresh again
    code, lines = send(folder, env)
    if not with_key:
        assert code == ACT  # the spent secret is all this runner has
        assert any("ZALO_OA_REFRESH_TOKEN" in line for line in lines)
        return
    assert code == OK, lines
    assert fake.zalo.refresh_token == "OA-RT-0003"
    refreshes = fake.received("POST", "/v4/oa/access_token")
    assert [r.form["refresh_token"] for r in refreshes] == ["OA-RT-0001", "OA-RT-0002"]
    text = sealed.read_text(encoding="ascii")
    for token in ("OA-RT-0003", "OA-AT-0003", key):
        assert token not in text
        assert not any(token in line for line in lines)
    assert b"OA-RT-0003" in Fernet(key.encode()).decrypt(sealed.read_bytes())


def test_a_run_that_refreshes_nothing_does_not_rewrite_the_sealed_pair(
    tmp_path, content, live, fake
):
    key = Fernet.generate_key().decode()
    add(content, "bai-1", "Bài một")
    folder = published(tmp_path, content, live, **OA)
    env = environment(fake, ZALO_TOKEN_KEY=key)
    send(folder, env)
    before = (folder / "zalo-oa-token.enc").read_bytes()
    _fresh_runner(folder)
    send(folder, env)
    assert (folder / "zalo-oa-token.enc").read_bytes() == before


def test_wrong_key_falls_back_to_the_environment(tmp_path, content, live, fake):
    add(content, "bai-1", "Bài một")
    folder = published(tmp_path, content, live, **OA)
    send(folder, environment(fake, ZALO_TOKEN_KEY=Fernet.generate_key().decode()))
    _fresh_runner(folder)
    add(content, "bai-2", "Bài hai", date="2026-11-21 08:30 +07:00")
    published(tmp_path, content, live, **OA)
    code, lines = send(folder, environment(fake, ZALO_TOKEN_KEY=Fernet.generate_key().decode()))
    assert code == OK, lines  # OA-RT-0001 was never spent: the environment still works
    assert len(fake.zalo.group_messages) == 2
