"""The Vietnamese text rules as pure functions: NFC, slugs, collation, dates, encodings."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tinhoi.vietnamese.dates import format_day, format_formal, format_number, format_published
from tinhoi.vietnamese.encoding import ERROR, WARNING, decode_source
from tinhoi.vietnamese.frontmatter import split_header
from tinhoi.vietnamese.jinja_filters import search_aliases
from tinhoi.vietnamese.text import d_aliases, d_words, fold, nfc, slugify, vi_sort_key, vi_sorted

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
TONES = "\u0300\u0301\u0303\u0309\u0323"


def encode_cp1258(text: str) -> bytes:
    """Encode like Windows-1258: base letter, then a combining tone mark."""
    out = b""
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
        out += base.encode("cp1258") + tones.encode("cp1258")
    return out


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đại hội đại biểu phụ nữ", "dai-hoi-dai-bieu-phu-nu"),
        (
            "Hội LHPN thị trấn Thọ Xuân:Ứng dụng nền tảng số",
            "hoi-lhpn-thi-tran-tho-xuan-ung-dung-nen-tang-so",
        ),
        (
            "Mô hình “Nuôi heo đất” – giúp hội viên nghèo (năm 2025)",
            "mo-hinh-nuoi-heo-dat-giup-hoi-vien-ngheo-nam-2025",
        ),
        ("Chào mừng ngày 20/10", "chao-mung-ngay-20-10"),
        (unicodedata.normalize("NFD", "Phụ nữ Thanh Hoá"), "phu-nu-thanh-hoa"),
        # U+00D0/U+00F0, the look-alikes legacy encodings and converters leave for Đ/đ
        ("\u00d0ại hội", "dai-hoi"),
        ("Hội \u00f0ồng hương", "hoi-dong-huong"),
        ("\u00d0\u00f0", "dd"),
    ],
)
def test_slugify_is_ascii_with_d_for_dj(title, slug):
    assert slugify(title) == slug


@pytest.mark.parametrize("title", ["\u00d0ại hội", "\u0110ại hội", "\u00f0ại hội"])
def test_look_alike_dj_folds_and_gets_a_search_alias(title):
    assert fold(title) == "dai hoi"
    assert d_aliases(title) == "dai"


SAMPLE = sorted((Path(__file__).resolve().parents[2] / "content" / "articles").rglob("*.md"))


@pytest.mark.parametrize(
    "text",
    [
        "Đại hội đại biểu",
        "đđ_x Đ aĐb đ",  # two in a word, an underscore, a letter alone, one inside a word
        "(Đảng)—đoàn,đội;9đ",
        "\u00d0\u00f0 Ð ð",  # the look-alikes
        "không có chữ nào",
        "",
        "đ" * 3 + " " + "x" * 5000 + "đ",  # a long word: found from the letter out
        *[nfc(path.read_text("utf-8")) for path in SAMPLE[:8]],  # the sample's articles
    ],
)
def test_d_words_are_the_words_the_plain_pattern_finds(text):
    """The scan from each đ out finds what ``\\w*[đĐÐð]\\w*`` finds, in order."""
    assert d_words(text) == re.findall(r"\w*[đĐ\u00d0\u00f0]\w*", text)


def test_slugify_cuts_at_a_word_boundary():
    slug = slugify("Hội LHPN thị trấn Thọ Xuân ứng dụng nền tảng số trong công tác hội " * 3)
    assert len(slug) <= 80
    assert not slug.endswith("-")
    assert slug.split("-")[-1] in slugify(
        "Hội LHPN thị trấn Thọ Xuân ứng dụng nền tảng số trong công tác hội"
    )


def test_fold_merges_tone_placements_and_case():
    assert fold("Thanh Hoá") == fold("thanh hóa") == fold(unicodedata.normalize("NFD", "THANH HÓA"))
    assert fold("Đông") == "dong"


def test_collation_matches_icu_vietnamese_order():
    # expected order is ICU's Collator(Locale("vi")) (domain reference §4)
    expected = [
        "An Phú",
        "Ăn Chay",
        "Ân Thi",
        "Ấp Bắc",
        "Bắc Lương",
        "Duy Tân",
        "Dương Xá",
        "Đa Lộc",
        "Đông Sơn",
        "Ô Môn",
        "Ông Ích Khiêm",
        "Ơn Nghĩa",
        "Uyên Hưng",
        "Ưu Đàm",
        "Xuân Lai",
        "Yên Lạc",
    ]
    shuffled = list(reversed(expected))
    assert vi_sorted(shuffled) == expected
    assert sorted(shuffled) != expected  # plain sorted() puts Đ, Ô, Ư after Y


def test_collation_orders_tones_ngang_huyen_hoi_nga_sac_nang():
    assert vi_sorted(["mạ", "má", "mã", "mả", "mà", "ma"]) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert vi_sort_key(unicodedata.normalize("NFD", "Đông")) == vi_sort_key("Đông")


@pytest.mark.parametrize(
    ("day", "lang", "expected"),
    [
        (dt.date(2026, 11, 28), "vi", "Thứ Bảy, 28/11/2026"),
        (dt.date(2024, 11, 28), "vi", "Thứ Năm, 28/11/2024"),
        (dt.date(2026, 11, 29), "vi", "Chủ Nhật, 29/11/2026"),
        (dt.date(2026, 11, 28), "en", "Saturday, 28 November 2026"),
    ],
)
def test_weekdays_are_computed(day, lang, expected):
    assert format_day(day, lang) == expected


@pytest.mark.parametrize("style", ["long", "short", "month"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_moment_is_formatted_as_its_own_day(style, lang):
    # late evening in Hà Nội is already the next day in UTC: the moment's own day counts
    evening = dt.datetime(2026, 11, 28, 23, 30, tzinfo=HANOI)
    morning = dt.datetime(2026, 11, 29, 0, 10, tzinfo=HANOI)
    assert format_day(evening, lang, style) == format_day(dt.date(2026, 11, 28), lang, style)
    assert format_day(morning, lang, style) == format_day(dt.date(2026, 11, 29), lang, style)
    assert format_day(evening.astimezone(dt.UTC), lang, "long").endswith(
        "28/11/2026" if lang == "vi" else "28 November 2026"
    )


def test_published_line_has_time_and_gmt_offset():
    moment = dt.datetime(2024, 3, 27, 1, 5, tzinfo=dt.UTC).astimezone(HANOI)
    assert format_published(moment, "vi") == "Thứ Tư, 27/03/2024, 08:05 (GMT+7)"
    assert format_published(moment, "en") == "Wednesday, 27 March 2024, 08:05 (GMT+7)"


def test_formal_dates_and_numbers():
    assert format_formal(dt.date(2024, 2, 5)) == "ngày 05 tháng 02 năm 2024"
    assert format_formal(dt.date(2024, 3, 15)) == "ngày 15 tháng 3 năm 2024"
    assert format_number(1535, "vi") == "1.535"
    assert format_number(1535, "en") == "1,535"
    assert format_number(1535.5, "vi") == "1.535,5"


TEXT = "Hội Liên hiệp Phụ nữ Việt Nam: Đại hội ở Thọ Xuân, mùa thu"


def test_utf8_nfc_text_has_no_problem():
    decoded = decode_source(TEXT.encode())
    assert decoded.text == TEXT
    assert decoded.problems == []


def test_nfd_is_normalized_with_a_warning_on_its_line():
    raw = ("Title: x\n\n" + unicodedata.normalize("NFD", TEXT)).encode()
    decoded = decode_source(raw)
    assert decoded.text == nfc(raw.decode())
    [problem] = decoded.problems
    assert (problem.severity, problem.line) == (WARNING, 3)
    assert "NFD" in problem.message


def test_windows_1258_is_converted_with_a_warning():
    decoded = decode_source(encode_cp1258(TEXT))
    assert decoded.text == TEXT
    [problem] = decoded.problems
    assert problem.severity == WARNING and "Windows-1258" in problem.message


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Héi Liªn hiÖp Phô n÷ ViÖt Nam".encode("cp1252"), "TCVN3"),
        ("Hoäi Lieân hieäp Phuï nöõ Vieät Nam".encode("cp1252"), "VNI"),
    ],
)
def test_legacy_font_files_are_refused(raw, name):
    decoded = decode_source(raw)
    assert decoded.text == ""
    [problem] = decoded.problems
    assert problem.severity == ERROR and name in problem.message and "UTF-8" in problem.message


def test_mojibake_is_refused():
    mojibake = decode_source(TEXT.encode("utf-8").decode("cp1252", "replace").encode())
    assert [p.severity for p in mojibake.problems] == [ERROR]


@pytest.mark.parametrize(
    ("pasted", "name"),
    [("Héi Liªn hiÖp Phô n÷", "TCVN3"), ("Hoäi Lieân hieäp Phuï nöõ", "VNI Windows")],
)
def test_legacy_font_residue_in_unicode_text_is_warned(pasted, name):
    """A paragraph pasted from an old document into a UTF-8 file: its line is told."""
    residue = decode_source(f"Tiêu đề Đại hội\n{pasted}\nhết.".encode())
    assert residue.text.startswith("Tiêu đề")
    assert [(p.severity, p.line) for p in residue.problems] == [(WARNING, 2)]
    assert name in residue.problems[0].message


def test_header_keeps_key_lines_and_continuations():
    header = split_header("Title: A\nSummary: one\n    two\nTags: x, y\nTitle: again\n\nBody\n")
    assert header.values == {"title": "A", "summary": "one two", "tags": "x, y"}
    assert header.lines == {"title": 1, "summary": 2, "tags": 4}
    assert header.repeated == [("title", 5)]
    assert header.body == "Body\n" and header.body_line == 7


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20 08:30 +07:00", dt.datetime(2026, 11, 20, 8, 30, tzinfo=HANOI)),
        ("2026-11-20T08:30:00+07:00", dt.datetime(2026, 11, 20, 8, 30, tzinfo=HANOI)),
        ("05/11/2026 08:30", dt.datetime(2026, 11, 5, 8, 30)),  # day first, as written in Vietnam
        ("5.11.2026", dt.datetime(2026, 11, 5)),
    ],
)
def test_officer_dates_are_read_day_first(text, expected):
    from tinhoi.vietnamese.reader import parse_officer_date

    moment = parse_officer_date(text)
    assert moment.replace(tzinfo=None) == expected.replace(tzinfo=None)
    assert moment.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize("text", ["31/02/2026", "ngày 30 tháng 2", "2026-02-30"])
def test_impossible_dates_are_not_guessed(text):
    from tinhoi.vietnamese.reader import parse_officer_date

    assert parse_officer_date(text) is None


@pytest.mark.parametrize(
    ("parts", "aliases"),
    [
        (["Đại hội", None, '<p>Đoàn <b>đi</b> <img alt="Đêm"></p>'], "dai doan di"),
        ("Đại hội đại biểu", "dai"),
        (["Hội nghị", "Tổng kết", "<p>Không có chữ nào</p>"], ""),
    ],
)
def test_search_aliases_spell_each_word_with_d_bar_once_without_markup(parts, aliases):
    assert search_aliases(parts) == aliases


SAVE_ASIDE = """
import sys
from pathlib import Path
from tinhoi.vietnamese.sources import SourceStore

