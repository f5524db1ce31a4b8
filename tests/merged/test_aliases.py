"""Old addresses keep working: ``Aliases:`` redirect pages, ``_redirects``, prefix rules,
and a clear message for an alias that would hide a page or another alias."""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser

import pytest
from browser import nu_check
from conftest import SAMPLE_CONTENT, run_build, write_source

OLD = "/web/trang-chu/tin-tuc-su-kien-trong-huyen/kinh-te-xa-hoi/ung-dung-nen-tang-so.html"
ARTICLE = f"""\
    Title: Ứng dụng nền tảng số trong công tác hội
    Date: 2024-03-27 08:00 +07:00
    Slug: ung-dung-nen-tang-so
    Lang: vi
    Category: hoat-dong-hoi
    Aliases: {OLD}, https://thoxuan.vn/tin/123, /tin-cu/nen-tang-so/
    Summary: Tin mẫu.

    Nội dung.
"""
ENGLISH = """\
    Title: Digital platforms in union work
    Date: 2024-03-27 08:00 +07:00
    Slug: ung-dung-nen-tang-so
    Lang: en
    Category: hoat-dong-hoi
    Aliases: /old-english/digital-platforms
    Summary: Sample.

    Text.
"""
YAML_LIST = """\
    ---
    title: Hội nghị tổng kết
    date: 2026-11-20 08:30 +07:00
    slug: hoi-nghi-tong-ket
    lang: vi
    category: hoat-dong-hoi
    summary: Tin mẫu.
    aliases:
      - /tin-cu/hoi-nghi-tong-ket.html
      - /chi-hoi/
      - /2024/03/ung-dung-nen-tang-so/
    ---

    Nội dung.
"""
DUPLICATE = """\
    Title: Tin trùng địa chỉ cũ
    Date: 2026-11-21 08:30 +07:00
    Slug: tin-trung
    Lang: vi
    Category: hoat-dong-hoi
    Summary: Tin mẫu.
    Aliases: /tin-cu/nen-tang-so/, tin-khong-co-gach.html, /theme/css/main.css, /2026/11/tin-trung/

    Nội dung.
"""
PAGE = """\
    Title: Liên hệ
    Slug: lien-he
    Lang: vi
    Aliases: /lien-he.html

    Địa chỉ.
"""


