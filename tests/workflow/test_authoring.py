"""make newpost / make translate: the files they write build cleanly and link up."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT, SAMPLE_CONTENT, run_build
from html_tools import Page

from tinhoi.authoring.__main__ import new_post, translate
from tinhoi.authoring.files import AuthoringError, read_header
from tinhoi.doctor.check import check_content
from tinhoi.sitebuild.cli import load_settings

NOW = dt.datetime(2026, 11, 28, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
TITLE = "Chi hội khu phố 6 ra mắt tổ “Phụ nữ với chuyển đổi số” – đợt 1"


def settings_for(content):
    """The project's own settings, pointed at a test content folder."""
    return load_settings(ROOT / "pelicanconf.py", {"PATH": str(content)})


@pytest.mark.parametrize(
    ("category", "branch", "lang", "expected_category"),
    [
        ("", "", "vi", "hoat-dong-hoi"),
        ("Mô hình hay", "chi-hoi-6, chi-hoi-1", "vi", "mo-hinh"),
        ("models", "", "en", "mo-hinh"),
    ],
)
def test_newpost_writes_a_draft_that_builds(
    tmp_path, content_dir, category, branch, lang, expected_category
):
    path = new_post(settings_for(content_dir), TITLE, category, branch, lang, now=NOW)
    slug = "chi-hoi-khu-pho-6-ra-mat-to-phu-nu-voi-chuyen-doi-so-dot-1"
    assert path == content_dir / "articles/2026" / (slug + (".en.md" if lang == "en" else ".md"))
    header = read_header(path)
    values = header.values
    assert values["title"] == TITLE
    assert values["date"] == "2026-11-28 08:30 +07:00"
    assert (values["slug"], values["lang"], values["status"]) == (slug, lang, "draft")
    assert values["category"] == expected_category
    assert values["branches"] == branch.replace(" ", "").replace(",", ", ")
    for key in ("summary", "cover", "cover_alt", "cover_caption", "cover_credit", "consent"):
        assert key in values
    site = run_build(tmp_path, content_dir, strict=True, SEARCH_INDEX=False)
    assert site.result.ok, site.messages
    drafts = "ban-nhap" if lang == "vi" else "en/drafts"
    page = site.read(f"{drafts}/{slug}/index.html")
    assert "Chi hội khu phố 6 ra mắt tổ" in page


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"title": ""}, "thiếu tiêu đề"),
        ({"title": TITLE, "category": "tin-tuc"}, "tin-tuc"),
        ({"title": TITLE, "branch": "chi-hoi-99"}, "chi-hoi-99"),
        ({"title": TITLE, "lang": "fr"}, "chỉ nhận vi hoặc en"),
    ],
)
def test_newpost_refuses_bad_requests(content_dir, kwargs, words):
    with pytest.raises(AuthoringError, match=words):
        new_post(settings_for(content_dir), now=NOW, **kwargs)


def test_newpost_never_overwrites(content_dir):
    path = new_post(settings_for(content_dir), TITLE, now=NOW)
    path.write_text(path.read_text(encoding="utf-8") + "\nViệc của cán bộ.\n", encoding="utf-8")
    with pytest.raises(AuthoringError, match="không ghi đè"):
        new_post(settings_for(content_dir), TITLE, now=NOW)
    assert "Việc của cán bộ." in path.read_text(encoding="utf-8")


def copy_sample_article(content_dir, name):
    source = next(SAMPLE_CONTENT.glob(f"articles/*/{name}.md"))
    target = content_dir / "articles" / source.parent.name / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(source.read_bytes())
    (content_dir / "images").mkdir(exist_ok=True)
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("Cover:"):  # the photo too: a missing one is an error in the build
            cover = line.split(":", 1)[1].strip().lstrip("/")  # /images/… from content/
            (content_dir / cover).parent.mkdir(parents=True, exist_ok=True)
            (content_dir / cover).write_bytes((SAMPLE_CONTENT / cover).read_bytes())
    return target


def test_translate_starts_a_linked_english_draft(tmp_path, content_dir):
    slug = "nam-dau-hieu-nhan-biet-cuoc-goi-tin-nhan-lua-dao"
    original = copy_sample_article(content_dir, slug)
    path = translate(settings_for(content_dir), slug)
    assert path == original.with_name(slug + ".en.md")
    header, source = read_header(path).values, read_header(original).values
    assert (header["slug"], header["date"]) == (source["slug"], source["date"])
    assert header["lang"] == "en" and header["status"] == "draft"
    assert header["title"].startswith("[[Translate: ") and source["title"] in header["title"]
    for key in ("category", "campaigns", "cover", "cover_credit", "author"):
        assert header[key] == source[key]
    site = run_build(tmp_path, content_dir, strict=True, SEARCH_INDEX=False)
    assert site.result.ok, site.messages
    assert Page(site.output / f"en/drafts/{slug}/index.html").lang == "en"
    with pytest.raises(AuthoringError, match="không ghi đè"):
        translate(settings_for(content_dir), slug)
    with pytest.raises(AuthoringError, match="không tìm thấy"):
        translate(settings_for(content_dir), "khong-co-bai-nay")


def outdated(content_dir):
    findings = check_content(settings_for(content_dir))
    return [f for f in findings if "sau khi dịch" in f.message]


def test_editing_the_original_marks_the_translation_out_of_date(content_dir):
    slug = "nam-dau-hieu-nhan-biet-cuoc-goi-tin-nhan-lua-dao"
    original = copy_sample_article(content_dir, slug)
    translate(settings_for(content_dir), slug)
    assert outdated(content_dir) == []
    original.write_text(
        original.read_text(encoding="utf-8") + "\nThêm một đoạn.\n", encoding="utf-8"
    )
    found = outdated(content_dir)
    assert len(found) == 1 and found[0].label.endswith(slug + ".en.md")
    assert f"make translate SLUG={slug} SYNC=1" in found[0].message
    translate(settings_for(content_dir), slug, sync=True)
    assert outdated(content_dir) == []


def test_translate_keeps_the_former_unit_but_not_the_old_addresses(tmp_path, content_dir):
    slug = "nam-dau-hieu-nhan-biet-cuoc-goi-tin-nhan-lua-dao"
    original = copy_sample_article(content_dir, slug)
    title, rest = original.read_text(encoding="utf-8").split("\n", 1)
    original.write_text(
        f"{title}\nUnit: xa-xuan-dong\nAliases: /tin-cu/lua-dao.html\n{rest}", encoding="utf-8"
    )
    header = read_header(translate(settings_for(content_dir), slug)).values
    assert header["unit"] == "xa-xuan-dong"
    assert "aliases" not in header
    site = run_build(tmp_path, content_dir, strict=True, SEARCH_INDEX=False)
    assert site.result.ok, site.messages
