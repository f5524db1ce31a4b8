"""Rebuilds reuse unchanged pages, and a reused page is always the page a cold build makes."""

from __future__ import annotations

import json
import pickle
import shutil
import sys
import types
from pathlib import Path

import pytest
from conftest import SAMPLE_CONTENT, run_build

from tinhoi.vietnamese.conversion import PARTS
from tinhoi.vietnamese.sources import STORE_FILE

ARTICLE = "articles/2025/nam-dau-hieu-nhan-biet-cuoc-goi-tin-nhan-lua-dao.md"
ARTICLE_PAGE = "2025/04/nam-dau-hieu-nhan-biet-cuoc-goi-tin-nhan-lua-dao/index.html"
OTHER_PAGE = "2025/05/heo-dat-tiet-kiem-giup-hoi-vien-thon-an-phu-co-von-lam-an/index.html"


@pytest.fixture
def site_dir(tmp_path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    return content


def files(output: Path, pattern: str = "*.html") -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob(pattern)}


def inode(output: Path, page: str) -> int:
    return (output / page).stat().st_ino


def test_unchanged_rebuild_reuses_every_page(tmp_path, site_dir):
    first = run_build(tmp_path, site_dir)
    before = {page: inode(first.output, page) for page in files(first.output)}
    second = run_build(tmp_path, site_dir)
    assert second.result.ok
    assert {page: inode(second.output, page) for page in files(second.output)} == before


def test_body_edit_renders_that_page_only_and_matches_a_cold_build(tmp_path, site_dir):
    run_build(tmp_path, site_dir)
    source = site_dir / ARTICLE
    source.write_text(
        source.read_text(encoding="utf-8") + "\nĐoạn bổ sung về cảnh giác.\n", encoding="utf-8"
    )
    before_other = inode(tmp_path / "output", OTHER_PAGE)
    before_article = inode(tmp_path / "output", ARTICLE_PAGE)

    warm = run_build(tmp_path, site_dir)

    assert "Đoạn bổ sung về cảnh giác." in (warm.output / ARTICLE_PAGE).read_text(encoding="utf-8")
    assert inode(warm.output, ARTICLE_PAGE) != before_article
    assert inode(warm.output, OTHER_PAGE) == before_other
    cold = run_build(tmp_path / "cold", site_dir)
    assert files(warm.output) == files(cold.output)


def test_body_edit_rewrites_the_feeds_that_carry_it_and_links_the_others(tmp_path, site_dir):
    first = run_build(tmp_path, site_dir)
    other_feed = first.output / "feeds" / "mo-hinh.atom.xml"  # the article is tuyen-truyen
    before = other_feed.stat().st_ino
    source = site_dir / ARTICLE
    source.write_text(
        source.read_text(encoding="utf-8") + "\nĐoạn mới cho người đọc tin.\n", encoding="utf-8"
    )

    warm = run_build(tmp_path, site_dir)

    for name in ("atom.xml", "tuyen-truyen.atom.xml"):
        assert "Đoạn mới cho người đọc tin." in (warm.output / "feeds" / name).read_text(
            encoding="utf-8"
        )
    assert (warm.output / "feeds" / "mo-hinh.atom.xml").stat().st_ino == before
    cold = run_build(tmp_path / "cold", site_dir)
    assert files(warm.output, "*.xml") == files(cold.output, "*.xml")


def tree(root: Path) -> list[str]:
    return sorted(f"{p.relative_to(root).as_posix()}{'/' * p.is_dir()}" for p in root.rglob("*"))


def test_rebuild_in_the_folders_of_an_older_build_leaves_nothing_stale(tmp_path, site_dir):
    run_build(tmp_path, site_dir)
    run_build(tmp_path, site_dir)  # the first build's tree is kept for its folders
    (site_dir / ARTICLE).unlink()

    warm = run_build(tmp_path, site_dir)  # starts from those folders

    assert warm.result.ok
    assert not (warm.output / ARTICLE_PAGE).parent.exists()
    cold = run_build(tmp_path / "cold", site_dir)
    assert tree(warm.output) == tree(cold.output)
    assert files(warm.output) == files(cold.output)


def test_title_edit_updates_the_lists_that_show_it(tmp_path, site_dir):
    run_build(tmp_path, site_dir)
    source = site_dir / ARTICLE
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Title: ", "Title: [Cập nhật] ", 1), encoding="utf-8")

    warm = run_build(tmp_path, site_dir)

    assert "[Cập nhật]" in (warm.output / "chuyen-muc/tuyen-truyen/index.html").read_text(
        encoding="utf-8"
    )
    cold = run_build(tmp_path / "cold", site_dir)
    assert files(warm.output) == files(cold.output)


