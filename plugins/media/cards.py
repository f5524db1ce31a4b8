"""Share cards (og:image): a 1200×630 crop of the cover, or a branded card with the title.

Pure Pillow. Text is laid out with libraqm when Pillow has it (HarfBuzz shaping: marks
stacked by the font's mark/mkmk rules even for decomposed text) and with Pillow's basic
layout otherwise, which is still right for NFC text because the shipped font has every
precomposed Vietnamese letter. Lines are spaced by the font's full ascent + descent, so a
dot below (ậ) never touches the circumflex and tilde of the next line (Ỗ).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps, features


@dataclass(frozen=True)
class CardText:
    """What a branded card says."""

    title: str
    unit: str
    date: str = ""


@dataclass(frozen=True)
class CardStyle:
    size: tuple[int, int]
    font: str
    font_bold: str
    colors: dict


def layout_engine() -> ImageFont.Layout:
    return ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC


def load_font(path: str, size: int, engine: ImageFont.Layout | None = None):
    """The font at ``path``; Pillow's own font if it cannot be read (logged by the caller)."""
    try:
        return ImageFont.truetype(path, size, layout_engine=engine or layout_engine())
    except OSError:
        return ImageFont.load_default(size)


def line_height(font) -> int:
    ascent, descent = font.getmetrics()
    return ascent + descent


def wrap(text: str, font, width: int) -> list[str]:
    """Greedy word wrap by measured width (Vietnamese breaks between syllables)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def fit_title(text: str, path: str, box: tuple[int, int], sizes=(68, 60, 54, 48, 42)):
    """The largest font size whose wrapped lines fit ``box``; the last size truncates."""
    width, height = box
    for size in sizes:
        font = load_font(path, size)
        lines = wrap(text, font, width)
        if len(lines) * line_height(font) <= height:
            return font, lines
    keep = max(1, height // line_height(font))
    if len(lines) > keep:
        lines = lines[:keep]
        lines[-1] = lines[-1].rstrip(" ,.;:–-") + "…"
    return font, lines


def draw_lines(draw: ImageDraw.ImageDraw, xy, lines, font, fill) -> int:
    """Draw ``lines`` from the top-left ``xy``; return the y below the last line."""
    x, y = xy
    for line in lines:
        draw.text((x, y), line, font=font, fill=fill, anchor="la")
        y += line_height(font)
    return y


def render_branded(text: CardText, style: CardStyle, emblem: Image.Image | None = None):
    """A card in the union's colours: unit name, title, date."""
    width, height = style.size
    colors = style.colors
    card = Image.new("RGB", style.size, colors["background"])
    draw = ImageDraw.Draw(card)
    scale = height / 630
    margin = round(72 * scale)
    draw.rectangle((0, 0, round(18 * scale), height), fill=colors["accent"])
    draw.rectangle((0, height - round(10 * scale), width, height), fill=colors["accent"])

    unit_font = load_font(style.font_bold, round(32 * scale))
    top = round(48 * scale)
    x = margin
    if emblem is not None:
        side = round(64 * scale)
        mark = ImageOps.contain(emblem.convert("RGBA"), (side, side))
        card.paste(mark, (x, top), mark)
        x += side + round(20 * scale)
    unit_top = top + (round(64 * scale) - line_height(unit_font)) // 2
    unit_lines = wrap(nfc(text.unit), unit_font, width - x - margin)[:1]
    draw_lines(draw, (x, unit_top), unit_lines, unit_font, colors["accent"])

    title_top = round(150 * scale)
    title_box = (width - 2 * margin, round(380 * scale))
    sizes = tuple(round(s * scale) for s in (68, 60, 54, 48, 42))
    font, lines = fit_title(nfc(text.title), style.font_bold, title_box, sizes)
    draw_lines(draw, (margin, title_top), lines, font, colors["ink"])

    if text.date:
        date_font = load_font(style.font, round(30 * scale))
        date_top = height - round(60 * scale) - line_height(date_font)
        draw_lines(draw, (margin, date_top), [nfc(text.date)], date_font, colors["muted"])
    return card


def title_box(size: tuple[int, int]) -> tuple[int, int, int, int]:
    """Where ``render_branded`` sets the title: (left, top, right, bottom)."""
    width, height = size
    scale = height / 630
    margin = round(72 * scale)
    return margin, round(150 * scale), width - margin, round(530 * scale)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(str(text).split()))


def attention_offset(energy: list[float], window: int) -> int:
    """Start of the ``window`` with the most energy, ties broken toward the centre."""
    if window >= len(energy):
        return 0
    centre = (len(energy) - window) / 2
    total = sum(energy[:window])
    best, best_score = 0, None
    for start in range(len(energy) - window + 1):
        if start:
            total += energy[start + window - 1] - energy[start - 1]
        # a light pull to the centre: a flat photo keeps its middle
        score = total * (1 - 0.15 * abs(start - centre) / max(centre, 1))
        if best_score is None or score > best_score + 1e-9:
            best, best_score = start, score
    return best


def attention_box(image: Image.Image, aspect: float) -> tuple[int, int, int, int]:
    """The crop of ratio ``aspect`` (w/h) that keeps the busiest part of the photo.

    Busy = edges (faces, people, text, banners are detailed; sky and walls are not),
    measured on a small grey copy. Only one axis is ever cropped.
    """
    width, height = image.size
    small = image.convert("L")
    small.thumbnail((160, 160))
    edges = small.filter(ImageFilter.FIND_EDGES)
    sw, sh = edges.size
    data = edges.load()
    if width / height > aspect:  # too wide: choose columns
        crop_w = round(height * aspect)
        energy = [sum(data[x, y] for y in range(sh)) for x in range(sw)]
        window = max(1, round(sw * crop_w / width))
        start = attention_offset(energy, window)
        # map the thumbnail's range of starts onto the photo's, ends included
        left = round(start * (width - crop_w) / max(1, sw - window))
        return left, 0, left + crop_w, height
    crop_h = round(width / aspect)
    energy = [sum(data[x, y] for x in range(sw)) for y in range(sh)]
    window = max(1, round(sh * crop_h / height))
    start = attention_offset(energy, window)
    top = round(start * (height - crop_h) / max(1, sh - window))
    return 0, top, width, top + crop_h


def render_cover(image: Image.Image, size: tuple[int, int], background: str) -> Image.Image:
    """The cover cropped to ``size`` around its busiest part."""
    if image.mode == "RGBA":
        canvas = Image.new("RGB", image.size, background)
        canvas.paste(image, mask=image.getchannel("A"))
        image = canvas
    box = attention_box(image, size[0] / size[1])
    return image.crop(box).resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
