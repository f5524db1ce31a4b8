"""make check: every rule has a failing and a passing sample; the sample content is clean."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import unicodedata
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT, SAMPLE_CONTENT, write_source
from PIL import Image

from tinhoi.doctor import links, rules, site_rules
from tinhoi.doctor.check import check_content
from tinhoi.doctor.model import ERROR, WARNING, load_site
from tinhoi.sitebuild.cli import load_settings

NOW = dt.datetime(2026, 11, 28, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def article(body: str = "Nội dung bài viết.", **fields) -> str:
    """A clean article; ``Key=None`` drops a line, ``Key="…"`` replaces or adds one."""
    values = {
        "Title": "Chi hội khu phố 6 sinh hoạt chuyên đề",
        "Date": "2026-11-21 08:30 +07:00",
        "Slug": "chi-hoi-khu-pho-6-sinh-hoat",
        "Lang": "vi",
        "Category": "hoat-dong-chi-hoi",
        "Tags": "Chuyển đổi số",
        "Branches": "chi-hoi-6",
        "Summary": "Chi hội sinh hoạt chuyên đề về an toàn giao thông.",
        "Cover": "images/anh.jpg",
        "Cover_alt": "Hội viên ngồi nghe hướng dẫn",
        "Cover_caption": "Buổi sinh hoạt",
        "Cover_credit": "Thanh Hà",
        "Consent": "yes",
    }
    for key, value in fields.items():
        values[key] = value
    header = "\n".join(f"{k}: {v}" for k, v in values.items() if v is not None)
    return header + "\n\n" + body + "\n"


def line_of(text: str, key: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if line.startswith(key + ":"))


@pytest.fixture
def content(content_dir):
    Image.new("RGB", (120, 80), "white").save(content_dir / "images/anh.jpg")
    Image.new("RGB", (900, 600), "white").save(content_dir / "images/to.jpg", quality=95)
    return content_dir


def findings_of(rule, content, files: dict[str, str], **settings):
    for name, text in files.items():
        write_source(content, name, text)
    site, _ = load_site(
        load_settings(ROOT / "pelicanconf.py", {"PATH": str(content), **settings}), now=NOW
    )
    if rule in site_rules.SITE_RULES:
        return rule(site)
    target = site.content / next(iter(files))
    source = next(s for s in site.sources if s.path == target)
    return rule(source, site)


A = "articles/2026/bai.md"
NFD = unicodedata.normalize("NFD", "Hội nghị sơ kết")
LONG = "Chi hội tổ chức sinh hoạt chuyên đề. " * 8

# (rule, files with the problem, files without it, words in the message, severity, line key)
CASES = [
    (
        rules.summary_missing,
        {A: article(Summary=None)},
        {A: article()},
        "thiếu sa-pô",
        WARNING,
        "Title",
    ),
    (
        rules.summary_too_long,
        {A: article(Summary=LONG)},
        {A: article()},
        "quá 200",
        WARNING,
        "Summary",
    ),
    (
        rules.alt_missing,
        {A: article(Cover_alt=None)},
        {A: article()},
        "Cover_alt",
        WARNING,
        "Cover",
    ),
    (
        rules.alt_missing,
        {A: article(body="![](/images/anh.jpg)")},
        {A: article(body="![Hội viên tập huấn](/images/anh.jpg)")},
        "chưa có mô tả",
        WARNING,
        None,
    ),
    (
        rules.caption_without_credit,
        {A: article(Cover_credit=None)},
        {A: article()},
        "người chụp",
        WARNING,
        "Cover_caption",
    ),
    (
        rules.consent_withheld,
        {A: article(Consent="no")},
        {A: article()},
        "Consent: yes",
        WARNING,
        "Consent",
    ),
    (
        rules.image_too_large,
        {A: article(Cover="images/to.jpg")},
        {A: article()},
        "quá lớn",
        WARNING,
        "Cover",
    ),
    (
        links.broken_links,
        {A: article(body="Xem [kế hoạch](/files/khong-co.pdf).")},
        {
            A: article(
                body="Xem [chi hội 6](/chi-hoi/chi-hoi-6/), [trang chủ](/), [nhận tin](/nhan-tin/)"
                " và [tin cũ](/en/former-units/tt-tho-xuan/)."
            )
        },
        "liên kết hỏng",
        ERROR,
        None,
    ),
    (
        links.broken_links,
        {A: article(body="Xem [bài](/2026/11/khong-co/).")},
        {A: article(body="Xem [bài](/2026/11/chi-hoi-khu-pho-6-sinh-hoat/).")},
        "/2026/11/khong-co/",
        ERROR,
        None,
    ),
    (
        links.draft_links,
        {
            A: article(body="Xem [bài sắp đăng]({filename}nhap.md)."),
            "articles/2026/nhap.md": article(Slug="nhap", Status="draft"),
        },
        {
            A: article(body="Xem [bài đã đăng]({filename}khac.md)."),
            "articles/2026/khac.md": article(Slug="khac"),
        },
        "bản nháp",
        ERROR,
        None,
    ),
    (
        site_rules.translation_outdated,
        {
            "articles/2026/bai.en.md": article(Lang="en", Modified="2026-11-21 09:00 +07:00"),
            A: article(Modified="2026-11-25 10:00 +07:00"),
        },
        {
            "articles/2026/bai.en.md": article(Lang="en", Modified="2026-11-26 09:00 +07:00"),
            A: article(Modified="2026-11-25 10:00 +07:00"),
        },
        "đã sửa sau khi dịch",
        WARNING,
        "Modified",
    ),
    (rules.encoding, {A: article(Title=NFD)}, {A: article()}, "NFD", WARNING, "Title"),
    (
        rules.encoding,
        {A: article(body="Héi Liªn hiÖp Phô n÷ ViÖt Nam")},
        {A: article()},
        "TCVN3",
        WARNING,
        None,
    ),
    (
        site_rules.tag_variants,
        {
            A: article(Tags="Thanh Hoá"),
            "articles/2026/b.md": article(Slug="b", Tags="Thanh Hóa"),
            "articles/2026/c.md": article(Slug="c", Tags="Thanh Hóa"),
        },
        {A: article(Tags="Thanh Hóa"), "articles/2026/b.md": article(Slug="b", Tags="Thanh Hóa")},
        "“Thanh Hoá” viết khác “Thanh Hóa”",
        WARNING,
        "Tags",
    ),
    (
        rules.unknown_references,
        {A: article(Branches="chi-hoi-6, chi-hoi-99")},
        {A: article()},
        "chi-hoi-99",
        ERROR,
        "Branches",
    ),
    (
        rules.unknown_references,
        {A: article(Campaigns="khong-co")},
        {A: article(Campaigns="chuyen-doi-so")},
        "campaigns.yml",
        ERROR,
        "Campaigns",
    ),
    (
        rules.unknown_references,
        {A: article(Unit="tt-tho-xuam")},
        {A: article(Unit="tt-tho-xuan")},
        "không có đơn vị cũ mã “tt-tho-xuam”",
        ERROR,
        "Unit",
    ),
    (
        site_rules.alias_conflicts,
        {A: article(Aliases="/tin-cu/bai.html, /chi-hoi/")},
        {A: article(Aliases="/tin-cu/bai.html, /2026/11/chi-hoi-khu-pho-6-sinh-hoat/")},
        "“/chi-hoi/” trùng với trang /chi-hoi/ đang có",
        ERROR,
        "Aliases",
    ),
    (
        site_rules.alias_conflicts,
        {
            A: article(Aliases="/tin-cu/bai.html"),
            "articles/2026/b.md": article(Slug="b", Aliases="/tin-cu/bai.html"),
        },
        {
            A: article(Aliases="/tin-cu/bai.html"),
            "articles/2026/b.md": article(Slug="b", Aliases="/tin-cu/b.html"),
        },
        "trùng với địa chỉ cũ của /2026/11/b/ (content/articles/2026/b.md:",
        ERROR,
        "Aliases",
    ),
    (
        site_rules.alias_conflicts,
        {A: article(Aliases="tin-cu/bai.html")},
        {A: article(Aliases="https://thoxuan.vn/tin-cu/bai.html")},
        "phải bắt đầu bằng “/”",
        ERROR,
        "Aliases",
    ),
    (
        rules.future_date,
        {A: article(Date="2027-11-21 08:30 +07:00")},
        {A: article()},
        "tương lai",
        WARNING,
        "Date",
    ),
    (
        rules.placeholder_left,
        {A: article(Summary="[[Sa-pô]]")},
        {A: article()},
        "chưa điền",
        ERROR,
        "Summary",
    ),
]


@pytest.mark.parametrize(
    ("rule", "bad", "good", "words", "severity", "line_key"),
    CASES,
    ids=[f"{case[0].__name__}-{i}" for i, case in enumerate(CASES)],
)
def test_rule_fails_the_bad_sample_and_passes_the_good(
    content, rule, bad, good, words, severity, line_key
):
    settings = {"DOCTOR_IMAGE_MAX_SIDE": 800} if rule is rules.image_too_large else {}
    found = findings_of(rule, content, bad, **settings)
    assert len(found) == 1, found
    assert words in found[0].message
    assert found[0].severity == severity
    first = next(iter(bad.values()))
    expected_line = (
        line_of(first, line_key) if line_key else len(first.split("\n\n")[0].split("\n")) + 2
    )
    assert found[0].line == expected_line
    assert found[0].label.startswith("content/articles/2026/")
    for name in bad:
        (content / name).unlink()
    assert findings_of(rule, content, good, **settings) == []


def test_placeholders_in_a_draft_are_only_warnings(content):
    found = findings_of(
        rules.placeholder_left, content, {A: article(Status="draft", body="[[Nội dung]]")}
    )
    assert [f.severity for f in found] == [WARNING]


def test_the_sample_content_has_no_errors():
    settings = load_settings(ROOT / "pelicanconf.py", {"PATH": str(SAMPLE_CONTENT)})
    findings = check_content(settings)
    assert [str(f) for f in findings if f.severity == ERROR] == []


@pytest.mark.parametrize(("text", "code"), [(article(), 0), (article(Branches="x-99"), 1)])
def test_make_check_exits_non_zero_only_on_errors(content, text, code):
    write_source(content, A, text)
    write_source(content, "articles/2026/b.md", article(Slug="b", Summary=None))
    done = subprocess.run(
        [sys.executable, "-m", "tinhoi.doctor", "--content", str(content)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": "plugins", "PATH": ""},
        check=False,
    )
    assert done.returncode == code, done.stderr
    assert "CẢNH BÁO: content/articles/2026/b.md:" in done.stdout
    assert ("LỖI: content/articles/2026/bai.md:7:" in done.stdout) == bool(code)