HEADER_EDITS = {
    "title": ("Title: Năm dấu hiệu", "Title: Sáu dấu hiệu"),
    "tag": ("Tags:\n", "Tags:\n  - Thẻ mới\n"),
}
UNRELATED_PAGES = [
    "index.html",  # the article is on the second page of the list
    "2024/06/phu-nu-thon-dong-lac-duong-xa-ra-quan-ngay-chu-nhat-xanh/index.html",
    "2026/11/chi-hoi-khu-pho-6-sinh-hoat-truc-tuyen-qua-zalo/index.html",
    "gioi-thieu/index.html",
    "en/index.html",
]


@pytest.mark.parametrize("edit", sorted(HEADER_EDITS))
def test_a_header_edit_renders_the_pages_that_read_the_article_only(tmp_path, site_dir, edit):
    """A new title or tag changes what other pages show of the article (lists, neighbours,
    related articles, the tag's page), so those are rendered again; a page that never
    read the article is kept as it was (``pagereads.py``), and the output is the cold
    build's."""
    first = run_build(tmp_path, site_dir)
    before = {page: inode(first.output, page) for page in files(first.output)}
    source = site_dir / ARTICLE
    old, new = HEADER_EDITS[edit]
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new, 1), encoding="utf-8")

    warm = run_build(tmp_path, site_dir)

    after = {page: inode(warm.output, page) for page in files(warm.output)}
    rendered = {page for page, number in after.items() if before.get(page) != number}
    assert ARTICLE_PAGE in rendered
    assert "chuyen-muc/tuyen-truyen/index.html" in rendered  # its category lists it
    assert "trang/2/index.html" in rendered
    assert not rendered & set(UNRELATED_PAGES)
    assert len(rendered) < len(after) / 4, sorted(rendered)
    cold = run_build(tmp_path / "cold", site_dir)
    assert files(warm.output) == files(cold.output)


def _numbers_out_of_range(record: dict) -> dict:
    for entry in record["pages"].values():
        entry["reads"]["contents"] = [len(record["contents"]) + 5]
    return record


def test_the_records_hold_every_page_written_in_order(tmp_path, site_dir):
    # kept as each entry's JSON text while a site is written, then written out whole
    built = run_build(tmp_path, site_dir)
    written = set()
    for record_path in (tmp_path / "cache").rglob("rendered-pages.json"):
        site = record_path.parent.relative_to(tmp_path / "cache")  # its language's folder
        record = json.loads(record_path.read_text(encoding="utf-8"))
        assert record["format"] == 2
        pages = record["pages"]
        assert list(pages) == sorted(pages)
        for name, entry in pages.items():
            assert set(entry) == {"static", "key", "files", "inodes", "reads"}, name
            assert len(entry["files"]) == len(entry["inodes"]), name
            assert max(entry["reads"]["contents"], default=0) < len(record["contents"]), name
            assert entry["reads"]["names"] < len(record["names"]), name
            written.update((site / file).as_posix() for file in entry["files"])
    # every page Pelican's writer wrote (the CMS's admin page is copied, not rendered)
    assert set(files(built.output)) - written == {"admin/index.html"}


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda record: {"format": 2, "pages": record["pages"]}, id="no-tables"),
        pytest.param(lambda record: {**record, "pages": [["ab"]]}, id="pages-not-a-dict"),
        pytest.param(
            lambda record: {**record, "pages": dict.fromkeys(record["pages"], "entry")},
            id="entries-not-dicts",
        ),
        pytest.param(_numbers_out_of_range, id="numbers-out-of-range"),
    ],
)
def test_a_record_the_build_cannot_read_renders_the_pages_again(tmp_path, site_dir, damage):
    # a cache left by another version, or cut short: every page is rendered, the build goes on
    first = run_build(tmp_path, site_dir)
    before = {page: inode(first.output, page) for page in files(first.output)}
    records = list((tmp_path / "cache").rglob("rendered-pages.json"))
    assert records
    for path in records:
        path.write_text(json.dumps(damage(json.loads(path.read_text()))), encoding="utf-8")

    second = run_build(tmp_path, site_dir)

    assert second.result.ok, second.messages
    assert inode(second.output, ARTICLE_PAGE) != before[ARTICLE_PAGE]
    assert inode(second.output, "index.html") != before["index.html"]
    assert files(second.output) == files(run_build(tmp_path / "cold", site_dir).output)


