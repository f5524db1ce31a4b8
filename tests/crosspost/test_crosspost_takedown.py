"""Removal on request through the cross-post ledger: the Facebook post goes once, the
Zalo groups that got the news are listed for the officer to recall it."""

from __future__ import annotations

import pytest
from crosspost.cli import main
from crosspost_helpers import add, content, environment, fake, ledger, live, published, send
from sitebuild.cli import load_settings
from takedown.__main__ import summary
from takedown.request import TakedownError, take_down

from tests.conftest import ROOT

__all__ = ["content", "fake", "live"]  # fixtures used by name

KEY = "2026/11/dai-hoi"


def _settings(folder):
    return load_settings(ROOT / "pelicanconf.py", {"PATH": str(folder)})


@pytest.fixture
def shared(tmp_path, content, live, fake):
    """An article posted on Facebook and pasted by hand into one Zalo group."""
    add(content, "dai-hoi", "Đại hội đại biểu phụ nữ", branches="chi-hoi-6")
    folder = published(tmp_path, content, live)
    code, lines = send(folder, environment(fake))
    assert code == 0, lines
    assert main(["--dir", str(folder), "done", "dai-hoi", "chi-hoi-6"], {}, print) == 0
    return folder


def test_takedown_deletes_the_facebook_post_once_and_lists_zalo_groups(
    tmp_path, content, live, fake, shared
):
    post_id = ledger(shared)["articles"][KEY]["targets"]["facebook"]["id"]
    recorded = take_down(_settings(content), "dai-hoi", "Hội viên đề nghị gỡ", crosspost_dir=shared)
    assert recorded.facebook and recorded.zalo == ["Chi hội thôn Đông"]
    text = "\n".join(summary(recorded))
    assert "make crosspost để xoá" in text and "thu hồi tin" in text and "Chi hội thôn Đông" in text

    published(tmp_path, content, live)  # the default: facebook_delete is off
    assert "noindex" in (tmp_path / "output" / KEY / "index.html").read_text(encoding="utf-8")
    fake.reset()
    code, lines = send(shared, environment(fake))
    assert code == 0, lines
    [delete] = fake.received("DELETE")
    assert delete.path == f"/v24.0/{post_id}"  # the page still answers 200: deleted anyway
    assert "Bearer" in delete.headers.get("authorization", "")
    assert fake.graph.posts == []
    entry = ledger(shared)["articles"][KEY]["targets"]["facebook"]
    assert entry["status"] == "deleted"
    report = (shared / "bao-cao.html").read_text(encoding="utf-8")
    assert "Bài đã gỡ theo yêu cầu: thu hồi tin trên Zalo" in report
    assert "Chi hội thôn Đông" in report and "Facebook: đã xoá" in report

    fake.reset()
    published(tmp_path, content, live)
    send(shared, environment(fake))
    assert fake.api_requests() == []  # once: the ledger says it is deleted

    with pytest.raises(TakedownError, match="đã được ghi gỡ"):
        take_down(_settings(content), "dai-hoi", "Hội viên đề nghị gỡ", crosspost_dir=shared)


def test_a_post_already_gone_from_facebook_is_recorded_once(tmp_path, content, live, fake, shared):
    take_down(_settings(content), "dai-hoi", "Đề nghị gỡ", crosspost_dir=shared)
    published(tmp_path, content, live)
    fake.graph.posts.clear()  # deleted by hand on Facebook already
    fake.reset()
    code, lines = send(shared, environment(fake))
    assert code == 0, lines
    assert len(fake.received("DELETE")) == 1  # answered with Graph's #100
    entry = ledger(shared)["articles"][KEY]["targets"]["facebook"]
    assert entry["status"] == "deleted" and entry["reason"] == "bài đã không còn trên Facebook"
    fake.reset()
    send(shared, environment(fake))
    assert fake.api_requests() == []
