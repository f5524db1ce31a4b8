"""The built theme without a browser: link previews, article parts, documents, home
blocks, pagination, 404, weight budgets and the gettext catalogs."""

from __future__ import annotations

import gzip
import html as htmlmod
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from conftest import ROOT, run_build, write_source

FEATURED = "2026/11/xa-lam-chu-mit-tinh-huong-ung-thang-hanh-dong-vi-binh-dang-gioi"
ZALO = "2026/11/chi-hoi-khu-pho-6-sinh-hoat-truc-tuyen-qua-zalo"
DOCUMENT = "2026/11/ke-hoach-hoat-dong-huong-ung-thang-hanh-dong-vi-binh-dang-gioi-nam-2026"
REPOST = "2024/03/hoi-phu-nu-thi-tran-tho-xuan-dua-sinh-hoat-hoi-len-nen-tang-so"
PUBLIC = "https://hoiphunu.example.vn"
KB = 1024


class Doc(HTMLParser):
    """Meta tags, head links, JSON-LD blocks, and elements by class, of one page."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict] = []
        self.jsonld: list[dict] = []
        self.classes: dict[str, list[str]] = {}
        self.anchors: list[dict] = []
        self.imgs: list[dict] = []
        self._open: list[tuple[str, list[str]]] = []
        self._script = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs["name"]
            self.meta.setdefault(key, []).append(attrs.get("content", ""))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "a":
            self.anchors.append(attrs)
        elif tag == "img":
            self.imgs.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._script = []
        if tag not in ("meta", "link", "img", "input", "br", "hr"):
            self._open.append((tag, (attrs.get("class") or "").split()))

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.jsonld.append(json.loads("".join(self._script)))
            self._script = None
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        for _, classes in self._open:
            for name in classes:
                self.classes.setdefault(name, []).append(data)

    def text(self, css_class: str) -> str:
        return " ".join("".join(self.classes.get(css_class, [])).split())

    def one(self, key: str) -> str:
        values = self.meta.get(key, [])
        assert len(values) == 1, (key, values)
        return values[0]

    def link(self, rel: str, **attrs) -> list[str]:
        return [
            link["href"]
            for link in self.links
            if link.get("rel") == rel and all(link.get(k) == v for k, v in attrs.items())
        ]


def page(site, path: str) -> Doc:
    path = path if path.endswith(".html") else path.rstrip("/") + "/index.html"
    return Doc(site.read(path.lstrip("/")))


def test_article_link_preview_tags(published_site):
    doc = page(published_site, FEATURED)
    url = f"{PUBLIC}/{FEATURED}/"
    assert doc.link("canonical") == [url]
    assert doc.one("og:url") == url
    assert doc.one("og:type") == "article"
    assert doc.one("og:title").startswith("Xã Lam Chu mít tinh")
    assert doc.one("og:description").startswith("Khoảng 350 người")
    assert doc.one("og:locale") == "vi_VN"
    assert doc.meta["og:locale:alternate"] == ["en_US"]
    assert doc.one("og:site_name") == "Hội LHPN xã Lam Chu"
    assert doc.one("og:image").startswith(f"{PUBLIC}/")
    assert int(doc.one("og:image:width")) >= 600 and int(doc.one("og:image:height")) >= 315
    assert doc.one("og:image:alt")
    assert doc.one("twitter:card") == "summary_large_image"
    assert doc.one("article:published_time") == "2026-11-24T16:00:00+07:00"
    hreflang = {link["hreflang"]: link["href"] for link in doc.links if link.get("hreflang")}
    assert hreflang == {"vi": url, "en": f"{PUBLIC}/en/{FEATURED}/", "x-default": url}


def test_untranslated_article_has_no_alternate_locale(published_site):
    doc = page(published_site, DOCUMENT)
    assert "og:locale:alternate" not in doc.meta
    assert [link for link in doc.links if link.get("hreflang")] == []


def test_english_article_says_en_us(published_site):
    doc = page(published_site, f"en/{FEATURED}")
    assert doc.one("og:locale") == "en_US"
    assert doc.meta["og:locale:alternate"] == ["vi_VN"]
    assert doc.one("og:url") == f"{PUBLIC}/en/{FEATURED}/"


def test_json_ld_news_article_with_the_union_as_publisher(published_site):
    doc = page(published_site, FEATURED)
    (data,) = doc.jsonld
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == doc.one("og:title")
    assert data["datePublished"] == "2026-11-24T16:00:00+07:00"
    assert data["mainEntityOfPage"] == f"{PUBLIC}/{FEATURED}/"
    assert data["publisher"]["name"] == "Hội LHPN xã Lam Chu"
    assert data["publisher"]["logo"]["url"] == f"{PUBLIC}/images/emblem.png"
    assert data["image"] == [doc.one("og:image")]
    assert data["author"] == {"@type": "Person", "name": "Lê Thanh Hà"}
    assert data["inLanguage"] == "vi"


def test_json_ld_cannot_be_broken_by_a_title(tmp_path, content_dir):
    title = "Tin </script><script>alert('x')</script> & “nháy”"
    write_source(
        content_dir / "articles",
        "x.md",
        f"""
        Title: {title}
        Date: 2026-11-20 08:30 +07:00
        Slug: tin-thu
        Category: hoat-dong-hoi
        Summary: Tóm tắt.

        Nội dung.
        """,
    )
    site = run_build(tmp_path, content_dir)
    html = site.read("2026/11/tin-thu/index.html")
    assert html.count("</script>") == html.count("<script")
    (data,) = Doc(html).jsonld
    assert data["headline"] == title


def test_article_parts_in_newsroom_order(sample_site):
    html = sample_site.read(f"{FEATURED}/index.html")
    doc = Doc(html)
    assert doc.text("sapo").startswith("Khoảng 350 người")
    assert doc.text("dateline") == "Thứ Ba, 24/11/2026, 16:00 (GMT+7)"
    assert doc.text("kicker") == "Phong trào – Cuộc vận động"
    assert "Chi hội: Chi hội khu phố 3, Chi hội thôn Dương Xá" in doc.text("refs")
    assert doc.text("credit") == "Ảnh: Thanh Hà"
    assert re.search(r"bình đẳng giới\. <span class=\"credit\">Ảnh: Thanh Hà</span>", html)
    assert doc.text("byline") == "Lê Thanh Hà"
    order = [html.index(f'class="{name}"') for name in ("sapo", "cover", "body", "byline", "tags")]
    assert order == sorted(order)


def test_repost_names_its_source_at_the_end(sample_site):
    doc = Doc(sample_site.read(f"{REPOST}/index.html"))
    assert doc.text("source").startswith("Nguồn: Trung tâm VHTT, TT và DL huyện Thọ Xuân")
    assert any(a.get("href", "").startswith("https://thoxuan.vn/") for a in doc.anchors)


def test_previous_and_next_follow_the_date_order(sample_site):
    doc = Doc(sample_site.read(f"{ZALO}/index.html"))
    rel = {a["rel"]: a["href"] for a in doc.anchors if a.get("rel") in ("prev", "next")}
    assert rel == {"prev": f"/{DOCUMENT}/", "next": f"/{FEATURED}/"}
    newest = Doc(sample_site.read(f"{FEATURED}/index.html"))
    assert [a["rel"] for a in newest.anchors if a.get("rel") in ("prev", "next")] == ["prev"]


def test_related_news_share_a_campaign_branch_model_or_tag(sample_site):
    section = sample_site.read(f"{ZALO}/index.html").split('class="related"')[1]
    related = re.findall(r'<li><a href="([^"]+)"', section.split("</section>")[0])
    assert 1 <= len(related) <= 4
    assert f"/{ZALO}/" not in related
    assert f"/{REPOST}/" in related  # same campaign, model and tag


def test_document_shows_number_issuer_formal_date_and_file_size(sample_site):
    doc = Doc(sample_site.read(f"{DOCUMENT}/index.html"))
    facts = doc.text("document")
    for part in (
        "15/KH-HPN",
        "Kế hoạch",
        "Ban Thường vụ Hội LHPN xã Lam Chu",
        "ngày 05 tháng 11 năm 2026",
    ):
        assert part in facts
    assert "Tải văn bản (PDF, 54 KB)" in facts
    assert {"href": "/files/ke-hoach-15-kh-hpn-2026.pdf", "type": "application/pdf"} in [
        {k: a.get(k) for k in ("href", "type")} for a in doc.anchors
    ]


def test_home_has_lead_latest_blocks_and_branch_members(sample_site):
    html = sample_site.read("index.html")
    doc = Doc(html)
    lead = html.split('class="lead card"')[1].split("</article>")[0]
    assert f'href="/{FEATURED}/"' in lead
    assert 'loading="eager"' in lead
    latest = html.split('id="latest-title"')[1].split("</section>")[0]
    assert f'href="/{FEATURED}/"' not in latest  # the lead is not repeated
    assert latest.count('class="card"') == 9
    assert 'loading="lazy"' in latest
    for title in ("Phong trào – Cuộc vận động", "Mô hình hay", "Chi hội"):
        assert f">{title}</a></h2>" in html
    assert 'Chi hội thôn Đồng Lạc</a> <span class="count">201 hội viên' in html
    assert "Tổng cộng 1.592 hội viên" in doc.text("total")
    en = sample_site.read("en/index.html")
    assert "Tổng cộng" not in en and "1,592 members in all" in en


def test_upstream_block_is_included_when_the_feeds_work_provides_it(tmp_path):
    import shutil

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "templates/includes/upstream_block.html").write_text(
        '<section class="upstream"><h2>{{ _("News from the union above") }}</h2></section>\n'
    )
    site = run_build(tmp_path, ROOT / "content", THEME=str(theme))
    home = site.read("index.html")
    assert home.index('class="upstream"') > home.index('id="latest-title"')
    assert 'class="upstream"' not in site.read("trang/2/index.html")


@pytest.mark.parametrize(
    ("path", "labels"),
    [("index.html", ["Trang sau", "Trang 1/2"]), ("trang/2/index.html", ["Trang trước"])],
)
def test_pagination_speaks_plainly(sample_site, path, labels):
    text = Doc(sample_site.read(path)).text("pagination")
    for label in labels:
        assert label in text


@pytest.mark.parametrize("path", ["404.html", "en/404.html"])
def test_not_found_page_works_at_any_depth(sample_site, published_site, path):
    for site, ok in (
        (sample_site, ("/", "#", "http", "mailto:", "tel:")),
        (published_site, (PUBLIC, "#", "http", "mailto:", "tel:")),
    ):
        doc = Doc(site.read(path))
        urls = [a["href"] for a in doc.anchors] + [img["src"] for img in doc.imgs]
        urls += [link["href"] for link in doc.links]
        assert all(url.startswith(ok) for url in urls), urls
        assert doc.link("canonical") == []
        assert "<style>" in site.read(path)  # no stylesheet to miss


def _weight(site, path: str) -> tuple[int, int]:
    html = site.read(path).encode("utf-8")
    js = (site.output / "theme/js/site.js").read_bytes()
    return len(html) + len(js), len(gzip.compress(html, 9))


@pytest.mark.parametrize(
    "path", ["index.html", f"{FEATURED}/index.html", "en/index.html", f"{DOCUMENT}/index.html"]
)
def test_pages_stay_within_the_weight_budget(sample_site, path):
    total, first_round_trip = _weight(sample_site, path)
    # HTML (with its inlined CSS) + JS ≤ 50 KB; the HTML, all the first screen needs, ≤ 14 KB gz
    assert total <= 50 * KB, total
    assert first_round_trip <= 14 * KB, first_round_trip
    html = sample_site.read(path)
    assert re.findall(r'<link rel="stylesheet"[^>]*>', html) == [
        '<link rel="stylesheet" href="/theme/css/print.css" media="print">'
    ]
    assert re.findall(r"<script[^>]*src=[^>]*>", html) == ['<script src="/theme/js/site.js" defer>']


def test_images_have_dimensions_and_only_the_first_screen_is_eager(sample_site):
    for path in ("index.html", f"{FEATURED}/index.html", "chuyen-muc/hoat-dong-chi-hoi/index.html"):
        imgs = Doc(sample_site.read(path)).imgs
        assert imgs
        assert all(img.get("width") and img.get("height") for img in imgs), path
        eager = [img for img in imgs if img.get("loading") != "lazy"]
        assert len(eager) <= 2, path  # the emblem and the lead or cover photo


def test_no_third_party_code(sample_site):
    for path in sample_site.output.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for src in re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="([^"]+)"', html):
            assert not src.startswith("https://") or src.startswith(PUBLIC), (path, src)
        assert "<iframe" not in html


def _catalog(lang: str):
    path = ROOT / "theme/translations" / lang / "LC_MESSAGES/messages.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def _template_msgids() -> set:
    found = extract_from_dir(
        str(ROOT / "theme/templates"),
        method_map=[("**.html", "jinja2")],
        options_map={"**.html": {"extensions": "jinja2.ext.i18n"}},
    )
    return {
        message[2] if isinstance(message[2], str) else tuple(message[2])[:2] for message in found
    }


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_catalogs_translate_every_template_string(lang):
    catalog = _catalog(lang)
    translated = {}
    for message in catalog:
        if message.id:
            key = message.id if isinstance(message.id, str) else tuple(message.id)
            translated[key] = message.string
    missing = _template_msgids() - set(translated)
    assert not missing, f"run `make catalogs`, then translate: {sorted(map(str, missing))}"
    empty = [
        key
        for key, string in translated.items()
        if not (all(string) if isinstance(string, tuple) else string)
    ]
    assert not empty, empty


def test_vietnamese_pages_show_no_english_interface_words(sample_site):
    for path in ("index.html", f"{FEATURED}/index.html", f"{DOCUMENT}/index.html", "404.html"):
        text = Path(sample_site.output / path).read_text(encoding="utf-8")
        for word in (">Share<", "Text size", "Related news", "Previous page", "Skip to"):
            assert word not in text, (path, word)


def nav_marks(site, path: str) -> dict[str, list[str]]:
    """The section links of a page's menu that say where the reader is."""
    html = site.read(path)
    menu = re.search(r'<nav class="sections".*?</nav>', html, re.S).group(0)
    marks: dict[str, list[str]] = {"aria-current": [], "current": []}
    for attrs in re.findall(r"<a ([^>]*)>", menu):
        href = re.search(r'href="([^"]*)"', attrs).group(1)
        if 'aria-current="page"' in attrs:
            marks["aria-current"].append(href)
        if 'class="current"' in attrs:
            marks["current"].append(href)
    return marks