def _gone(count: int) -> list[list[str]]:
    """Identities of contents no page reads any more (deleted or renamed articles)."""
    return [["Article", f"/gone/bai-{n}.md", "vi", f"gone/bai-{n}/", "vi"] for n in range(count)]


@pytest.mark.parametrize("unread, carried", [(5, True), (2000, False)])
def test_the_record_tables_go_on_unless_most_of_them_is_no_longer_read(
    tmp_path, site_dir, unread, carried
):
    # kept pages' entries are stored as they were, numbers and all; a table that names
    # mostly gone contents is numbered afresh, and holds only what the pages read
    first = run_build(tmp_path, site_dir)
    before = {page: inode(first.output, page) for page in files(first.output)}
    path = tmp_path / "cache" / "rendered-pages.json"  # the main site's
    record = json.loads(path.read_text(encoding="utf-8"))
    record["contents"] += _gone(unread)
    path.write_text(json.dumps(record), encoding="utf-8")

    second = run_build(tmp_path, site_dir)

    assert second.result.ok, second.messages
    assert {page: inode(second.output, page) for page in files(second.output)} == before
    after = json.loads(path.read_text(encoding="utf-8"))
    assert (_gone(1)[0] in after["contents"]) is carried
    read = {
        number
        for entry in after["pages"].values()
        for number in (*entry["reads"]["contents"], *entry["reads"]["bodies"])
    }
    if carried:
        assert after == record
    else:
        assert read == set(range(len(after["contents"])))
        stored = [
            [after["contents"][n] for n in entry["reads"]["contents"]]
            for entry in after["pages"].values()
        ]
        first_read = [
            [record["contents"][n] for n in entry["reads"]["contents"]]
            for entry in record["pages"].values()
        ]
        assert stored == first_read


def test_a_one_edit_build_keeps_the_digest_of_every_content_for_the_next(tmp_path, site_dir):
    # the kept pages are checked by forked workers: the contents' digests they use are
    # worked out before, by this process, and kept for the next build
    run_build(tmp_path, site_dir)
    memo = tmp_path / "cache" / "content-digests.pickle"
    cold = pickle.loads(memo.read_bytes())["entries"]
    source = site_dir / ARTICLE
    source.write_text(source.read_text(encoding="utf-8") + "\nThêm một dòng.\n", encoding="utf-8")

    assert run_build(tmp_path, site_dir).result.ok
    after = pickle.loads(memo.read_bytes())["entries"]
    assert set(cold) <= set(after) and len(cold) > 20  # the site's every content, at least
    changed = {key for key in cold if after[key] != cold[key]}
    assert changed == {("Article", str(source))}


def test_theme_change_renders_everything_again(tmp_path, site_dir):
    theme = tmp_path / "theme"
    shutil.copytree(Path(__file__).resolve().parents[2] / "theme", theme)
    first = run_build(tmp_path, site_dir, THEME=str(theme))
    base = theme / "templates" / "base.html"
    base.write_text(
        base.read_text(encoding="utf-8").replace("<body>", '<body class="doi">'), encoding="utf-8"
    )
    second = run_build(tmp_path, site_dir, THEME=str(theme))
    assert first.result.ok and second.result.ok
    # every theme page; /admin/ (the browser editor, plugins/cms) and the redirect pages of
    # old addresses (a bare page of their own) do not use base.html
    pages = {
        page: html
        for page, html in files(second.output).items()
        if not page.startswith("admin/") and b'http-equiv="refresh"' not in html
    }
    assert pages and all(b'<body class="doi">' in html for html in pages.values())


