"""Removal on request through the cross-post ledger: the Facebook post goes once, the
Zalo groups that got the news are listed for the officer to recall it."""

from __future__ import annotations

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
from PIL import Image

from tests.conftest import ROOT
from tinhoi.crosspost.cli import main
from tinhoi.sitebuild.cli import load_settings
from tinhoi.takedown.__main__ import summary
from tinhoi.takedown.request import TakedownError, take_down

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


def _with_cover(tmp_path, content, live, fake, **crosspost) -> Path:
    """An article whose cover is a member's photo, posted on Facebook and pasted into a group."""
    Image.new("RGB", (1200, 800), "teal").save(content / "images" / "hoi-vien.jpg")
    add(
        content,
        "dai-hoi",
        "Đại hội đại biểu phụ nữ",
        branches="chi-hoi-6",
        cover="images/hoi-vien.jpg",
        cover_alt="Hội viên phát biểu",
        consent="yes",
    )
    folder = published(tmp_path, content, live, **crosspost)
    code, lines = send(folder, environment(fake))
    assert code == 0, lines
    assert main(["--dir", str(folder), "done", "dai-hoi", "chi-hoi-6"], {}, print) == 0
    return folder


def test_a_cover_photo_taken_down_takes_the_posts_that_show_it(tmp_path, content, live, fake):
    """Facebook keeps an existing post's preview even after a re-scrape: a post whose card
    shows the removed photo is deleted once, then the address is re-scraped for new shares."""
    (content / "images").mkdir()
    folder = _with_cover(tmp_path, content, live, fake, facebook_scrape=True)
    post_id = ledger(folder)["articles"][KEY]["targets"]["facebook"]["id"]
    recorded = take_down(
        _settings(content),
        "dai-hoi",
        "Đề nghị gỡ ảnh",
        photo="images/hoi-vien.jpg",
        crosspost_dir=folder,
    )
    assert recorded.cover and recorded.facebook and recorded.zalo == ["Chi hội thôn Đông"]
    assert "ảnh bìa" in "\n".join(summary(recorded))

    published(tmp_path, content, live, facebook_scrape=True)
    page = (tmp_path / "output" / KEY / "index.html").read_text(encoding="utf-8")
    assert "hoi-vien" not in page and "noindex" not in page  # the article stays, photo gone
    fake.reset()
    code, lines = send(folder, environment(fake))
    assert code == 0, lines
    [delete] = fake.received("DELETE")
    assert delete.path.endswith(f"/{post_id}")
    scrapes = [r for r in fake.received("POST") if r.field("scrape") == "true"]
    assert [r.field("id") for r in scrapes] == [f"{live.url}/{KEY}/"]
    assert feed_posts(fake) == []  # not posted again
    entry = ledger(folder)["articles"][KEY]["targets"]["facebook"]
    assert entry["status"] == "deleted"
    report = (folder / "bao-cao.html").read_text(encoding="utf-8")
    assert "(ảnh bìa đã gỡ)" in report and "Chi hội thôn Đông" in report

    fake.reset()
    published(tmp_path, content, live, facebook_scrape=True)
    send(folder, environment(fake))
    assert fake.api_requests() == []  # once


def test_a_photo_in_the_text_only_leaves_the_posts(tmp_path, content, live, fake):
    (content / "images").mkdir()
    Image.new("RGB", (800, 600), "olive").save(content / "images" / "trong-bai.jpg")
    folder = _with_cover(tmp_path, content, live, fake)
    source = content / "articles" / "dai-hoi.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text + "\n![Các chị tập văn nghệ](/images/trong-bai.jpg)\n", "utf-8")
    recorded = take_down(
        _settings(content),
        "dai-hoi",
        "Đề nghị gỡ ảnh",
        photo="images/trong-bai.jpg",
        crosspost_dir=folder,
    )
    assert not recorded.cover and not recorded.facebook and recorded.zalo == []
    published(tmp_path, content, live)
    fake.reset()
    code, lines = send(folder, environment(fake))
    assert code == 0, lines
    assert fake.received("DELETE") == []
    assert ledger(folder)["articles"][KEY]["targets"]["facebook"]["status"] == "sent"
