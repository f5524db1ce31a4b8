"""The sample site in Debian's Chromium: what a reader on a phone or a desk sees and does."""

from __future__ import annotations

import pytest
from browser import DESKTOP, PHONE, axe_violations, visit

pytestmark = pytest.mark.browser

ARTICLE = "2026/11/xa-lam-chu-mit-tinh-huong-ung-thang-hanh-dong-vi-binh-dang-gioi/"
PAGES = {
    "home": "",
    "article": ARTICLE,
    "category": "chuyen-muc/hoat-dong-chi-hoi/",
    "home-en": "en/",
    "branches": "chi-hoi/",
    "former-unit": "don-vi-cu/tt-tho-xuan/",
    "follow": "nhan-tin/",
    "privacy-en": "en/privacy/",
    "accessibility": "tiep-can/",
}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_page_loads_cleanly_and_stays_on_this_machine(
    chromium, served_site, artifacts, name, viewport
):
    with visit(chromium, served_site + PAGES[name], VIEWPORTS[viewport]) as seen:
        seen.page.screenshot(path=str(artifacts / f"{name}-{viewport}.png"), full_page=True)
        assert seen.console_errors == []
        assert seen.offsite == []
        width = seen.page.evaluate("document.documentElement.scrollWidth")
        assert width <= VIEWPORTS[viewport]["width"], "the page scrolls sideways"
        assert axe_violations(seen.page) == []


@pytest.mark.parametrize("name", PAGES)
def test_dark_mode_passes_axe(chromium, served_site, artifacts, name):
    with visit(chromium, served_site + PAGES[name], color_scheme="dark") as seen:
        background = seen.page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background != "rgb(255, 255, 255)"
        seen.page.screenshot(path=str(artifacts / f"{name}-phone-dark.png"))
        assert axe_violations(seen.page) == []


def test_language_switch_by_clicking(chromium, served_site):
    with visit(chromium, served_site + ARTICLE) as seen:
        page = seen.page
        page.get_by_role("banner").get_by_role("link", name="English").click()
        page.wait_for_url(served_site + "en/" + ARTICLE)
        assert page.get_attribute("html", "lang") == "en"
        page.locator("#main").get_by_role("link", name="Tiếng Việt").click()
        page.wait_for_url(served_site + ARTICLE)
        assert page.get_attribute("html", "lang") == "vi"
        assert seen.console_errors == [] and seen.offsite == []


def test_pagination_by_clicking(chromium, served_site):
    with visit(chromium, served_site) as seen:
        page = seen.page
        first = page.locator("#latest-title ~ .cards h3 a").first.inner_text()
        page.get_by_role("link", name="Trang sau").click()
        page.wait_for_url(served_site + "trang/2/")
        assert page.locator("h1").inner_text() == "Tin mới"
        assert page.locator(".cards h3 a").first.inner_text() != first
        page.get_by_role("link", name="Trang trước").click()
        page.wait_for_url(served_site)
        assert page.locator("#latest-title ~ .cards h3 a").first.inner_text() == first


def _text_px(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.querySelector('.sapo')).fontSize)")


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_text_size_control(chromium, served_site, javascript):
    with visit(chromium, served_site + ARTICLE, javascript=javascript) as seen:
        page = seen.page
        normal = _text_px(page)
        page.locator("label[for=ts-l]").click()
        larger = _text_px(page)
        page.locator("label[for=ts-s]").click()
        smaller = _text_px(page)
        assert smaller < normal < larger
        assert larger >= 1.15 * normal
        page.keyboard.press("ArrowRight")  # the radios are a keyboard-operable group
        assert page.locator("#ts-m").is_checked()
        assert _text_px(page) == normal
        page.locator("label[for=ts-l]").click()
        page.goto(served_site)
        page.goto(served_site + ARTICLE)
        # with JavaScript the choice is remembered; without, every page starts at normal
        assert _text_px(page) == (larger if javascript else normal)
        assert seen.console_errors == []


def test_sharing_without_third_party_code(chromium, served_site):
    with visit(chromium, served_site + ARTICLE, javascript=False) as seen:
        share = seen.page.locator(".share")
        assert share.get_by_role("button").count() == 0  # nothing that needs a script
        facebook = share.get_by_role("link", name="Chia sẻ lên Facebook")
        assert facebook.get_attribute("href").startswith(
            "https://www.facebook.com/sharer/sharer.php?u=http%3A//127.0.0.1%3A8000/2026/11/"
        )
    with visit(chromium, served_site + ARTICLE) as seen:
        page = seen.page
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        page.get_by_role("button", name="Sao chép liên kết").click()
        page.wait_for_function("document.querySelector('.share-status').textContent !== ''")
        assert page.locator(".share-status").inner_text() == "Đã sao chép liên kết"
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.locator("link[rel=canonical]").get_attribute("href")
        assert seen.offsite == []


