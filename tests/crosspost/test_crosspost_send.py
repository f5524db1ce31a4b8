"""make crosspost against the fake APIs: what the fakes received, what the ledger says."""

from __future__ import annotations

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
from fakeapis.graph import graph_error

from tinhoi.crosspost.send import ACT, OK


@pytest.fixture
def one(tmp_path, content, live):
    add(content, "dai-hoi", "Đại hội đại biểu phụ nữ", tags="Phụ nữ")
    return published(tmp_path, content, live)


def test_happy_path_posts_once_and_records_each_target(one, fake, live):
    code, lines = send(one, environment(fake))
    assert code == OK, lines
    [post] = feed_posts(fake)
    assert post.form["link"] == f"{live.url}/2026/11/dai-hoi/"
    assert post.form["message"].startswith("Đại hội đại biểu phụ nữ\n")
    assert "access_token" not in post.query  # the token travels in the body
    entry = ledger(one)["articles"]["2026/11/dai-hoi"]["targets"]["facebook"]
    assert entry["status"] == "sent" and entry["id"] == fake.graph.posts[0]["id"]
    assert any("chờ dán vào Zalo" in line for line in lines)
    assert (one / "log.jsonl").read_text(encoding="utf-8").count('"event": "sent"') == 1


def test_second_run_sends_nothing_at_all(one, fake):
    send(one, environment(fake))
    fake.reset()
    code, _lines = send(one, environment(fake))
    assert code == OK
    assert fake.api_requests() == []


def test_a_new_article_among_thirty_old_ones_sends_one(tmp_path, content, live, fake):
    for number in range(30):
        add(
            content,
            f"bai-cu-{number}",
            f"Bài cũ số {number}",
            date=f"2026-10-{number % 28 + 1:02d} 08:00 +07:00",
        )
    folder = published(tmp_path, content, live, max_posts_per_run=50)
    assert send(folder, environment(fake))[0] == OK
    assert len(feed_posts(fake)) == 30
    fake.reset()
    add(content, "bai-moi", "Bài mới tinh")
    published(tmp_path, content, live, max_posts_per_run=50)
    assert send(folder, environment(fake))[0] == OK
    [post] = feed_posts(fake)
    assert post.form["link"].endswith("/2026/11/bai-moi/")


def test_first_run_on_an_old_site_posts_nothing(tmp_path, content, live, fake):
    for number in range(12):
        add(content, f"bai-{number}", f"Bài {number}", date="2025-03-01 08:00 +07:00")
    folder = published(tmp_path, content, live, start="2026-12-01")
    code, _lines = send(folder, environment(fake))
    assert code == OK and fake.api_requests() == []


def test_cap_per_run_defers_the_rest(tmp_path, content, live, fake):
    for number in range(4):
        add(content, f"bai-{number}", f"Bài {number}")
    folder = published(tmp_path, content, live, max_posts_per_run=3)
    code, lines = send(folder, environment(fake))
    assert code == OK and len(feed_posts(fake)) == 3
    assert any("vượt giới hạn" in line for line in lines)
    send(folder, environment(fake))
    assert len(feed_posts(fake)) == 4


@pytest.mark.parametrize(
    ("respond", "variable_or_text"),
    [
        (graph_error(190, subcode=463), "FACEBOOK_PAGE_ACCESS_TOKEN"),
        (graph_error(190, subcode=460), "FACEBOOK_PAGE_ACCESS_TOKEN"),
        (graph_error(190, subcode=467), "FACEBOOK_PAGE_ACCESS_TOKEN"),
        (graph_error(190), "FACEBOOK_PAGE_ACCESS_TOKEN"),
        (graph_error(102), "FACEBOOK_PAGE_ACCESS_TOKEN"),
        (graph_error(200, status=403), "pages_manage_posts"),
        (graph_error(200), "pages_manage_posts"),
        (graph_error(10, status=403), "pages_manage_posts"),
        (graph_error(368), "368"),
    ],
)
def test_token_permission_and_policy_errors_stop_the_channel(
    tmp_path, content, live, fake, respond, variable_or_text
):
    add(content, "bai-1", "Bài một")
    add(content, "bai-2", "Bài hai", date="2026-11-21 08:30 +07:00")
    folder = published(tmp_path, content, live)
    fake.script({"match": {"method": "POST", "path_contains": "/feed"}, "respond": respond})
    code, lines = send(folder, environment(fake))
    assert code == ACT
    assert len(feed_posts(fake)) == 1  # stopped after the first refusal: no hammering
    assert any(variable_or_text in line for line in lines)
    assert "facebook" not in ledger(folder)["articles"].get("2026/11/bai-1", {}).get("targets", {})
    fake.reset()
    assert send(folder, environment(fake))[0] == OK  # reconnected: both go out
    assert len(feed_posts(fake)) == 2


@pytest.mark.parametrize("code", [4, 17, 32, 613, 80001, 341])
def test_rate_limits_defer_without_hammering(tmp_path, content, live, fake, code):
    add(content, "bai-1", "Bài một")
    add(content, "bai-2", "Bài hai", date="2026-11-21 08:30 +07:00")
    folder = published(tmp_path, content, live)
    fake.script({"match": {"path_contains": "/feed"}, "respond": graph_error(code, transient=True)})
    code_, lines = send(folder, environment(fake))
    assert code_ == OK, lines
    assert len(feed_posts(fake)) == 1
    assert any("giới hạn lượt gọi" in line for line in lines)
    assert ledger(folder)["articles"] == {}
    send(folder, environment(fake))
    assert len(fake.graph.posts) == 2