class _Head(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.anchors: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name"):
            self.meta[attrs["name"]] = attrs.get("content", "")
        if tag == "meta" and attrs.get("http-equiv"):
            self.meta[attrs["http-equiv"].lower()] = attrs.get("content", "")
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs["href"]
        if tag == "a":
            self.anchors.append(attrs["href"])


def parse(path) -> _Head:
    head = _Head()
    head.feed(path.read_text(encoding="utf-8"))
    return head


@pytest.fixture(scope="module")
def alias_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("aliases")
    content = root / "content"
    shutil.copytree(SAMPLE_CONTENT / "data", content / "data")
    (content / "images").mkdir()
    shutil.copy2(SAMPLE_CONTENT / "images" / "emblem.png", content / "images" / "emblem.png")
    write_source(content / "articles", "2024/nen-tang-so.md", ARTICLE)
    write_source(content / "articles", "2024/nen-tang-so.en.md", ENGLISH)
    write_source(content / "articles", "2026/tong-ket.md", YAML_LIST)
    write_source(content / "articles", "2026/trung.md", DUPLICATE)
    write_source(content / "pages", "lien-he.md", PAGE)
    return run_build(root, content, SEARCH_INDEX=False)


@pytest.mark.parametrize(
    ("file", "target"),
    [
        (OLD.lstrip("/"), "/2024/03/ung-dung-nen-tang-so/"),
        ("tin/123/index.html", "/2024/03/ung-dung-nen-tang-so/"),
        ("tin-cu/nen-tang-so/index.html", "/2024/03/ung-dung-nen-tang-so/"),
        ("old-english/digital-platforms/index.html", "/en/2024/03/ung-dung-nen-tang-so/"),
        ("tin-cu/hoi-nghi-tong-ket.html", "/2026/11/hoi-nghi-tong-ket/"),
        ("lien-he.html", "/lien-he/"),
    ],
)
def test_each_alias_gets_a_redirect_page(alias_site, file, target):
    absolute = "http://127.0.0.1:8000" + target
    page = parse(alias_site.output / file)
    assert page.meta["robots"] == "noindex"
    assert page.meta["refresh"] == f"0; url={absolute}"
    assert page.canonical == absolute
    assert page.anchors == [absolute]  # a visible link, for browsers that do not refresh
    assert (alias_site.output / target.lstrip("/") / "index.html").is_file()


def test_the_redirect_page_names_the_article(alias_site):
    text = html.unescape((alias_site.output / "tin/123/index.html").read_text(encoding="utf-8"))
    assert "Trang này đã chuyển sang địa chỉ mới:" in text
    assert ">Ứng dụng nền tảng số trong công tác hội</a>" in text


def test_redirects_file_lists_each_alias_then_the_prefixes(alias_site):
    lines = (alias_site.output / "_redirects").read_text(encoding="utf-8").splitlines()
    rules = [line.split() for line in lines if line and not line.startswith("#")]
    assert rules == [
        ["/lien-he.html", "/lien-he/", "301"],
        ["/old-english/digital-platforms", "/en/2024/03/ung-dung-nen-tang-so/", "301"],
        ["/tin-cu/hoi-nghi-tong-ket.html", "/2026/11/hoi-nghi-tong-ket/", "301"],
        ["/tin-cu/nen-tang-so/", "/2024/03/ung-dung-nen-tang-so/", "301"],
        ["/tin/123", "/2024/03/ung-dung-nen-tang-so/", "301"],
        [OLD, "/2024/03/ung-dung-nen-tang-so/", "301"],
        # content/data/redirects.yml of the sample: a whole old section, by prefix
        ["/web/trang-chu/tin-tuc-su-kien-trong-huyen/*", "/don-vi-cu/tt-tho-xuan/", "301"],
    ]


@pytest.mark.parametrize(
    ("source", "line", "words"),
    [
        ("2026/tong-ket.md", 8, "“/chi-hoi/” trùng với trang /chi-hoi/ đang có"),
        (
            "2026/tong-ket.md",
            8,  # the line of "aliases:" (a YAML list's items share it)
            "“/2024/03/ung-dung-nen-tang-so/” trùng với trang /2024/03/ung-dung-nen-tang-so/",
        ),
        (
            "2026/trung.md",
            7,
            "“/tin-cu/nen-tang-so/” trùng với địa chỉ cũ của /2024/03/ung-dung-nen-tang-so/ "
            "(content/articles/2024/nen-tang-so.md:6)",
        ),
        ("2026/trung.md", 7, "“tin-khong-co-gach.html” phải bắt đầu bằng “/”"),
        ("2026/trung.md", 7, "“/theme/css/main.css” nằm trong thư mục trang tự tạo (theme/)"),
    ],
)
def test_a_bad_alias_is_named_with_file_and_line(alias_site, source, line, words):
    assert alias_site.result.ok
    found = [m for m in alias_site.messages if words in m]
    assert found, alias_site.messages
    assert found[0].startswith(f"content/articles/{source}:{line}: ")
    assert "bỏ qua" in found[0]


def test_colliding_aliases_do_not_replace_the_pages(alias_site):
    branches = alias_site.read("chi-hoi/index.html")
    assert 'http-equiv="refresh"' not in branches
    assert "noindex" not in alias_site.read("2024/03/ung-dung-nen-tang-so/index.html")
    # the page's own address as an alias is no mistake, and is not written twice
    assert not [m for m in alias_site.messages if "/2026/11/tin-trung/" in m]


def test_no_alias_no_redirects_file(tmp_path, content_dir):
    (content_dir / "data" / "redirects.yml").unlink()
    site = run_build(tmp_path, content_dir, SEARCH_INDEX=False)
    assert site.result.ok
    assert not (site.output / "_redirects").exists()


@pytest.mark.parametrize(
    ("yaml_text", "line", "words"),
    [
        ("- from: web/trang-chu/\n  to: /don-vi-cu/a/\n", 1, "“from:” là phần đầu địa chỉ cũ"),
        ("- from: /\n  to: /don-vi-cu/a/\n", 1, "không phải chỉ “/”"),
        ("- from: /a/\n  to: /b/\n- from: /c/\n  to: don-vi-cu/\n", 3, "phải bắt đầu bằng “/”"),
    ],
)
def test_bad_prefix_rules_are_named_with_file_and_line(
    tmp_path, content_dir, yaml_text, line, words
):
    (content_dir / "data" / "redirects.yml").write_text(yaml_text, encoding="utf-8")
    site = run_build(tmp_path, content_dir, SEARCH_INDEX=False)
    assert site.result.ok
    [message] = [m for m in site.messages if words in m]
    assert message.startswith(f"content/data/redirects.yml:{line}: ")
    if line == 3:
        rules = re.findall(r"^/\S+ \S+ 301$", site.read("_redirects"), re.M)
        assert rules == ["/a/* /b/ 301"]


def test_redirect_pages_stay_out_of_the_sitemap(alias_site):
    sitemap = alias_site.read("sitemap.xml")
    assert "/2024/03/ung-dung-nen-tang-so/</loc>" in sitemap
    for old in ("tin-cu/", "tin/123", "old-english", "lien-he.html", "web/trang-chu"):
        assert old not in sitemap


@pytest.mark.browser
def test_redirect_pages_are_valid_html(alias_site):
    """The Nu HTML checker (vnu.jar) finds no error in the redirect pages."""
    folder = alias_site.output / "tin-cu"
    errors, checked = nu_check(folder)
    assert errors == []
    assert len(checked) == len(list(folder.rglob("*.html"))) == 2


@pytest.mark.parametrize(
    ("base_path", "target"),
    [
        ("", "https://hoiphunu.example.vn/2024/03/ung-dung-nen-tang-so/"),
        ("hoi-phu-nu", "https://tinh.example.vn/hoi-phu-nu/2024/03/ung-dung-nen-tang-so/"),
    ],
)
def test_published_redirects_point_at_the_public_address(
    tmp_path, content_dir, monkeypatch, base_path, target
):
    monkeypatch.setenv("SITEURL", "https://tinh.example.vn" if base_path else "")
    monkeypatch.setenv("BASE_PATH", base_path)
    if not base_path:
        monkeypatch.delenv("SITEURL")
    write_source(content_dir / "articles", "2024/nen-tang-so.md", ARTICLE)
    site = run_build(tmp_path, content_dir, "publishconf.py", SEARCH_INDEX=False)
    assert site.result.ok
    page = parse(site.output / "tin/123/index.html")
    assert page.canonical == target
    assert page.meta["refresh"] == f"0; url={target}"
    rules = [line.split() for line in site.read("_redirects").splitlines() if "/tin/123" in line]
    assert rules == [["/tin/123", target.split(".vn", 1)[1], "301"]]
