"""The reader pages of both languages: follow (feeds, fanpage, Zalo, QR codes), privacy
and accessibility, built from the data files and linked from every page's footer."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import pytest
import qrcode
from conftest import SAMPLE_CONTENT, run_build
from html_tools import Page
from qrcode.constants import ERROR_CORRECT_M

from tinhoi.readerpages.channels import Channel, social
from tinhoi.readerpages.qr import qr_svg
from tinhoi.unitdata.loading import load_unit_data

SVG = "{http://www.w3.org/2000/svg}"
PAGES = {
    "vi": {
        "follow": "nhan-tin/index.html",
        "privacy": "quyen-rieng-tu/index.html",
        "accessibility": "tiep-can/index.html",
    },
    "en": {
        "follow": "en/follow/index.html",
        "privacy": "en/privacy/index.html",
        "accessibility": "en/accessibility/index.html",
    },
}


def qr_codes(text: str) -> list[tuple[str, ET.Element]]:
    """(aria-label, parsed SVG) of each QR code of a page."""
    found = []
    pattern = r'<span class="?qr"? role="?img"? aria-label="([^"]+)">(<svg.*?</svg>)</span>'
    for label, svg in re.findall(pattern, text, re.S):
        found.append((html.unescape(label), ET.fromstring(svg)))
    return found


def modules(svg: ET.Element) -> set[tuple[int, int]]:
    """The dark modules (column, row) the SVG draws: one "Mx,yH…V…H…z" square each."""
    path = svg.find(f"{SVG}path")
    return {(int(x), int(y)) for x, y in re.findall(r"M(\d+),(\d+)H", path.get("d"))}


def expected_modules(address: str) -> set[tuple[int, int]]:
    """The dark modules of ``address``'s QR code, worked out apart from the page."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(address)
    code.make(fit=True)
    matrix = code.get_matrix()
    return {(x, y) for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("kind", ["follow", "privacy", "accessibility"])
def test_every_page_links_the_reader_pages_in_its_footer(sample_site, lang, kind):
    for page_path in ("index.html" if lang == "vi" else "en/index.html", PAGES[lang][kind]):
        page = Page(sample_site.output / page_path)
        target = "/" + PAGES[lang][kind].removesuffix("index.html")
        assert ("a", target) in page.links
        assert page.lang == lang


@pytest.mark.parametrize(
    ("lang", "feeds", "words"),
    [
        (
            "vi",
            [
                "http://127.0.0.1:8000/feeds/rss.xml",
                "http://127.0.0.1:8000/feeds/atom.xml",
                "http://127.0.0.1:8000/feeds/hoat-dong-hoi.rss.xml",
                "http://127.0.0.1:8000/en/feeds/rss.xml",
            ],
            [
                "Cài một ứng dụng đọc tin RSS",
                "Trong ứng dụng, chọn “Thêm nguồn tin”",
                "Từ đó bài mới tự hiện trong ứng dụng",
            ],
        ),
        (
            "en",
            [
                "http://127.0.0.1:8000/en/feeds/rss.xml",
                "http://127.0.0.1:8000/en/feeds/atom.xml",
                "http://127.0.0.1:8000/en/feeds/union-activities.rss.xml",
                "http://127.0.0.1:8000/feeds/rss.xml",
            ],
            [
                "Install a free feed reader app",
                "In the app, choose “Add feed”",
                "New articles then appear in the app by themselves",
            ],
        ),
    ],
)
def test_follow_page_lists_the_feeds_with_a_three_line_howto(sample_site, lang, feeds, words):
    path = sample_site.output / PAGES[lang]["follow"]
    page = Page(path)
    for feed in feeds:
        assert ("a", feed) in page.links
        assert (sample_site.output / feed.split("8000/")[1]).is_file()  # the feed exists
    howto = re.search(r'<ol class="?howto"?>(.*?)</ol>', path.read_text(encoding="utf-8"), re.S)
    items = re.findall(r"<li>(.*?)</li>", howto.group(1), re.S)
    assert len(items) == 3
    for word, item in zip(words, items, strict=True):
        assert word in html.unescape(item)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_follow_page_has_a_qr_code_for_the_feed_fanpage_and_zalo(sample_site, lang):
    text = (sample_site.output / PAGES[lang]["follow"]).read_text(encoding="utf-8")
    codes = qr_codes(text)
    labels = [label for label, _ in codes]
    feed = "Tất cả tin" if lang == "vi" else "All news"
    assert len(labels) == 6
    assert labels[0].endswith(feed)
    assert "Facebook" in labels[1] and "Zalo" in labels[2]
    assert "Nhóm Tuyến phố văn minh" in labels[4] and "Nhóm văn nghệ" in labels[5]
    page = Page(sample_site.output / PAGES[lang]["follow"])
    feed_url = "http://127.0.0.1:8000/" + ("en/" if lang == "en" else "") + "feeds/rss.xml"
    addresses = [
        feed_url,
        "https://www.facebook.com/example-hoiphunu-lamchu",
        "https://zalo.me/example-oa-lamchu",
        "https://zalo.me/g/example-lamchu",
        "https://zalo.me/g/example-tpvm",
        "https://zalo.me/g/example-vannghe",
    ]
    for (_, svg), address in zip(codes, addresses, strict=True):
        assert modules(svg) == expected_modules(address)  # each code opens its own link
        assert ("a", address) in page.links
    # the private executive committee group (no link in unit.yml) is not offered
    assert "BCH Hội LHPN xã" not in page.text


def test_qr_code_carries_the_address(sample_site):
    """The QR encodes the address: the same address gives the same code on both sites."""
    vi = dict(qr_codes((sample_site.output / PAGES["vi"]["follow"]).read_text("utf-8")))
    en = dict(qr_codes((sample_site.output / PAGES["en"]["follow"]).read_text("utf-8")))
    vi_fanpage = next(svg for label, svg in vi.items() if "Facebook" in label)
    en_fanpage = next(svg for label, svg in en.items() if "Facebook" in label)
    assert ET.tostring(vi_fanpage) == ET.tostring(en_fanpage)
    vi_feed = next(iter(vi.values()))
    en_feed = next(iter(en.values()))
    assert ET.tostring(vi_feed) != ET.tostring(en_feed)  # two different feed addresses


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "vi",
            [
                "Trang thu thập gì về chị: không gì cả",
                "Không cookie",
                "Trong vòng 3 ngày làm việc",
                "hoiphunu.lamchu@example.vn",
                "91/2025/QH15",
                "EXIF, vị trí GPS",
            ],
        ),
        (
            "en",
            [
                "What this site collects about you: nothing",
                "No cookies",
                "within 3 working days",
                "hoiphunu.lamchu@example.vn",
                "91/2025/QH15",
                "EXIF, GPS position",
            ],
        ),
    ],
)
def test_privacy_page(sample_site, lang, words):
    page = Page(sample_site.output / PAGES[lang]["privacy"])
    for word in words:
        assert word in page.text
    assert ("a", "mailto:hoiphunu.lamchu@example.vn") in page.links


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "vi",
            [
                "WCAG 2.1 AA",
                "axe",
                "Lần kiểm tra gần nhất: 01/12/2026",
                "Tệp văn bản PDF được đăng như bản gốc",
                "trong vòng 3 ngày làm việc",
            ],
        ),
        (
            "en",
            [
                "WCAG 2.1 AA",
                "axe",
                "Last checked: 1 Dec 2026",
                "PDF documents are published as received",
                "within 3 working days",
            ],
        ),
    ],
)
def test_accessibility_statement(sample_site, lang, words):
    page = Page(sample_site.output / PAGES[lang]["accessibility"])
    for word in words:
        assert word in page.text
    assert ("a", "tel:02373868000") in page.links


