"""Both header styles: ``Key: value`` lines and the YAML front matter the browser editor
writes; split by the same function the build, the doctor and the authoring tools use."""

from __future__ import annotations

import textwrap
import unicodedata

import pytest

from tinhoi.vietnamese.frontmatter import split_header

EDITOR_FILE = textwrap.dedent(
    """\
    ---
    Slug: chi-hoi-6-sinh-hoat-qua-zalo
    Title: 'Chi hội khu phố 6: sinh hoạt qua Zalo #2'
    Date: 2026-11-20 08:30 +07:00
    Lang: vi
    Category: hoat-dong-chi-hoi
    Tags:
      - Chuyển đổi số
      - Zalo
    Branches:
      - chi-hoi-6
    Consent: true
    Zalo: 0123
    Summary: |-
      Dòng một: có dấu hai chấm.
      Dòng hai
    ---

    Nội dung bài viết.
    """
)


def test_editor_front_matter_values_lines_and_body():
    header = split_header(EDITOR_FILE)
    assert header.style == "yaml"
    assert header.values == {
        "slug": "chi-hoi-6-sinh-hoat-qua-zalo",
        "title": "Chi hội khu phố 6: sinh hoạt qua Zalo #2",
        "date": "2026-11-20 08:30 +07:00",
        "lang": "vi",
        "category": "hoat-dong-chi-hoi",
        "tags": "Chuyển đổi số, Zalo",
        "branches": "chi-hoi-6",
        "consent": "true",
        "zalo": "0123",  # as written: not the number 83 nor 123
        "summary": "Dòng một: có dấu hai chấm.\nDòng hai",
    }
    lines = EDITOR_FILE.split("\n")
    for key, line in header.lines.items():
        assert lines[line - 1].lower().startswith(key + ":"), (key, line)
    assert header.body.strip() == "Nội dung bài viết."
    assert lines[header.body_line - 1 :] == header.body.split("\n")
    assert header.problems == []


def test_flat_header_is_read_as_before():
    text = "Title: A: b #1\nSummary: one\n    two\nTags: x, y\nTitle: again\n\nBody\n"
    header = split_header(text)
    assert header.style == "flat"
    assert header.values == {"title": "A: b #1", "summary": "one two", "tags": "x, y"}
    assert header.lines == {"title": 1, "summary": 2, "tags": 4}
    assert header.repeated == [("title", 5)]
    assert (header.body, header.body_line) == ("Body\n", 7)


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ('Title: "Ngày 20/10: gặp mặt"', "Ngày 20/10: gặp mặt"),
        ("Title: >-\n  Một dòng\n  gấp lại", "Một dòng gấp lại"),
        ("Title: ~", ""),
        ("Title:", ""),
        ("TITLE: Hoa", "Hoa"),  # keys are case-insensitive
        ("Title: 2026-11-20", "2026-11-20"),  # no YAML dates
        ("Title: yes", "yes"),  # no YAML booleans
    ],
)
def test_yaml_scalars_stay_text_as_written(yaml_text, expected):
    header = split_header(f"---\n{yaml_text}\n---\n\nBody\n")
    assert header.values["title"] == expected
    assert header.lines["title"] == 2


def test_yaml_values_are_nfc():
    decomposed = unicodedata.normalize("NFD", "Phụ nữ")
    header = split_header(f"---\nTitle: {decomposed}\nTags: [{decomposed}]\n---\n")
    assert header.values == {"title": "Phụ nữ", "tags": "Phụ nữ"}


def test_a_list_item_with_a_comma_is_flagged_on_its_line():
    header = split_header("---\nTitle: A\nTags:\n  - Zalo\n  - Hà Nội, Việt Nam\n---\n")
    assert header.values["tags"] == "Zalo, Hà Nội, Việt Nam"
    [problem] = header.problems
    assert problem.line == 5 and "Hà Nội, Việt Nam" in problem.message


def test_nested_values_are_dropped_with_a_message():
    header = split_header("---\nTitle: A\nCover:\n  src: images/a.jpg\nTags: [x, {a: b}]\n---\n")
    assert header.values == {"title": "A", "tags": "x"}
    assert sorted(p.line for p in header.problems) == [4, 5]
    assert all(p.severity == "warning" for p in header.problems)


def test_repeated_yaml_key_keeps_the_first():
    header = split_header("---\nTitle: A\nSummary: s\ntitle: B\n---\n")
    assert header.values["title"] == "A"
    assert header.repeated == [("title", 4)]


def test_invalid_yaml_falls_back_to_lines_with_a_warning():
    header = split_header("---\nTitle: Gặp mặt: 20/10\nTags: x\n---\n\nBody\n")
    assert header.style == "flat"
    assert header.values == {"title": "Gặp mặt: 20/10", "tags": "x"}
    [problem] = header.problems
    assert problem.severity == "warning" and problem.line == 2
    assert "ngoặc kép" in problem.message
    assert header.body.strip() == "Body"


def test_unclosed_fence_is_read_line_by_line():
    header = split_header("---\nTitle: A\n\nBody\n")
    assert header.style == "flat" and header.values == {"title": "A"}


def test_empty_front_matter():
    header = split_header("---\n---\n\nBody\n")
    assert header.values == {} and header.body.strip() == "Body"


@pytest.mark.parametrize(
    "text",
    [EDITOR_FILE, "Title: Một\nDate: 2026-11-20\nTags: a, b\n\nThân bài.\n"],
    ids=["yaml", "flat"],
)
def test_every_header_holds_its_keys_as_one_shared_text(text):
    """A key ("title", "date"…) is one text object whichever file's header it is read
    from, in the values and in the lines: every content keeps both, and a copy of each key
    per article was about 6 % of an article's memory."""
    first, second = split_header(text), split_header(text.replace("Một", "Hai"))
    assert first.values and first.values.keys() == second.values.keys()
    for key, other in zip(first.values, second.values, strict=True):
        assert key is other
    for key, other in zip(first.lines, first.values, strict=True):
        assert key is other