tmp_path = Path(sys.argv[1])
paths = sorted(str(path) for path in (tmp_path / "content").iterdir())
store = SourceStore(tmp_path / "cache", "{}")
assert store.prepare(paths, workers=2) == 30
sizes = {path: sys.getsizeof(store.get(path).content) for path in paths}
store.save_aside()
store.wait_for_saver()
assert {path: sys.getsizeof(store.get(path).content) for path in paths} == sizes
again = SourceStore(tmp_path / "cache", "{}")
assert again.prepare(paths, workers=2) == 0  # all read back from the saved store
assert again.get(paths[3]).content == store.get(paths[3]).content
assert "Đại hội phụ nữ." in again.get(paths[3]).content
"""


SETTLED = """
import os, sys, time
from pathlib import Path
from tinhoi.vietnamese.sources import RACY_NS, SourceStore

tmp_path = Path(sys.argv[1])
paths = sorted(str(path) for path in (tmp_path / "content").iterdir())
saved = time.time_ns() - RACY_NS // 2  # saved just before the build: "racy"
os.utime(paths[3], ns=(saved, saved))
store = SourceStore(tmp_path / "cache", "{}")
assert store.prepare(paths, workers=2) == 30
store.save_aside()
store.wait_for_saver()
held = {path: store.get(path) for path in paths}
sizes = {path: sys.getsizeof(source.content) for path, source in held.items()}
time.sleep((saved + RACY_NS - time.time_ns()) / 1e9 + 0.1)  # a long build reads on
assert store.get(paths[3]) is held[paths[3]]  # no longer racy
store.finished_reading("vi", ["vi"])
assert {path: sys.getsizeof(held[path].content) for path in paths} == sizes
"""


def test_a_source_saved_just_before_the_build_is_not_saved_again_in_the_build(tmp_path):
    # a long build reads the file it converted after its stamp has settled; that alone
    # must not save the store again from the build's own process (every body would then
    # keep its UTF-8 form: 114 MB more at 10,000 articles)
    _write_sources(tmp_path / "content")
    done = subprocess.run(
        [sys.executable, "-c", SETTLED, str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def _write_sources(folder: Path) -> None:
    folder.mkdir()
    for number in range(30):  # enough to convert them in a pool, as a real build does
        (folder / f"bai-{number}.md").write_text(
            f"Title: Hội nghị số {number}\nDate: 2026-11-20\n\n" + "Đại hội phụ nữ. " * 200,
            encoding="utf-8",
        )


def test_the_converted_sources_are_saved_aside_without_growing_the_texts(tmp_path):
    # pickling a text keeps its UTF-8 form inside it: saved in the building process, every
    # article body would stay in memory twice for the rest of the build. The build saves
    # them from a forked process, which it does only while it runs no thread: so the
    # store works in a fresh interpreter, not in this one (earlier tests' servers run here)
    _write_sources(tmp_path / "content")
    done = subprocess.run(
        [sys.executable, "-c", SAVE_ASIDE, str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_a_store_saved_by_the_build_itself_keeps_each_body_once(tmp_path):
    # the live preview (and a build running threads) saves the store in its own process:
    # the bodies go out as bytes, so no text keeps a second, UTF-8 form of itself
    from tinhoi.vietnamese.sources import SourceStore

    _write_sources(tmp_path / "content")
    paths = sorted(str(path) for path in (tmp_path / "content").iterdir())
    store = SourceStore(tmp_path / "cache", "{}", keep_in_memory=True)
    store.prepare(paths, workers=1)
    sizes = {path: sys.getsizeof(store.get(path).content) for path in paths}
    store.save_aside()
    assert {path: sys.getsizeof(store.get(path).content) for path in paths} == sizes
    again = SourceStore(tmp_path / "cache", "{}")
    assert again.prepare(paths, workers=1) == 0
    assert {path: again.get(path) for path in paths} == {path: store.get(path) for path in paths}
