"""Each officer mistake gets one clear Vietnamese message naming the file; the rest builds.

Every case builds a real site with one good article and one bad source, then checks the
message, the output, and that strict mode turns the message into a failed build that
leaves the previous output untouched.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from conftest import GOOD_ARTICLE as GOOD
from conftest import GOOD_URL, run_build, write_source
from test_vietnamese_text import encode_cp1258


def article(**fields) -> str:
    """A valid article whose fields can be replaced (``None`` drops a field)."""
    values = {
        "Title": "Chi hội khu phố 6 sinh hoạt chuyên đề",
        "Date": "2026-11-21 08:30 +07:00",
        "Slug": "chi-hoi-khu-pho-6-sinh-hoat",
        "Lang": "vi",
        "Category": "hoat-dong-chi-hoi",
        "Branches": "chi-hoi-6",
        "Summary": "Chi hội sinh hoạt chuyên đề về an toàn giao thông.",
    }
    values.update(fields)
    header = "\n".join(f"{key}: {value}" for key, value in values.items() if value is not None)
    return header + "\n\nNội dung bài viết về sinh hoạt chi hội.\n"


# an old Word file saved with a .VnTime font: TCVN3 bytes, not UTF-8
TCVN3_ARTICLE = (
    "Title: Chi héi khu phè 6 sinh ho¹t chuyªn ®Ò\nDate: 2026-11-21 08:30 +07:00\n"
    "Slug: chi-hoi-khu-pho-6-sinh-hoat\nLang: vi\nCategory: hoat-dong-chi-hoi\n\n"
    "Néi dung bµi viÕt vÒ sinh ho¹t chi héi.\n"
)
BAD_ARTICLE_URL = "2026/11/chi-hoi-khu-pho-6-sinh-hoat/index.html"

# (case id, file name, text or bytes, words in the message, line, is the bad article built?)
CASES = [
    ("no-title", "bad.md", article(Title=None), ["tiêu đề"], 0, False),
    (
        "bad-date",
        "bad.md",
        article(Date="ngày 30 tháng 2"),
        ["không hiểu ngày", "ngày 30 tháng 2"],
        2,
        False,
    ),
    ("unknown-category", "bad.md", article(Category="tin-tuc"), ["chuyên mục", "tin-tuc"], 5, True),
    (
        "unknown-branch",
        "bad.md",
        article(Branches="chi-hoi-6, chi-hoi-99"),
        ["chi-hoi-99", "branches.yml"],
        6,
        True,
    ),
    (
        "unknown-campaign",
        "bad.md",
        article(Campaigns="khong-co"),
        ["khong-co", "campaigns.yml"],
        8,
        True,
    ),
    ("unknown-lang", "bad.md", article(Lang="fr"), ["ngôn ngữ", "fr"], 4, False),
    ("cp1258", "bad.md", encode_cp1258(article()), ["Windows-1258"], 1, True),
    ("tcvn3", "bad.md", TCVN3_ARTICLE.encode("cp1252"), ["TCVN3"], 1, False),
    ("nfd", "bad.md", unicodedata.normalize("NFD", article()), ["NFD"], 1, True),
]


def _messages(site, name):
    return [m for m in site.messages if f"articles/{name}" in m]


@pytest.mark.parametrize(
    ("case", "name", "source", "words", "line", "built"), CASES, ids=[case[0] for case in CASES]
)
def test_bad_source_gets_one_message_and_the_rest_builds(
    tmp_path, content_dir, case, name, source, words, line, built
):
    write_source(content_dir / "articles", "good.md", GOOD)
    path = content_dir / "articles" / name
    path.write_bytes(source if isinstance(source, bytes) else source.encode())

    site = run_build(tmp_path, content_dir)

    assert site.result.ok
    [message] = _messages(site, name)
    assert message.startswith(f"content/articles/{name}" + (f":{line}:" if line else ":"))
    for word in words:
        assert word in message
    assert (site.output / GOOD_URL).exists()
    assert (site.output / BAD_ARTICLE_URL).exists() == built
    if built:
        page = (site.output / BAD_ARTICLE_URL).read_text(encoding="utf-8")
        assert "Chi hội khu phố 6 sinh hoạt chuyên đề" in page  # NFC, decoded


def test_strict_mode_fails_and_keeps_the_previous_output(tmp_path, content_dir):
    write_source(content_dir / "articles", "good.md", GOOD)
    first = run_build(tmp_path, content_dir, strict=True)
    assert first.result.ok and (first.output / GOOD_URL).exists()

    write_source(content_dir / "articles", "bad.md", article(Category="tin-tuc"))
    second = run_build(tmp_path, content_dir, strict=True)

    assert not second.result.ok
    assert second.result.errors == 1
    assert not (second.output / BAD_ARTICLE_URL).exists()  # old output kept whole
    assert (second.output / GOOD_URL).exists()
    assert not list(tmp_path.glob("output.*"))  # no staging folder left behind


def test_two_articles_writing_the_same_url_keep_one(tmp_path, content_dir):
    write_source(content_dir / "articles", "a.md", article())
    write_source(
        content_dir / "articles",
        "b.md",
        article(Title="Bài khác cùng địa chỉ", Date="2026-11-25 09:00 +07:00"),
    )
    site = run_build(tmp_path, content_dir)

    assert site.result.ok
    [message] = _messages(site, "b.md")
    assert "content/articles/a.md" in message and "trùng địa chỉ" in message
    page = (site.output / BAD_ARTICLE_URL).read_text(encoding="utf-8")
    assert "Chi hội khu phố 6 sinh hoạt chuyên đề" in page
    assert "Bài khác cùng địa chỉ" not in page


def test_recurring_titles_do_not_collide(tmp_path, content_dir):
    for year in (2021, 2026):
        write_source(
            content_dir / "articles",
            f"dai-hoi-{year}.md",
            article(
                Title="Đại hội đại biểu phụ nữ",
                Slug=None,
                Date=f"{year}-09-27 08:00 +07:00",
                Category="hoat-dong-hoi",
            ),
        )
    site = run_build(tmp_path, content_dir, strict=True)
    assert site.result.ok, site.messages
    for year in (2021, 2026):
        assert (site.output / f"{year}/09/dai-hoi-dai-bieu-phu-nu/index.html").exists()


def test_translation_without_original_stays_english_only(tmp_path, content_dir):
    write_source(content_dir / "articles", "good.md", GOOD)
    write_source(
        content_dir / "articles", "orphan.en.md", article(Title="Quarter 6 branch meets", Lang="en")
    )
    site = run_build(tmp_path, content_dir)

    [message] = _messages(site, "orphan.en.md")
    assert "bản dịch không có bài gốc" in message
    assert (site.output / "en" / BAD_ARTICLE_URL).exists()
    assert not (site.output / BAD_ARTICLE_URL).exists()
    assert "Quarter 6 branch meets" not in (site.output / "index.html").read_text(encoding="utf-8")


def test_broken_data_file_names_file_and_line(tmp_path, content_dir):
    write_source(content_dir / "articles", "good.md", GOOD)
    branches = content_dir / "data" / "branches.yml"
    branches.write_text(
        branches.read_text(encoding="utf-8").replace("members: 190", "members: 1.90"),
        encoding="utf-8",
    )
    site = run_build(tmp_path, content_dir)
    [message] = site.messages_about("branches.yml")
    assert message.startswith("content/data/branches.yml:")
    assert "số nguyên" in message


def test_data_file_with_broken_yaml_is_skipped_with_its_name_and_line(tmp_path, content_dir):
    write_source(content_dir / "articles", "good.md", GOOD)
    campaigns = content_dir / "data" / "campaigns.yml"
    lines = campaigns.read_text(encoding="utf-8").splitlines()
    lines.insert(1, '  name: "dấu ngoặc chưa đóng')  # a quote left open on line 2
    campaigns.write_text("\n".join(lines) + "\n", encoding="utf-8")

    site = run_build(tmp_path, content_dir)

    assert site.result.ok
    [message] = site.messages_about("campaigns.yml")
    assert re.match(r"content/data/campaigns\.yml:\d+: sai cú pháp YAML", message), message
    assert (site.output / "index.html").is_file()
