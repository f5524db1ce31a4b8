"""Former units as data: their records, ``Unit:`` on articles, their archive pages, and
branch lists that stay usable with the 40 branches of a merged commune union."""

from __future__ import annotations

import html as html_module
import re
import shutil

import pytest
from browser import PHONE, axe_violations, serve, visit
from conftest import SAMPLE_CONTENT, run_build, write_source
from html_tools import Page

UNIT = """\
name: Hội LHPN xã Thọ Phú
name_en: Thọ Phú Commune Women's Union
founded: 2025-07-01
members: 5300
email: hoiphunu@example.vn
predecessors:
  - code: tt-tho-xuan
    name: Hội LHPN thị trấn Thọ Xuân
    name_en: Thọ Xuân Town Women's Union
    from: 1990-03-08
    until: 2025-06-30
    addresses: [https://thoxuan.vn/web/trang-chu/tin-tuc]
  - code: xa-xuan-dong
    name: Hội LHPN xã Xuân Đồng
    name_en: Xuân Đồng Commune Women's Union
    until: 2025-06-30
  - code: xa-tho-lam
    name: Hội LHPN xã Thọ Lâm
    until: 2025-06-30
"""
FORMER = ("tt-tho-xuan", "xa-xuan-dong", "xa-tho-lam")