def test_sections_menu_works_at_360_px_without_javascript(chromium, served_site):
    viewport = {"width": 360, "height": 640}
    with visit(chromium, served_site, viewport, javascript=False) as seen:
        page = seen.page
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        links = page.locator("nav.sections a")
        assert links.count() >= 8
        last = links.last
        last.scroll_into_view_if_needed()
        assert last.is_visible()
        box = last.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
        target = last.get_attribute("href")
        last.click()
        page.wait_for_url(served_site + target.lstrip("/"))


def _bright_columns(png: bytes) -> list[int]:
    """x of every pixel column of a screenshot that holds light (text) pixels on the bar."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(png)) as shot:
        grey = shot.convert("L")
        return [
            x
            for x in range(grey.width)
            # rows clear of the bar's edges and the current-section underline
            if max(grey.getpixel((x, y)) for y in range(2, grey.height - 8)) > 160
        ]


def test_sections_menu_fades_out_at_the_edge_instead_of_cutting_a_word(chromium, served_site):
    viewport = {"width": 360, "height": 640}
    with visit(chromium, served_site, viewport, javascript=False) as seen:
        page = seen.page
        menu = page.locator("nav.sections ul")
        assert menu.evaluate("m => m.scrollWidth > m.clientWidth")  # it does scroll here
        links = page.locator("nav.sections a")
        boxes = [links.nth(i).bounding_box() for i in range(links.count())]
        assert any(b["x"] < 360 < b["x"] + b["width"] for b in boxes)  # a word at the edge
        assert "gradient" in menu.evaluate("m => getComputedStyle(m).maskImage")
        columns = _bright_columns(page.locator("nav.sections").screenshot())
        assert columns and max(columns) < 360 - 12  # the edge word has faded out, not cut
        menu.evaluate("m => { m.scrollLeft = m.scrollWidth }")
        last = links.last.bounding_box()
        assert last["x"] + last["width"] <= 360 - 24  # the last one scrolls clear of the fade
        columns = _bright_columns(page.locator("nav.sections").screenshot())
        assert max(columns) >= last["x"] + last["width"] - 20  # and is shown in full


def test_text_has_room_for_stacked_marks(chromium, served_site):
    script = """[...document.querySelectorAll('h1, h2, h3, p, li, a, figcaption')]
        .filter(e => e.offsetParent !== null && e.textContent.trim())
        .map(e => { const s = getComputedStyle(e);
                    return [e.tagName, parseFloat(s.lineHeight) / parseFloat(s.fontSize)]; })
        .filter(([, ratio]) => ratio < 1.499)"""
    for path in ("", ARTICLE):
        with visit(chromium, served_site + path) as seen:
            assert seen.page.evaluate(script) == []


def test_skip_link_is_first_and_focus_is_visible(chromium, served_site):
    with visit(chromium, served_site + ARTICLE) as seen:
        page = seen.page
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.getAttribute('href')")
        assert focused == "#main"
        assert page.evaluate("getComputedStyle(document.activeElement).top") != "-160px"
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, s.outlineWidth]; })()"
        )
        assert style[0] != "none" and style[1] != "0px"


def test_print_keeps_the_story_and_drops_the_controls(chromium, served_site):
    with visit(chromium, served_site + ARTICLE) as seen:
        page = seen.page
        page.emulate_media(media="print")
        shown = page.evaluate(
            """['.sections', '.share', '.topbar', '.related', '.neighbors', 'h1', '.sapo',
                '.cover img', '.byline']
               .map(s => getComputedStyle(document.querySelector(s)).display)"""
        )
        assert shown[:5] == ["none"] * 5
        assert "none" not in shown[5:]


@pytest.mark.parametrize("path", ["tim-kiem/?q=phu+nu", "en/search/?q=women"])
def test_search_page_with_results_passes_axe(chromium, served_site, path):
    with visit(chromium, served_site + path) as seen:
        seen.page.wait_for_selector(".pagefind-ui__result-link", timeout=10_000)
        assert seen.console_errors == []
        assert seen.offsite == []
        assert axe_violations(seen.page) == []
