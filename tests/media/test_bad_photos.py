"""Each photo mistake gets one clear Vietnamese message naming the article and the file;
the rest of the site builds; strict mode makes it a failure."""

from __future__ import annotations

import imagemaker as make
import photosite as site
import pytest
from conftest import GOOD_ARTICLE as GOOD
from conftest import GOOD_URL, run_build, write_source
from html_tools import broken_links

BAD_URL = "2026/11/chi-hoi-khu-pho-6-sinh-hoat/index.html"


def bad_article(
    image: str = "",
    alt: str = "Hội viên chi hội 6",
    cover: str = "",
    cover_alt: str = "Toàn cảnh buổi sinh hoạt",
    consent: str = "yes",
) -> str:
    lines = [
        "Title: Chi hội khu phố 6 sinh hoạt chuyên đề",
        "Date: 2026-11-21 08:30 +07:00",
        "Slug: chi-hoi-khu-pho-6-sinh-hoat",
        "Lang: vi",
        "Category: hoat-dong-chi-hoi",
        "Summary: Chi hội sinh hoạt chuyên đề.",
    ]
    if cover:
        lines.append(f"Cover: {cover}")
        if cover_alt:
            lines.append(f"Cover_alt: {cover_alt}")
    lines += [f"Consent: {consent}", "", "Nội dung bài viết.", ""]
    if image:
        lines.append(f"![{alt}]({{static}}/{image})")
    return "\n".join(lines) + "\n"


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# (id, file to make, maker, article, words in the message, the photo is published?)
CASES = [
    (
        "truncated",
        "images/x.jpg",
        make.truncated_jpeg,
        {"image": "images/x.jpg"},
        ["bị hỏng", "chưa chép hết"],
        False,
    ),
    (
        "not-an-image",
        "images/x.jpg",
        make.not_an_image,
        {"image": "images/x.jpg"},
        ["không phải là ảnh"],
        False,
    ),
    (
        "broken-heic",
        "images/x.heic",
        make.not_an_image,
        {"image": "images/x.heic"},
        ["HEIC", "Tương thích nhất"],
        False,
    ),
    ("missing", "", None, {"image": "images/khong-co.jpg"}, ["không tìm thấy"], False),
    (
        "50-megapixels",
        "images/x.jpg",
        make.huge_jpeg,
        {"image": "images/x.jpg"},
        ["rất lớn", "8200×6100", "50"],
        True,
    ),
    ("cmyk", "images/x.jpg", make.cmyk_jpeg, {"image": "images/x.jpg"}, ["CMYK", "sRGB"], True),
    (
        "transparent-png",
        "images/x.png",
        make.transparent_png,
        {"image": "images/x.png"},
        ["nền trong suốt"],
        True,
    ),
    (
        "animated-gif",
        "images/x.gif",
        make.animated_gif,
        {"image": "images/x.gif"},
        ["ảnh động", "3 khung hình"],
        True,
    ),
    (
        "no-alt",
        "images/x.jpg",
        make.phone_jpeg,
        {"image": "images/x.jpg", "alt": ""},
        ["chưa có mô tả"],
        True,
    ),
    (
        "cover-no-alt",
        "images/x.jpg",
        make.phone_jpeg,
        {"cover": "images/x.jpg", "cover_alt": ""},
        ["ảnh bìa", "Cover_alt"],
        True,
    ),
    (
        "cover-truncated",
        "images/x.jpg",
        make.truncated_jpeg,
        {"cover": "images/x.jpg"},
        ["bị hỏng"],
        False,
    ),
    (
        "no-consent",
        "images/x.jpg",
        make.phone_jpeg,
        {"image": "images/x.jpg", "consent": "no"},
        ["Consent", "“yes”", "không được đăng"],
        False,
    ),
]


@pytest.mark.parametrize(
    ("case", "name", "maker", "fields", "words", "published"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_photo_gets_one_message_and_the_rest_builds(
    tmp_path, content_dir, case, name, maker, fields, words, published
):
    if maker is not None:
        maker(content_dir / name)
    write_source(content_dir / "articles", "good.md", GOOD)
    text = bad_article(**fields)
    write_source(content_dir / "articles", "bad.md", text)

    built = run_build(tmp_path, content_dir)

    assert built.result.ok
    [message] = built.messages  # one message, and no English one from Pelican
    image = fields.get("image") or fields.get("cover")
    needle = "Consent" if case == "no-consent" else "Cover" if "cover" in fields else image
    assert message.startswith(f"content/articles/bad.md:{_line(text, needle)}: ")
    assert f"“{image}”" in message
    for word in words:
        assert word in message
    assert (built.output / GOOD_URL).exists() and (built.output / BAD_URL).exists()
    assert broken_links(built.output) == []
    page = site.Tags((built.output / BAD_URL).read_text(encoding="utf-8"))
    assert bool(page.find("picture")) == published

    strict = run_build(tmp_path, content_dir, strict=True)
    assert not strict.result.ok  # the same problem fails a strict build (CI, STRICT=1)
    assert len(strict.messages) == 1  # and is reported again, even from the cache


def test_a_photo_used_twice_is_reported_once_naming_both(tmp_path, content_dir):
    make.truncated_jpeg(content_dir / "images/x.jpg")
    write_source(content_dir / "articles", "bad.md", bad_article(image="images/x.jpg"))
    second = bad_article(image="images/x.jpg").replace(
        "chi-hoi-khu-pho-6-sinh-hoat", "chi-hoi-khu-pho-6-lan-hai"
    )
    write_source(content_dir / "articles", "bad2.md", second)
    built = run_build(tmp_path, content_dir)
    [message] = built.messages
    assert message.startswith("content/articles/bad")
    assert "content/articles/bad2.md" in message or message.startswith("content/articles/bad2")


def test_a_photo_over_the_hard_limit_is_refused(tmp_path, content_dir):
    make.huge_jpeg(content_dir / "images/x.jpg")
    write_source(content_dir / "articles", "bad.md", bad_article(image="images/x.jpg"))
    built = run_build(
        tmp_path, content_dir, MEDIA={"max_megapixels": 40, "cache_dir": str(tmp_path / "c")}
    )
    [message] = built.messages
    assert "quá lớn" in message and "40 triệu" in message
    assert not site.Tags((built.output / BAD_URL).read_text("utf-8")).find("picture")


def test_without_consent_the_card_is_branded_not_the_photo(tmp_path, content_dir):
    make.phone_jpeg(content_dir / "images/x.jpg")
    write_source(
        content_dir / "articles", "bad.md", bad_article(cover="images/x.jpg", consent="no")
    )
    built = run_build(tmp_path, content_dir)
    assert len(built.messages) == 1
    page = site.Tags((built.output / BAD_URL).read_text("utf-8"))
    assert not page.find("picture") and not page.find("figure")
    media = list((built.output / "media").rglob("*"))
    assert [p.name for p in media if p.is_file() and "og" not in p.parts] == []
    [card] = [p for p in media if p.is_file()]
    assert card.name.startswith("chi-hoi-khu-pho-6-sinh-hoat-vi.")  # the branded card