def test_publish_rebuild_reuses_compressed_copies_of_unchanged_pages(tmp_path, site_dir):
    import gzip

    first = run_build(tmp_path, site_dir, "publishconf.py", PRECOMPRESS=True)
    gz_other = first.output / (OTHER_PAGE + ".gz")
    before = gz_other.stat().st_ino
    source = site_dir / ARTICLE
    source.write_text(source.read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")

    second = run_build(tmp_path, site_dir, "publishconf.py", PRECOMPRESS=True)

    assert (second.output / (OTHER_PAGE + ".gz")).stat().st_ino == before
    page = (second.output / ARTICLE_PAGE).read_bytes()
    assert gzip.decompress((second.output / (ARTICLE_PAGE + ".gz")).read_bytes()) == page
    assert "Thêm một câu." in page.decode()


def test_search_index_reindexes_only_the_year_that_changed(tmp_path, site_dir):
    import json

    first = run_build(tmp_path, site_dir, "publishconf.py")
    bundles = json.loads((first.output / "pagefind/bundles.json").read_text(encoding="utf-8"))
    entries = {
        f"{lang}/{year}": first.output / "pagefind" / lang / year / "pagefind-entry.json"
        for lang, years in bundles["bundles"].items()
        for year in years
    }
    assert "vi/2025" in entries and "en/2025" in entries
    before = {bundle: path.stat().st_ino for bundle, path in entries.items()}
    source = site_dir / ARTICLE  # a Vietnamese 2025 article
    source.write_text(source.read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")

    second = run_build(tmp_path, site_dir, "publishconf.py")

    after = {
        bundle: (second.output / "pagefind" / bundle / "pagefind-entry.json").stat().st_ino
        for bundle in before
    }
    assert after["vi/2025"] != before["vi/2025"]
    assert {b: i for b, i in after.items() if b != "vi/2025"} == {
        b: i for b, i in before.items() if b != "vi/2025"
    }


def _pickle_of_a_gone_module() -> bytes:
    """Pickled entries whose class lives in a module that no longer exists."""
    module = types.ModuleType("tinhoi_old_layout")

    class Source:
        pass

    Source.__module__ = module.__name__
    Source.__qualname__ = "Source"
    module.Source = Source
    sys.modules[module.__name__] = module
    try:
        return pickle.dumps(("code", {"content/x.md": Source()}))
    finally:
        del sys.modules[module.__name__]


def test_a_cache_written_by_another_version_is_ignored(tmp_path, site_dir):
    """The converted sources are pickled in cache/; a store written when the plugins had other
    module names (before the package, or a later move) must read as empty, not stop the build."""
    first = run_build(tmp_path, site_dir)
    # a cold build leaves its conversions as parts of the store, folded in by the next one
    parts = list((tmp_path / "cache").rglob(f"{PARTS}/*.pickle"))
    assert parts
    for stored in [tmp_path / "cache" / STORE_FILE, *parts]:
        stored.write_bytes(_pickle_of_a_gone_module())
    second = run_build(tmp_path, site_dir)
    assert first.result.ok and second.result.ok, second.messages
    assert files(second.output) == files(first.output)


def _names_read(cache: Path, page: str) -> set[str]:
    record = json.loads((cache / "rendered-pages.json").read_text(encoding="utf-8"))
    return set(record["names"][record["pages"][page]["reads"]["names"]])


def test_the_pages_showing_the_campaigns_running_today_follow_the_day(tmp_path, site_dir):
    """The home page lists the campaigns running today: its key reads the build's day
    (``TODAY``), so the first build of a new day renders it again when a campaign has
    started or ended meanwhile; an article's page does not read the day."""
    run_build(tmp_path, site_dir)
    assert "TODAY" in _names_read(tmp_path / "cache", "index.html")
    assert "TODAY" in _names_read(tmp_path / "cache" / "en", "index.html")
    assert "TODAY" not in _names_read(tmp_path / "cache", ARTICLE_PAGE)


@pytest.mark.parametrize("count", [0, 7, 10, 25])
def test_a_lists_pages_are_pelicans_made_once_each(count):
    """Each page of a list is the page Pelican's writer makes, and the same object as its
    neighbours' next and previous page: a list's pages wait together for the workers."""
    from pelican.paginator import Paginator
    from pelican.settings import read_settings

    from tinhoi.sitebuild.incremental import paginated_pages

    settings = read_settings(override={"DEFAULT_PAGINATION": 10})
    items = [types.SimpleNamespace(number=number) for number in range(count)]
    paginated = {"articles": items, "dates": items[::-1]}
    pages = list(paginated_pages("tag/a.html", "tag/a.html", paginated, "tag", settings))
    assert [number for number, _, _ in pages] == list(range(1, max(1, -(-count // 10)) + 1))
    for number, save_as, names in pages:
        for key, listed in paginated.items():
            made = Paginator("tag/a.html", "tag/a.html", listed, settings, 10).page(number)
            page = names[f"{key}_page"]
            assert (page.number, page.object_list, page.url) == (
                made.number,
                made.object_list,
                made.url,
            )
            assert save_as == made.save_as
            before = pages[number - 2][2][f"{key}_page"] if number > 1 else None
            after = pages[number][2][f"{key}_page"] if number < len(pages) else None
            assert names[f"{key}_previous_page"] is before
            assert names[f"{key}_next_page"] is after
