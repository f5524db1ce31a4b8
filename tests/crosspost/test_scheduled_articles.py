"""An article dated in the future stays out of the public site and the cross-post plan
until its time; the next build after that time publishes it."""

from __future__ import annotations

import json

from crosspost_helpers import add, content, live, publish

from tests.conftest import run_build

__all__ = ["content", "live"]  # fixtures
FUTURE = "2099-03-08 07:00 +07:00"


def _texts(output):
    for path in sorted(output.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt", ".js"):
            yield path, path.read_text(encoding="utf-8", errors="replace")


def test_future_article_is_nowhere_in_the_public_site_or_the_plan(tmp_path, content, live):
    add(content, "hom-nay", "Bài đăng hôm nay")
    add(content, "hen-gio-8-3", "Mít tinh kỷ niệm ngày 8 tháng 3", date=FUTURE)
    site = publish(tmp_path, content, live.url)
    assert site.result.ok, site.messages
    found = [
        str(path.relative_to(site.output))
        for path, text in _texts(site.output)
        if "hen-gio-8-3" in text or "Mít tinh kỷ niệm" in text
    ]
    assert found == []
    assert not list(site.output.rglob("*hen-gio-8-3*"))
    assert any("hom-nay" in text for _path, text in _texts(site.output))  # the control
    plan = json.loads((tmp_path / "crosspost" / "plan.json").read_text(encoding="utf-8"))
    text = json.dumps(plan, ensure_ascii=False)
    assert "hom-nay" in text
    due = [item for item in plan.get("articles", []) if "hen-gio-8-3" in json.dumps(item)]
    assert all(item.get("status") != "published" for item in due)


def test_the_same_article_dated_today_is_published(tmp_path, content, live):
    add(content, "hen-gio-8-3", "Mít tinh kỷ niệm ngày 8 tháng 3", date="2026-12-01 07:00 +07:00")
    site = publish(tmp_path, content, live.url)
    assert site.result.ok, site.messages
    assert list(site.output.rglob("hen-gio-8-3"))


def test_preview_shows_it_marked_but_keeps_it_out_of_feeds_and_sitemap(tmp_path, content):
    add(content, "hom-nay", "Bài đăng hôm nay")
    add(content, "hen-gio-8-3", "Mít tinh kỷ niệm ngày 8 tháng 3", date=FUTURE)
    add(content, "hen-gio-8-3", "Rally for 8 March", date=FUTURE, lang="en", summary="Soon.")
    site = run_build(tmp_path, content, "pelicanconf.py")
    assert site.result.ok, site.messages
    page = (site.output / "2099" / "03" / "hen-gio-8-3" / "index.html").read_text(encoding="utf-8")
    assert "Hẹn giờ" in page and '<meta name="robots" content="noindex">' in page
    home = (site.output / "index.html").read_text(encoding="utf-8")
    assert "Mít tinh kỷ niệm" in home and "Hẹn giờ" in home
    english = [p for p in site.output.glob("en/**/index.html") if "hen-gio-8-3" in str(p)]
    assert english and "Scheduled" in english[0].read_text(encoding="utf-8")
    today = (site.output / "2026" / "11" / "hom-nay" / "index.html").read_text(encoding="utf-8")
    assert "Hẹn giờ" not in today and "noindex" not in today
    for feed in site.output.rglob("*.xml"):
        text = feed.read_text(encoding="utf-8")
        assert "hen-gio-8-3" not in text, feed
    feeds = list((site.output / "feeds").glob("*.xml"))
    assert feeds and any("hom-nay" in f.read_text(encoding="utf-8") for f in feeds)
