"""make translate with files the browser editor wrote (YAML front matter)."""

from __future__ import annotations

import shutil

from conftest import ROOT, SAMPLE_CONTENT, run_build, write_source

from tests.cms.test_yaml_build import SLUG, VI
from tinhoi.authoring.__main__ import translate
from tinhoi.authoring.files import read_header
from tinhoi.doctor.check import check_content
from tinhoi.sitebuild.cli import load_settings

EN_WITHOUT_VERSION = VI.replace("Lang: vi", "Lang: en").replace(
    "Title: 'Chi hội khu phố 6: sinh hoạt qua Zalo'", "Title: Quarter 6 Branch meets on Zalo"
)


def _settings(content):
    return load_settings(ROOT / "pelicanconf.py", {"PATH": str(content)})


def _outdated(content):
    return [f for f in check_content(_settings(content)) if "sau khi dịch" in f.message]


def test_translating_an_editor_article(tmp_path, content_dir):
    photo = content_dir / "images/2026/zalo.jpg"
    photo.parent.mkdir(parents=True)
    shutil.copy(SAMPLE_CONTENT / "images/2026/chi-hoi-6-zalo.jpg", photo)
    write_source(content_dir / "articles", f"2026/{SLUG}.md", VI)
    path = translate(_settings(content_dir), SLUG)
    header = read_header(path)
    assert header.style == "yaml"  # make translate writes the front matter the editor reads
    assert header.values["summary"].startswith("[[Translate: Chi hội khu phố 6 họp")
    assert "\n" not in header.values["summary"]  # the two-line summary became one line
    assert header.values["tags"] == "[[English tags, separated by commas]]"
    assert (header.values["slug"], header.values["date"]) == (SLUG, "2026-11-20 08:30 +07:00")
    site = run_build(tmp_path, content_dir, strict=True, SEARCH_INDEX=False)
    assert site.result.ok, site.messages


def test_sync_marks_an_editor_translation_current(content_dir):
    write_source(content_dir / "articles", f"2026/{SLUG}.md", VI)
    english = write_source(content_dir / "articles", f"2026/{SLUG}.en.md", EN_WITHOUT_VERSION)
    original = content_dir / "articles" / f"2026/{SLUG}.md"
    original.write_text(original.read_text(encoding="utf-8") + "\nThêm một đoạn.\n", "utf-8")
    translate(_settings(content_dir), SLUG, sync=True)
    header = read_header(english)
    assert header.style == "yaml" and header.problems == []
    assert len(header.values["original_version"]) == 12
    assert header.values["title"] == "Quarter 6 Branch meets on Zalo"
    assert _outdated(content_dir) == []
    original.write_text(original.read_text(encoding="utf-8") + "\nMột đoạn nữa.\n", "utf-8")
    assert len(_outdated(content_dir)) == 1


def test_newpost_and_upstream_drafts_are_yaml_the_editor_reads(tmp_path, content_dir):
    import datetime as dt
    from zoneinfo import ZoneInfo

    from tinhoi.authoring.__main__ import new_post
    from tinhoi.authoring.skeleton import upstream_draft

    now = dt.datetime(2026, 11, 28, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    post = new_post(_settings(content_dir), "Đại hội chi hội: nhiệm kỳ mới", now=now)
    draft = content_dir / "articles/2026/tin-cap-tren.md"
    draft.write_text(
        upstream_draft(
            title="Hội nghị Ban Chấp hành Trung ương Hội LHPN Việt Nam",
            link="https://hoilhpn.example.vn/tin/1",
            source="Hội LHPN Việt Nam",
            published=now,
            summary="Tóm tắt: tin #1",
            date=now,
            slug="tin-cap-tren",
            category="hoat-dong-hoi",
        ),
        encoding="utf-8",
    )
    for path in (post, draft):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("---\n"), text[:200]
        header = read_header(path)
        assert header.style == "yaml" and header.problems == [], path
        assert header.values["status"] == "draft"
    assert read_header(post).values["title"] == "Đại hội chi hội: nhiệm kỳ mới"
    site = run_build(tmp_path, content_dir, SEARCH_INDEX=False)
    assert site.result.ok, site.messages