def test_usage_header_near_limit_stops_after_the_current_post(tmp_path, content, live, fake):
    add(content, "bai-1", "Bài một")
    add(content, "bai-2", "Bài hai", date="2026-11-21 08:30 +07:00")
    folder = published(tmp_path, content, live)
    fake.graph.usage = 97
    code, _lines = send(folder, environment(fake))
    assert code == OK and len(fake.graph.posts) == 1
    fake.graph.usage = 5
    send(folder, environment(fake))
    assert len(fake.graph.posts) == 2


def test_buc_throttle_pauses_the_channel_until_access_returns(tmp_path, content, live, fake):
    add(content, "bai-1", "Bài một")
    folder = published(tmp_path, content, live)
    header = (
        '{"123":[{"type":"pages","call_count":100,"total_cputime":1,"total_time":1,'
        '"estimated_time_to_regain_access":5}]}'
    )
    fake.script(
        {
            "match": {"path_contains": "/feed"},
            "respond": graph_error(80001, headers={"X-Business-Use-Case-Usage": header}),
        }
    )
    assert send(folder, environment(fake))[0] == OK
    assert "paused_until" in ledger(folder)["channels"]["facebook"]
    fake.reset()
    code, lines = send(folder, environment(fake))
    assert code == OK and fake.api_requests() == []  # still paused: not even a live check
    assert any("tạm dừng" in line for line in lines)


def test_transient_error_is_retried_once_then_posted_once(one, fake):
    fake.script(
        {"match": {"path_contains": "/feed"}, "respond": graph_error(2, status=500, transient=True)}
    )
    assert send(one, environment(fake))[0] == OK
    assert len(feed_posts(fake)) == 2 and len(fake.graph.posts) == 1


def test_duplicate_is_marked_done_without_an_id(one, fake):
    fake.script({"match": {"path_contains": "/feed"}, "respond": graph_error(506)})
    assert send(one, environment(fake))[0] == OK
    entry = ledger(one)["articles"]["2026/11/dai-hoi"]["targets"]["facebook"]
    assert entry["status"] == "duplicate" and "id" not in entry
    fake.reset()
    send(one, environment(fake))
    assert fake.api_requests() == []


@pytest.mark.parametrize(
    ("respond", "retried_next_run"), [(graph_error(100), False), (graph_error(1609005), True)]
)
def test_input_errors_are_not_retried_in_the_run(one, fake, respond, retried_next_run):
    fake.script({"match": {"path_contains": "/feed"}, "respond": respond})
    code, _lines = send(one, environment(fake))
    assert code == ACT and len(feed_posts(fake)) == 1
    assert ledger(one)["articles"]["2026/11/dai-hoi"]["targets"]["facebook"]["status"] == "failed"
    fake.reset()
    send(one, environment(fake))
    assert len(feed_posts(fake)) == (1 if retried_next_run else 0)


def test_gateway_html_502_then_lookup_then_no_duplicate(one, fake):
    fake.script(
        {
            "match": {"path_contains": "/feed"},
            "respond": {"status": 502, "raw": "<html><h1>502 Bad Gateway</h1></html>"},
        }
    )
    code, lines = send(one, environment(fake))
    assert code == OK
    assert not any("Traceback" in line for line in lines)
    assert len(fake.received("GET", contains="/posts")) == 1  # looked before re-posting
    assert fake.graph.posts == []
    send(one, environment(fake))
    assert len(fake.graph.posts) == 1


@pytest.mark.parametrize("fault", [{"delay_s": 1.2}, {"close": True}])
def test_unknown_outcome_after_the_post_was_stored_never_duplicates(one, fake, fault):
    fake.script({"match": {"path_contains": "/feed"}, "then_default": True, **fault})
    code, _lines = send(one, environment(fake))
    assert code == OK
    assert len(fake.graph.posts) == 1
    entry = ledger(one)["articles"]["2026/11/dai-hoi"]["targets"]["facebook"]
    assert entry["status"] == "sent" and entry["id"] == fake.graph.posts[0]["id"]
    send(one, environment(fake))
    assert len(fake.graph.posts) == 1


def test_timeout_before_the_post_was_stored_posts_on_the_next_run(one, fake):
    fake.script(
        {
            "match": {"path_contains": "/feed"},
            "delay_s": 1.2,
            "respond": {"status": 200, "json": {"id": "123_999"}},
        }
    )
    assert send(one, environment(fake))[0] == OK
    assert fake.graph.posts == []
    assert ledger(one)["articles"]["2026/11/dai-hoi"]["targets"]["facebook"]["status"] == "sending"
    send(one, environment(fake))
    assert len(fake.graph.posts) == 1


def test_article_not_online_is_not_sent(tmp_path, content, live, fake):
    add(content, "dai-hoi", "Đại hội")
    folder = published(tmp_path, content, live)
    import shutil

    shutil.rmtree(tmp_path / "output" / "2026")
    code, lines = send(folder, environment(fake))
    assert code == ACT and feed_posts(fake) == []
    assert any("404" in line and "deploy" in line for line in lines)


def test_missing_token_names_the_variable(one, fake):
    env = environment(fake)
    del env["FACEBOOK_PAGE_ACCESS_TOKEN"]
    code, lines = send(one, env)
    assert code == ACT and fake.api_requests() == []
    assert any("FACEBOOK_PAGE_ACCESS_TOKEN" in line for line in lines)


def test_facebook_is_asked_to_read_the_page_again_before_posting(tmp_path, content, live, fake):
    add(content, "dai-hoi", "Đại hội")
    folder = published(tmp_path, content, live, facebook_scrape=True)
    assert send(folder, environment(fake))[0] == OK
    api = fake.api_requests()
    assert [r.path for r in api] == ["/v24.0/", "/v24.0/123/feed"]
    assert api[0].form["scrape"] == "true" and api[0].form["id"] == f"{live.url}/2026/11/dai-hoi/"
