"""Share cards: size, readable title, Vietnamese marks stacked without collisions."""

from __future__ import annotations

import shutil
import unicodedata

import pytest
from conftest import SAMPLE_CONTENT, run_build
from PIL import Image, ImageDraw, ImageFont, features

from tinhoi.media.cards import (
    CardStyle,
    CardText,
    draw_lines,
    fit_title,
    line_height,
    load_font,
    render_branded,
    render_cover,
    title_box,
)
from tinhoi.media.settings import DEFAULTS

BOLD = DEFAULTS["card_font_bold"]
ENGINES = [ImageFont.Layout.BASIC] + ([ImageFont.Layout.RAQM] if features.check("raqm") else [])
STYLE = CardStyle((1200, 630), DEFAULTS["card_font"], BOLD, DEFAULTS["card_colors"])


def _ink_rows(image: Image.Image) -> list[int]:
    grey = image.convert("L")
    width, height = grey.size
    data = grey.load()
    return [y for y in range(height) if any(data[x, y] < 128 for x in range(width))]


def _runs(rows: list[int]) -> int:
    """Separate vertical pieces of ink (a base letter and each mark above or below it)."""
    return sum(1 for i, y in enumerate(rows) if i == 0 or rows[i - 1] != y - 1)


def _render(text: str, engine, size: int = 160) -> tuple[Image.Image, object]:
    font = ImageFont.truetype(BOLD, size, layout_engine=engine)
    image = Image.new("L", (size * 3, size * 2), 255)
    ImageDraw.Draw(image).text((20, 20), text, font=font, fill=0, anchor="la")
    return image, font


@pytest.mark.parametrize("engine", ENGINES, ids=lambda e: e.name)
@pytest.mark.parametrize(
    ("letter", "pieces"), [("o", 1), ("ô", 2), ("ỗ", 3), ("ậ", 3), ("Ỗ", 3), ("Ậ", 3)]
)
def test_stacked_marks_render_as_separate_pieces(engine, letter, pieces):
    image, font = _render(letter, engine)
    assert _runs(_ink_rows(image)) == pieces
    # the ink sits where the font says the glyph is: the same top and bottom (marks
    # included), within the advance box left to right (20 px offset, anti-aliasing)
    left, top, right, bottom = (edge + 20 for edge in font.getbbox(letter, anchor="la"))
    ink = image.point(lambda v: 255 if v < 128 else 0).getbbox()
    assert ink is not None
    assert abs(ink[1] - top) <= 2 and abs(ink[3] - bottom) <= 2
    assert left - 2 <= ink[0] and ink[2] <= right + 2


@pytest.mark.skipif(not features.check("raqm"), reason="needs libraqm")
def test_decomposed_marks_are_stacked_by_shaping():
    nfd = unicodedata.normalize("NFD", "ỗ")
    assert len(nfd) == 3
    composed, _ = _render("ỗ", ImageFont.Layout.RAQM)
    decomposed, _ = _render(nfd, ImageFont.Layout.RAQM)
    assert _runs(_ink_rows(decomposed)) == 3
    assert composed.getbbox() == decomposed.getbbox() or _ink_rows(composed) == _ink_rows(
        decomposed
    )


@pytest.mark.parametrize("engine", ENGINES, ids=lambda e: e.name)
def test_lines_leave_room_for_marks_above_and_below(engine):
    font = ImageFont.truetype(BOLD, 64, layout_engine=engine)
    first = Image.new("L", (600, 300), 255)
    second = Image.new("L", (600, 300), 255)
    draw_lines(ImageDraw.Draw(first), (10, 10), ["gỵ ậ"], font, 0)
    draw_lines(ImageDraw.Draw(second), (10, 10 + line_height(font)), ["ỖẪ Ậ"], font, 0)
    assert max(_ink_rows(first)) < min(_ink_rows(second))


def test_branded_card_has_the_title_where_it_belongs():
    text = CardText(
        "Hội nghị tổng kết công tác Hội năm 2026: mỗi chi hội một mô hình",
        "Hội LHPN xã Lam Chu",
        "Thứ Bảy, 28/11/2026",
    )
    card = render_branded(text, STYLE)
    assert card.size == (1200, 630) and card.mode == "RGB"
    left, top, right, bottom = title_box(card.size)
    title = card.crop((left, top, right, bottom)).convert("L")
    dark = sum(1 for value in title.get_flattened_data() if value < 80)
    assert dark > 0.04 * title.width * title.height  # big, dark, readable letters
    blank = card.crop((right + 10, top, card.width - 10, bottom)).convert("L")
    assert min(blank.get_flattened_data()) > 200  # nothing spills into the margin


def test_a_very_long_title_is_cut_with_an_ellipsis_and_fits():
    title = " ".join(["Hội nghị tuyên truyền phòng chống bạo lực gia đình"] * 8)
    font, lines = fit_title(title, BOLD, (1056, 380), (68, 60, 54, 48, 42))
    assert lines[-1].endswith("…")
    assert len(lines) * line_height(font) <= 380
    assert all(font.getlength(line) <= 1056 for line in lines[:-1])


def test_cover_card_is_the_crop_of_the_cover():
    cover = Image.new("RGB", (1600, 1200), (200, 200, 200))
    cover.paste(Image.new("RGB", (400, 300), (10, 10, 10)), (600, 50))
    card = render_cover(cover, (1200, 630), "#ffffff")
    assert card.size == (1200, 630)
    assert min(card.convert("L").get_flattened_data()) < 40  # the detail at the top is kept


def test_unreadable_font_falls_back_without_crashing(tmp_path):
    font = load_font(str(tmp_path / "missing.ttf"), 40)
    assert font.getlength("Hội") > 0


def test_share_cards_are_named_the_same_whichever_folder_builds_the_site(tmp_path):
    """The officer's laptop and the hosted workflow build from different folders: a card's
    address (the og:image of every post) must not depend on where the fonts lie, or each
    deploy from the other machine would blank the pictures of the posts already made."""
    fonts = tmp_path / "elsewhere" / "fonts"
    fonts.mkdir(parents=True)
    moved = {}
    for key in ("card_font", "card_font_bold"):
        moved[key] = str(shutil.copy2(DEFAULTS[key], fonts))
    here = run_build(tmp_path / "here", SAMPLE_CONTENT, SEARCH_INDEX=False)
    there = run_build(tmp_path / "there", SAMPLE_CONTENT, SEARCH_INDEX=False, MEDIA=moved)
    assert here.result.ok and there.result.ok, there.messages
    cards = sorted(p.name for p in (here.output / "media" / "og").rglob("*.jpg"))
    assert cards and cards == sorted(p.name for p in (there.output / "media" / "og").rglob("*.jpg"))