def forty_branches() -> str:
    """40 branches, the first 36 split between three former units, 4 formed after."""
    entries = []
    for number in range(1, 41):
        former = FORMER[(number - 1) // 12] if number <= 36 else ""
        entries.append(
            f"- id: chi-hoi-{number}\n"
            f"  name: Chi hội thôn {number}\n"
            f"  name_en: Village {number} Branch\n"
            f"  members: {100 + number}\n"
            f"  order: {number}\n" + (f"  former_unit: {former}\n" if former else "")
        )
    return "\n".join(entries)


def article(slug: str, date: str, unit: str = "", lang: str = "vi", extra: str = "") -> str:
    lines = [
        f"Title: Tin {slug}",
        f"Date: {date} 08:00 +07:00",
        f"Slug: {slug}",
        f"Lang: {lang}",
        "Category: hoat-dong-hoi",
        "Summary: Tin mẫu.",
    ]
    if unit:
        lines.append(f"Unit: {unit}")
    return "\n".join(lines) + extra + "\n\nNội dung.\n"


@pytest.fixture(scope="module")
def merged_site(tmp_path_factory):
    """A merged commune union: 3 former units, 40 branches, archived and new articles."""
    root = tmp_path_factory.mktemp("merged")
    content = root / "content"
    shutil.copytree(SAMPLE_CONTENT / "data", content / "data")
    (content / "data" / "unit.yml").write_text(UNIT, encoding="utf-8")
    (content / "data" / "branches.yml").write_text(forty_branches(), encoding="utf-8")
    (content / "pages").mkdir()
    articles = content / "articles"
    write_source(articles, "a1.md", article("tin-tho-xuan-2024", "2024-03-27", "tt-tho-xuan"))
    write_source(articles, "a2.md", article("tin-tho-xuan-2023", "2023-05-02", "tt-tho-xuan"))
    write_source(articles, "a3.md", article("tin-xuan-dong", "2025-01-10", "xa-xuan-dong"))
    write_source(articles, "a4.md", article("tin-moi", "2026-11-20"))
    write_source(articles, "a5.md", article("tin-ma-sai", "2026-11-21", "tt-tho-xuam"))
    write_source(
        articles, "a1.en.md", article("tin-tho-xuan-2024", "2024-03-27", "tt-tho-xuan", "en")
    )
    write_source(
        content / "pages",
        "gioi-thieu.md",
        "Title: Giới thiệu\nSlug: gioi-thieu\nLang: vi\n\nHội được thành lập năm 2025.\n",
    )
    write_source(
        content / "pages",
        "gioi-thieu.en.md",
        "Title: About us\nSlug: gioi-thieu\nLang: en\n\nFounded in 2025.\n",
    )
    return run_build(root, content, SEARCH_INDEX=False)


def test_the_build_goes_on_past_an_unknown_unit_code(merged_site):
    assert merged_site.result.ok
    [message] = merged_site.messages_about("tt-tho-xuam")
    assert message.startswith("content/articles/a5.md:7: ")
    assert "không có đơn vị cũ mã “tt-tho-xuam”" in message
    assert "tt-tho-xuan, xa-xuan-dong, xa-tho-lam" in message
    # published all the same, with no former unit named
    page = Page(merged_site.output / "2026/11/tin-ma-sai/index.html")
    assert "Tin của" not in page.text


@pytest.mark.parametrize(
    ("path", "expected", "archive"),
    [
        (
            "2024/03/tin-tho-xuan-2024/index.html",
            "Tin của Hội LHPN thị trấn Thọ Xuân (trước 7/2025)",
            "/don-vi-cu/tt-tho-xuan/",
        ),
        (
            "en/2024/03/tin-tho-xuan-2024/index.html",
            "News of Thọ Xuân Town Women's Union (before July 2025)",
            "/en/former-units/tt-tho-xuan/",
        ),
        (
            "2025/01/tin-xuan-dong/index.html",
            "Tin của Hội LHPN xã Xuân Đồng (trước 7/2025)",
            "/don-vi-cu/xa-xuan-dong/",
        ),
    ],
)
def test_an_article_says_whose_news_it_was(merged_site, path, expected, archive):
    page = Page(merged_site.output / path)
    assert expected in page.text
    assert ("a", archive) in page.links


def test_a_new_article_names_no_former_unit(merged_site):
    page = Page(merged_site.output / "2026/11/tin-moi/index.html")
    assert "Tin của" not in page.text


@pytest.mark.parametrize(
    ("path", "lang", "facts", "articles"),
    [
        (
            "don-vi-cu/tt-tho-xuan/index.html",
            "vi",
            ["3/1990 – 6/2025", "https://thoxuan.vn/web/trang-chu/tin-tuc", "2 bài"],
            ["/2024/03/tin-tho-xuan-2024/", "/2023/05/tin-tho-xuan-2023/"],
        ),
        (
            "en/former-units/tt-tho-xuan/index.html",
            "en",
            ["March 1990 – June 2025", "1 article"],
            ["/en/2024/03/tin-tho-xuan-2024/"],
        ),
        ("don-vi-cu/xa-xuan-dong/index.html", "vi", ["đến 6/2025"], ["/2025/01/tin-xuan-dong/"]),
        ("don-vi-cu/xa-tho-lam/index.html", "vi", ["Chưa có bài viết"], []),
    ],
)
def test_each_former_unit_has_an_archive_page(merged_site, path, lang, facts, articles):
    page = Page(merged_site.output / path)
    assert page.lang == lang
    for fact in facts:
        assert fact in page.text
    linked = [url for tag, url in page.links if re.match(r"^(/en)?/20\d\d/", url)]
    assert linked == articles  # newest first, nothing else


def test_the_archive_page_lists_the_branches_the_unit_had(merged_site):
    page = Page(merged_site.output / "don-vi-cu/xa-xuan-dong/index.html")
    branches = [url for _, url in page.links if url.startswith("/chi-hoi/chi-hoi-")]
    assert branches == [f"/chi-hoi/chi-hoi-{n}/" for n in range(13, 25)]


@pytest.mark.parametrize(
    ("path", "story"),
    [
        (
            "gioi-thieu/index.html",
            "Hội LHPN xã Thọ Phú được thành lập ngày 01/07/2025 trên cơ sở hợp nhất:",
        ),
        ("en/gioi-thieu/index.html", "Thọ Phú Commune Women's Union was formed on 1 Jul 2025"),
        ("don-vi-cu/index.html", "Hội LHPN xã Thọ Phú được thành lập ngày 01/07/2025"),
    ],
)
def test_the_about_page_tells_the_merger_story_from_the_data(merged_site, path, story):
    page = Page(merged_site.output / path)
    assert story in page.text
    archives = re.compile(r"^(/en/former-units|/don-vi-cu)/[a-z-]+/$")
    links = [url for tag, url in page.links if tag == "a" and archives.match(url)]
    prefix = "/en/former-units/" if path.startswith("en/") else "/don-vi-cu/"
    assert links == [f"{prefix}{code}/" for code in FORMER]


def _groups(html: str) -> list[tuple[str, int, bool]]:
    """(summary text, branch links, open) of each branch group."""
    found = []
    for match in re.finditer(r"<details([^>]*)>(.*?)</details>", html, re.S):
        summary = re.search(r"<summary>(.*?)</summary>", match.group(2), re.S).group(1)
        text = html_module.unescape(" ".join(re.sub(r"<[^>]+>", " ", summary).split()))
        links = len(re.findall(r'href="[^"]*/(?:chi-hoi|branches)/chi-hoi-\d+/"', match.group(2)))
        found.append((text, links, " open" in match.group(1)))
    return found


def test_forty_branches_are_grouped_by_former_unit(merged_site):
    html = merged_site.read("chi-hoi/index.html")
    assert _groups(html) == [
        ("Trước đây thuộc Hội LHPN thị trấn Thọ Xuân (12 chi hội)", 12, True),
        ("Trước đây thuộc Hội LHPN xã Xuân Đồng (12 chi hội)", 12, True),
        ("Trước đây thuộc Hội LHPN xã Thọ Lâm (12 chi hội)", 12, True),
        ("Các chi hội khác (4 chi hội)", 4, True),
    ]
    page = Page(merged_site.output / "chi-hoi/index.html")
    jumps = [url for _, url in page.links if url.startswith("#g-")]
    assert jumps == ["#g-tt-tho-xuan", "#g-xa-xuan-dong", "#g-xa-tho-lam", "#g-other"]
    for anchor in jumps:
        assert f'id="{anchor[1:]}"' in html


def test_the_home_page_folds_a_long_branch_list(merged_site):
    groups = _groups(merged_site.read("index.html"))
    assert [(links, opened) for _, links, opened in groups] == [(12, False)] * 3 + [(4, False)]


def test_the_english_branch_list_is_grouped_too(merged_site):
    groups = _groups(merged_site.read("en/branches/index.html"))
    assert groups[0] == ("Formerly Thọ Xuân Town Women's Union (12 branches)", 12, True)


def test_a_short_branch_list_stays_open_on_the_home_page(tmp_path, content_dir):
    site = run_build(tmp_path, content_dir, SEARCH_INDEX=False)
    groups = _groups(site.read("index.html"))
    assert [opened for *_, opened in groups] == [True, True]
    assert sum(links for _, links, _ in groups) == 9


@pytest.mark.parametrize(
    ("yaml_text", "line", "words"),
    [
        ("predecessors:\n  - name: Hội LHPN xã A\n", 2, "thiếu “code”"),
        ("predecessors:\n  - code: Xã A\n    name: Hội A\n", 2, "chỉ được có chữ thường"),
        (
            "predecessors:\n  - {code: a, name: A}\n  - {code: a, name: B}\n",
            3,
            "mã “a” bị trùng",
        ),
        ("predecessors: [Hội LHPN xã A (đến 6/2025)]\n", 1, "phải ghi thành mục"),
        (
            "predecessors:\n  - code: a\n    name: A\n    until: 30/6/2025\n",
            2,
            "không phải ngày",
        ),
        (
            "predecessors:\n  - code: a\n    name: A\n    addresses: [thoxuan.vn]\n",
            2,
            "không phải địa chỉ web",
        ),
    ],
)
def test_bad_former_unit_records_are_named_with_file_and_line(
    tmp_path, content_dir, yaml_text, line, words
):
    (content_dir / "data" / "unit.yml").write_text(
        "name: Hội LHPN xã Lam Chu\n" + yaml_text, encoding="utf-8"
    )
    site = run_build(tmp_path, content_dir, SEARCH_INDEX=False)
    assert site.result.ok
    [message] = [m for m in site.messages_about("unit.yml") if words in m]
    assert message.startswith(f"content/data/unit.yml:{line + 1}: ")


def test_a_branch_naming_an_unknown_former_unit_is_reported(tmp_path, content_dir):
    branches = content_dir / "data" / "branches.yml"
    text = branches.read_text(encoding="utf-8").replace(
        "former_unit: xa-xuan-dong", "former_unit: xa-xuan-dongg", 1
    )
    branches.write_text(text, encoding="utf-8")
    site = run_build(tmp_path, content_dir, SEARCH_INDEX=False)
    [message] = site.messages_about("xa-xuan-dongg")
    line = text.splitlines().index("- id: chi-hoi-7") + 1
    assert message.startswith(f"content/data/branches.yml:{line}: ")
    assert "tt-tho-xuan, xa-xuan-dong" in message


@pytest.mark.parametrize(
    ("path", "archive"),
    [
        ("chi-hoi/chi-hoi-13/index.html", "/don-vi-cu/xa-xuan-dong/"),
        ("en/branches/chi-hoi-1/index.html", "/en/former-units/tt-tho-xuan/"),
    ],
)
def test_a_branch_page_links_the_unit_it_belonged_to(merged_site, path, archive):
    page = Page(merged_site.output / path)
    assert ("a", archive) in page.links
    assert "Trước đây thuộc" in page.text or "Formerly part of" in page.text


def test_a_branch_formed_after_the_merger_names_no_former_unit(merged_site):
    page = Page(merged_site.output / "chi-hoi/chi-hoi-40/index.html")
    assert not [url for _, url in page.links if re.match(r"^/don-vi-cu/.+/$", url)]


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "chi-hoi/", "en/branches/", "don-vi-cu/tt-tho-xuan/"])
def test_forty_branches_on_a_phone(chromium, merged_site, path):
    """Usable on a phone: nothing scrolls sideways, axe finds nothing; on the home page a
    folded group opens with a tap."""
    with serve(merged_site.output) as base, visit(chromium, base + path, PHONE) as seen:
        width = seen.page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]
        assert axe_violations(seen.page) == []
        if path == "":
            first = seen.page.locator("details.branch-group").first
            link = first.locator("a[href='/chi-hoi/chi-hoi-1/']")
            assert not link.is_visible()
            first.locator("summary").click()
            assert link.is_visible()
