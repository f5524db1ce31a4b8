"""An article dated in the future stays out of the public site and the cross-post plan
until its time; the next build after that time publishes it."""

from __future__ import annotations

import json

from crosspost_helpers import LiveSite, add, content, publish

__all__ = ["content"]  # fixture
FUTURE = "2099-03-08 07:00 +07:00"


def _texts(output):
    for path in sorted(output.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt", ".js"):
            yield path, path.read_text(encoding="utf-8", errors="replace")


def test_future_article_is_nowhere_in_the_public_site_or_the_plan(tmp_path, content):
    add(content, "hom-nay", "Bài đăng hôm nay")
    add(content, "hen-gio-8-3", "Mít tinh kỷ niệm ngày 8 tháng 3", date=FUTURE)
    live = LiveSite(tmp_path / "output")
    try:
        site = publish(tmp_path, content, live.url)
    finally:
        live.close()
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


def test_the_same_article_dated_today_is_published(tmp_path, content):
    add(content, "hen-gio-8-3", "Mít tinh kỷ niệm ngày 8 tháng 3", date="2026-12-01 07:00 +07:00")
    live = LiveSite(tmp_path / "output")
    try:
        site = publish(tmp_path, content, live.url)
    finally:
        live.close()
    assert site.result.ok, site.messages
    assert list(site.output.rglob("hen-gio-8-3"))
