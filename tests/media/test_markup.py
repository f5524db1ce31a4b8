"""The body rewriting of the media plugin, as pure functions on HTML text."""

from __future__ import annotations

import pytest

from tinhoi.media.articles import PHOTO_IN_TAG
from tinhoi.media.markup_html import replace_tags


def _photo_img(tag: str, attrs: dict) -> str:
    return f"<picture>{tag}</picture>" if attrs.get("src", "").endswith(".jpg") else tag


def _photo_link(tag: str, attrs: dict) -> str:
    return tag.replace(attrs["href"], "/media/" + attrs["href"])


@pytest.mark.parametrize(
    "body",
    [
        "<p>Chi hội họp mặt đầu năm.</p>",
        '<p>Xem <a href="https://example.vn/tin">tin của Hội</a>.</p>',
        '<p><img src="so-do.svg" alt="Sơ đồ"></p>',
    ],
    ids=["no tags", "a link to a page", "an image that is not a photo"],
)
def test_a_body_with_nothing_to_rewrite_is_given_back_as_it_came(body):
    # the same object, not an equal copy: a copy would keep each body twice in memory
    assert replace_tags(body, _photo_img, _photo_link, PHOTO_IN_TAG) is body


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<p><img src="hop-mat.jpg" alt="Họp mặt"></p>', '<picture><img src="hop-mat.jpg"'),
        ('<p><a href="hop-mat.jpg">ảnh lớn</a></p>', 'href="/media/hop-mat.jpg"'),
    ],
    ids=["a photo", "a link to a photo"],
)
def test_a_body_with_a_photo_is_rewritten(body, expected):
    assert expected in replace_tags(body, _photo_img, _photo_link, PHOTO_IN_TAG)