@pytest.mark.parametrize(
    ("path", "mark", "target"),
    [
        ("index.html", "aria-current", ""),
        ("en/index.html", "aria-current", "en/"),
        ("trang/2/index.html", None, None),
        (
            "chuyen-muc/hoat-dong-chi-hoi/index.html",
            "aria-current",
            "chuyen-muc/hoat-dong-chi-hoi/",
        ),
        ("gioi-thieu/index.html", "aria-current", "gioi-thieu/"),
        (f"{FEATURED}/index.html", "current", "kicker"),
        (f"{ZALO}/index.html", "current", "kicker"),
    ],
)
def test_the_menu_marks_the_section_of_each_page(sample_site, path, mark, target):
    """The menu is rendered once per section and reused: each page must still get its own."""
    marks = nav_marks(sample_site, path)
    if target == "kicker":  # an article: its category, as its kicker links it
        kicker = re.search(r'<p class="kicker"[^>]*><a href="([^"]*)"', sample_site.read(path))
        expected = [kicker.group(1)]
    else:
        expected = [] if mark is None else [f"/{target}"]
    for kind in ("aria-current", "current"):
        assert marks[kind] == (expected if kind == mark else []), kind


def test_no_title_repeats_the_site_name(sample_site):
    """The English name has an apostrophe: the compare must not see it escaped once only."""
    repeated = []
    for path in sorted(sample_site.output.rglob("*.html")):
        found = re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.S)
        if not found:
            continue
        title = htmlmod.unescape(found.group(1))
        for name in ("Hội LHPN xã Lam Chu", "Lam Chu Commune Women's Union"):
            if title.count(name) > 1:
                repeated.append((str(path.relative_to(sample_site.output)), title))
    assert repeated == []
    for path, title in [
        ("tim-kiem/index.html", "Tìm kiếm – Hội LHPN xã Lam Chu"),
        ("en/index.html", "Lam Chu Commune Women's Union"),
    ]:
        html = (sample_site.output / path).read_text(encoding="utf-8")
        assert htmlmod.unescape(re.search(r"<title>(.*?)</title>", html).group(1)) == title


def test_tag_pills_have_no_commas_between_them(sample_site):
    html = sample_site.read(f"{FEATURED}/index.html")
    tags = re.search(r'<p class="tags">(.*?)</p>', html, re.S).group(1)
    links = re.findall(r"<a [^>]*>[^<]*</a>", tags)
    assert len(links) >= 2
    between = re.split(r"<a [^>]*>[^<]*</a>", tags)[1:-1]
    assert [gap.strip() for gap in between] == [""] * (len(links) - 1)
    assert between[0] == " "  # pills still wrap between words
