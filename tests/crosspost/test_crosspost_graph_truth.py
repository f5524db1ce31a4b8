"""The fake Graph API answers as the real one does today, and the adapter copes with it."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from crosspost_helpers import add, content, environment, fake, ledger, live, published, send
from fakeapis.graph import DEPRECATED_POST_FIELDS, graph_error, top_fields

from tinhoi.crosspost.channels.http import ApiError
from tinhoi.crosspost.env import Secrets
from tinhoi.crosspost.policy import DEFER, REJECT, RETRY, STOP, decide
from tinhoi.crosspost.send import ACT, OK

APP_SECRET = "app-secret-9f8e7d6c"
__all__ = ["content", "fake", "live"]  # fixtures


@pytest.fixture
def one(tmp_path, content, live):
    add(content, "dai-hoi", "Đại hội đại biểu phụ nữ")
    return published(tmp_path, content, live)


def _get(url: str, token: str) -> tuple[int, dict]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=5) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.mark.parametrize("name", DEPRECATED_POST_FIELDS)
def test_fake_refuses_deprecated_post_fields_with_code_12(fake, name):
    token = next(iter(fake.graph.tokens))
    url = f"{fake.url}/{fake.graph.version}/{fake.graph.page_id}/posts?fields=id,{name},message"
    status, body = _get(url, token)
    assert status == 400
    error = body["error"]
    assert error["code"] == 12 and error["type"] == "OAuthException"
    assert error["message"] == f"(#12) {name} field is deprecated for versions v3.3 and higher"
    assert error["fbtrace_id"]
    # inside an attachment the same names are fine
    url = (
        f"{fake.url}/{fake.graph.version}/{fake.graph.page_id}/posts?fields=attachments{{url,type}}"
    )
    assert _get(url, token)[0] == 200


@pytest.mark.parametrize(
    "fault",
    [
        {"respond": {"status": 500, "raw": "<html>Internal Server Error</html>"}},
        {"then_default": True, "close": True},  # stored, then the connection dropped
        {"then_default": True, "delay_s": 1.2},  # stored, answer too late
    ],
    ids=["500-not-stored", "stored-then-reset", "stored-then-timeout"],
)
@pytest.mark.parametrize("app_secret", [None, APP_SECRET], ids=["plain", "appsecret"])
def test_unknown_send_then_later_runs_post_exactly_once(one, fake, fault, app_secret):
    fake.graph.app_secret = app_secret
    env = environment(fake, **({"FACEBOOK_APP_SECRET": app_secret} if app_secret else {}))
    fake.script({"match": {"method": "POST", "path_contains": "/feed"}, **fault})
    for _ in range(3):
        code, lines = send(one, env)
        assert code == OK, lines
        assert not any("(#12)" in line for line in lines)
    assert len(fake.graph.posts) == 1
    entry = ledger(one)["articles"]["2026/11/dai-hoi"]["targets"]["facebook"]
    assert entry["status"] == "sent" and entry["id"] == fake.graph.posts[0]["id"]
    # the lookup asked only for fields the API still serves
    for request in fake.received("GET", contains="/posts"):
        assert not set(top_fields(request.query["fields"])) & set(DEPRECATED_POST_FIELDS)


def test_require_app_secret_without_secret_stops_and_names_the_variable(one, fake):
    fake.graph.app_secret = APP_SECRET
    code, lines = send(one, environment(fake))
    assert code == ACT and fake.graph.posts == []
    assert any("FACEBOOK_APP_SECRET" in line for line in lines)
    before = len(fake.api_requests())
    code, lines = send(one, environment(fake, FACEBOOK_APP_SECRET=APP_SECRET))
    assert code == OK and len(fake.graph.posts) == 1
    for request in fake.api_requests()[before:]:
        assert request.field("appsecret_proof")
    text = "\n".join(lines) + (one / "state.json").read_text(encoding="utf-8")
    assert APP_SECRET not in text


def test_wrong_app_secret_is_refused_as_invalid_proof(one, fake):
    fake.graph.app_secret = APP_SECRET
    code, lines = send(one, environment(fake, FACEBOOK_APP_SECRET="not-the-secret"))
    assert code == ACT and fake.graph.posts == []
    assert any("FACEBOOK_APP_SECRET" in line for line in lines)
    assert not any("not-the-secret" in line for line in lines)


def _error(code, subcode=None, message="", status=400, transient=False):
    return ApiError("facebook", code, message, status, subcode, "trace", transient)


@pytest.mark.parametrize(
    ("error", "kind", "words"),
    [
        (_error(190, 463), STOP, "hết hạn"),
        (_error(190, 460), STOP, "mật khẩu"),
        (_error(102), STOP, "FACEBOOK_PAGE_ACCESS_TOKEN"),
        (_error(200), STOP, "pages_manage_posts"),
        (_error(10, status=403), STOP, "pages_manage_posts"),
        (_error(368), STOP, "368"),
        (_error(12, message="(#12) link field is deprecated"), STOP, "FACEBOOK_GRAPH_VERSION"),
        (
            _error(100, message="API calls from the server require an appsecret_proof argument"),
            STOP,
            "FACEBOOK_APP_SECRET",
        ),
        (
            _error(100, 33, "Unsupported post request. Object with ID '1' does not exist"),
            STOP,
            "FACEBOOK_PAGE_ID",
        ),
        (_error(100, message="(#100) Invalid parameter"), REJECT, "mã 100"),
        (_error(4, transient=True), DEFER, ""),
        (_error(17), DEFER, ""),
        (_error(32), DEFER, ""),
        (_error(613), DEFER, ""),
        (_error(1, status=500), RETRY, ""),
        (_error(2, status=500, transient=True), RETRY, ""),
    ],
)
def test_each_graph_error_gets_a_true_message(error, kind, words):
    decision = decide(error)
    assert decision.kind == kind
    assert words in decision.message


def test_fake_errors_carry_the_documented_shape():
    body = graph_error(190, subcode=463)["json"]["error"]
    assert set(body) >= {"message", "type", "code", "error_subcode", "fbtrace_id"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", "v26.0"), ("v27.0", "v27.0"), ("27", "v26.0"), ("v24.0/x", "v26.0")],
)
def test_graph_version_setting(value, expected):
    assert Secrets.from_env({"FACEBOOK_GRAPH_VERSION": value}).graph_version == expected