def test_pages_follow_the_data(tmp_path, content_dir):
    data = content_dir / "data"
    (data / "policies.yml").write_text(
        "removal_days: 1\ncontact_email: dulieu@example.vn\nstandard: WCAG 2.2 AA\n"
        "known_limits:\n  - text: Bản đồ chưa có mô tả.\n"
        "    text_en: The map has no description.\n",
        encoding="utf-8",
    )
    unit = (data / "unit.yml").read_text(encoding="utf-8")
    unit = re.sub(r"^zalo_oa: .*\n", "", unit, flags=re.M)
    (data / "unit.yml").write_text(unit, encoding="utf-8")
    site = run_build(tmp_path, content_dir, SEARCH_INDEX=False)
    privacy = Page(site.output / "en/privacy/index.html")
    assert "within 1 working day of your request" in privacy.text
    assert ("a", "mailto:dulieu@example.vn") in privacy.links
    statement = Page(site.output / "tiep-can/index.html")
    assert "WCAG 2.2 AA" in statement.text and "Bản đồ chưa có mô tả." in statement.text
    assert "Lần kiểm tra gần nhất" not in statement.text  # no date given
    follow = site.read("nhan-tin/index.html")
    assert "zalo.me/example-oa-lamchu" not in follow
    assert len(qr_codes(follow)) == 5


def test_bad_policies_are_named_with_file_and_line(tmp_path, content_dir):
    (content_dir / "data" / "policies.yml").write_text(
        "removal_days: ba\nknown_limits:\n  - Thiếu text\n", encoding="utf-8"
    )
    site = run_build(tmp_path, content_dir, SEARCH_INDEX=False)
    assert site.result.ok
    messages = site.messages_about("policies.yml")
    assert any(m.startswith("content/data/policies.yml:1: “removal_days: ba”") for m in messages)
    assert any("mỗi hạn chế cần “text:”" in m for m in messages)


@pytest.mark.parametrize("kind", ["follow", "privacy", "accessibility"])
def test_reader_pages_name_each_other_as_translations(sample_site, kind):
    vi = Page(sample_site.output / PAGES["vi"][kind])
    en = Page(sample_site.output / PAGES["en"][kind])
    expected = {
        "vi": "http://127.0.0.1:8000/" + PAGES["vi"][kind].removesuffix("index.html"),
        "en": "http://127.0.0.1:8000/" + PAGES["en"][kind].removesuffix("index.html"),
    }
    expected["x-default"] = expected["vi"]
    assert vi.alternates == en.alternates == expected


def test_the_follow_page_draws_its_qr_codes_only_when_it_is_rendered():
    """The channels carry their addresses; a code is drawn when a page shows it, so a build
    that keeps the follow page draws none (the page's key covers each address)."""
    data, _problems = load_unit_data(SAMPLE_CONTENT / "data")
    qr_svg.cache_clear()
    channels = social(data.unit, "vi")
    assert [c.url for c in channels if c.with_qr] == [
        "https://www.facebook.com/example-hoiphunu-lamchu",
        "https://zalo.me/example-oa-lamchu",
        "https://zalo.me/g/example-lamchu",
        "https://zalo.me/g/example-tpvm",
        "https://zalo.me/g/example-vannghe",
    ]
    assert qr_svg.cache_info().misses == 0
    fanpage = channels[0]
    assert modules(ET.fromstring(fanpage.qr)) == expected_modules(fanpage.url)
    assert qr_svg.cache_info().misses == 1
    assert Channel("category_feed", "Tin", "https://example.vn/feeds/tin.xml").qr == ""
