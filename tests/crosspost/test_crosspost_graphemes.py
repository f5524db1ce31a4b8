"""Grapheme-safe truncation and hashtags (plugins/vietnamese/graphemes.py), and the
fitting of a whole message to a channel's limit (plugins/crosspost/compose.py)."""

from __future__ import annotations

import unicodedata

import pytest
import regex

from tinhoi.crosspost.compose import compose
from tinhoi.vietnamese.graphemes import ELLIPSIS, hashtag, hashtags, length, truncate

LONG = (
    "Hội Liên hiệp Phụ nữ xã tổ chức hội nghị tổng kết công tác Hội và phong trào phụ nữ "
    "năm 2026, triển khai phương hướng nhiệm vụ năm 2027 với sự tham dự của đông đảo "
    "hội viên các chi hội thôn, khu phố trên địa bàn xã. "
) * 30


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _clusters(text: str) -> list[str]:
    return regex.findall(r"\X", text)


@pytest.mark.parametrize("limit", [5, 17, 18, 19, 40, 101, 500, 1999])
@pytest.mark.parametrize("source", [LONG, nfd(LONG), "Nghiêng nước nghiêng thành ệệệệữữữữ" * 9])
def test_truncate_never_splits_a_letter_and_respects_the_limit(source, limit):
    cut = truncate(source, limit)
    assert length(cut) <= limit
    assert unicodedata.is_normalized("NFC", cut)
    body = cut.removesuffix(ELLIPSIS)
    # every cluster of the cut is a whole cluster of the NFC source
    assert unicodedata.normalize("NFC", source).startswith(body)
    assert (
        _clusters(body) == _clusters(unicodedata.normalize("NFC", source))[: len(_clusters(body))]
    )


def test_truncate_cuts_at_a_word_boundary():
    cut = truncate("Đại hội đại biểu phụ nữ xã nhiệm kỳ 2026", 20)
    assert cut == "Đại hội đại biểu…"


def test_short_text_is_returned_whole_in_nfc():
    assert truncate(nfd("Phụ nữ"), 50) == "Phụ nữ"


@pytest.mark.parametrize(
    ("tag", "ascii_only", "expected"),
    [
        ("Chuyển đổi số", False, "#ChuyểnĐổiSố"),
        ("Phụ nữ", False, "#PhụNữ"),
        (nfd("Phụ nữ"), False, "#PhụNữ"),
        ("Phụ nữ", True, "#PhuNu"),
        ("Đảng – đoàn thể", True, "#DangDoanThe"),
        ("LHPN 95 năm", False, "#LHPN95Năm"),
        ("  ,, ", False, ""),
    ],
)
def test_hashtag(tag, ascii_only, expected):
    assert hashtag(tag, ascii_only) == expected


def test_hashtags_drop_repeats_and_honour_the_maximum():
    assert hashtags(["Phụ nữ", "phụ nữ", "Chuyển đổi số", "Gia đình"], limit=2) == [
        "#PhụNữ",
        "#ChuyểnĐổiSố",
    ]


TEMPLATE = "📢 {{ title }}\n\n{{ text }}\n\n👉 Xem bài: {{ link }}\n\n{{ hashtags }}"
LINK = "https://hoi.example.vn/2026/11/hoi-nghi-tong-ket-cong-tac-hoi-va-phong-trao-phu-nu/"


def _values(**changes):
    values = {
        "title": nfd("Hội nghị tổng kết công tác Hội năm 2026"),
        "text": nfd(LONG),
        "summary": "",
        "link": LINK,
        "tags": [],
        "branches": [],
        "category": "",
        "group": "",
        "hashtag_list": ["#PhụNữ", "#ChuyểnĐổiSố", "#HộiNghị"],
    }
    values.update(changes)
    return values


@pytest.mark.parametrize("limit", [150, 300, 2000])
def test_long_vietnamese_post_fits_and_keeps_the_link_whole(limit):
    text, fits = compose(TEMPLATE, _values(), limit)
    assert fits and length(text) <= limit
    assert f"👉 Xem bài: {LINK}" in text
    assert unicodedata.is_normalized("NFC", text)
    assert ELLIPSIS in text


def test_hashtags_go_before_the_text_is_cut():
    short = _values(text="Tin ngắn về hội nghị.")
    full, _ = compose(TEMPLATE, short, 10_000)
    text, fits = compose(TEMPLATE, short, length(full) - 3)
    assert fits and "Tin ngắn về hội nghị." in text and "#HộiNghị" not in text


def test_a_link_longer_than_the_limit_is_reported_not_cut():
    text, fits = compose(TEMPLATE, _values(link=LINK * 10), 200)
    assert not fits and LINK * 10 in text
