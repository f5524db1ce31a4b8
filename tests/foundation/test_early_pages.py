"""Early pages of the live preview (``sitebuild.earlypages``): the page of an article whose
text or header was saved, rendered from the last build before the full build has run, is
the very page the full build then writes; what an early page cannot show is left to the
full build.

These build the sample site in this process as the preview does (``kept``), take the
build's capture, write an early page for a real edit, then run the full build and compare.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_CONTENT
from pelican.generators import ArticlesGenerator
from test_incremental_identity import change_header, header_keys

from tests.media.imagemaker import phone_jpeg, transparent_png
from tinhoi.sitebuild import earlypages, earlywatch
from tinhoi.sitebuild.driver import build
from tinhoi.sitebuild.filestamps import stamps
from tinhoi.sitebuild.serve import PreviewStatus
from tinhoi.themekit.receivers import site_index

SETTINGS = ROOT / "pelicanconf.py"
WITH_PHOTO = "2025/heo-dat-tiet-kiem-giup-hoi-vien-thon-an-phu-co-von-lam-an.md"
WITH_COVER = "2026/chi-hoi-khu-pho-6-sinh-hoat-truc-tuyen-qua-zalo.md"
ENGLISH = "2025/dai-hoi-dai-bieu-phu-nu-xa-lam-chu-lan-thu-i-nhiem-ky-2025-2030.en.md"


class Preview:
    """The sample site built as the live preview builds it, in this process."""

    def __init__(self, root: Path, **settings):
        self.content = root / "content"
        shutil.copytree(SAMPLE_CONTENT, self.content)
        self.output = root / "output"
        self.overrides = {
            "PATH": str(self.content),
            "OUTPUT_PATH": str(self.output),
            "CACHE_PATH": str(root / "cache"),
            "SEARCH_INDEX": False,
            "MEDIA": {"cache_dir": str(root / "media-cache")},
            "CROSSPOST": {"plan": False, "dir": str(root / "crosspost")},
            **settings,
        }
        self.kept: dict = {}
        self.build()

    def build(self) -> None:
        result = build(SETTINGS, overrides=self.overrides, kept=self.kept)
        assert result.ok
        self.capture = result.capture
        if self.capture is not None:  # as the preview does before its early pages
            self.capture.prepare()

    def source(self, name: str, folder: str = "articles") -> Path:
        return self.content / folder / name

    def early(
        self,
        *sources: Path,
        output: Path | None = None,
        new: tuple[Path, ...] = (),
        told: dict | None = None,
    ) -> dict[str, bytes] | None:
        """Early pages for the saved ``sources`` and ``new`` files (made since the last
        build started), by path under output/, as written; the warnings of each file read
        go to ``told``."""
        output = output or self.output
        saved = {str(path) for path in (*sources, *new)}
        tree = os.open(output, os.O_RDONLY | os.O_DIRECTORY)
        try:
            made = frozenset(str(path) for path in new)
            pages = earlypages.render(self.capture, saved, output, tree, made, told)
        finally:
            os.close(tree)
        if pages is None:
            return None
        return {page: (output / page).read_bytes() for page in pages}

    def tree(self) -> dict[str, bytes]:
        return {
            str(path.relative_to(self.output)): path.read_bytes()
            for path in sorted(self.output.rglob("*"))
            if path.is_file()
        }


def _body(source: Path, change) -> None:
    header, body = source.read_text(encoding="utf-8").split("\n\n", 1)
    source.write_text(header + "\n\n" + change(body), encoding="utf-8")


def _header(source: Path, key: str, value: str) -> None:
    text = source.read_text(encoding="utf-8")
    changed = re.sub(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.M)
    source.write_text(changed, encoding="utf-8")


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> Preview:
    return Preview(tmp_path_factory.mktemp("early"))


TEXT_EDITS = {
    "a paragraph added at the end": (WITH_COVER, lambda body: body + "\nThêm một câu cuối bài.\n"),
    # the summary follows from the first paragraph: the page's description changes
    "the first paragraph": (
        WITH_COVER,
        lambda body: "Đoạn mở đầu mới: chị em **hưởng ứng** nhiệt tình.\n\n" + body,
    ),
    "text around a photo the build made": (
        WITH_PHOTO,
        lambda body: body.replace("\n\n", "\n\nCâu chen trước ảnh.\n\n", 1),
    ),
    "an English article": (ENGLISH, lambda body: body + "\nOne more sentence.\n"),
    "a word in a Vietnamese letter's diacritics": (
        WITH_COVER,
        lambda body: body.replace("hội viên", "hội viện", 1),
    ),
}
HEADER_EDITS = {
    # a branded share card carries the title: it is worked out again
    "the title": (WITH_PHOTO, "Title", "Heo đất tiết kiệm, tiêu đề mới"),
    "the title of an article with a cover": (WITH_COVER, "Title", "Sinh hoạt qua Zalo"),
    "the cover's caption": (WITH_COVER, "Cover_caption", "Chú thích mới của ảnh bìa"),
    "the cover's credit": (WITH_COVER, "Cover_credit", "Nguyễn Thị Lan"),
    "the summary": (WITH_COVER, "Summary", "Chi hội khu phố 6 họp qua Zalo mỗi tháng"),
    "the cover's alternative text": (WITH_COVER, "Cover_alt", "Hội viên họp quanh màn hình"),
}


@pytest.mark.parametrize("kind", list(TEXT_EDITS))
def test_an_early_page_is_the_page_the_full_build_writes(preview, kind):
    name, change = TEXT_EDITS[kind]
    source = preview.source(name)
    before = preview.tree()
    _body(source, change)
    early = preview.early(source)
    assert early, f"{kind}: no early page"
    assert all(early[page] != before[page] for page in early), "the page did not change"
    preview.build()
    after = preview.tree()
    assert {page: after[page] for page in early} == early


@pytest.mark.parametrize(
    ("name", "edit"),
    [
        ("gioi-thieu.md", lambda path: _body(path, lambda body: body + "\nThêm một dòng.\n")),
        ("lien-he.en.md", lambda path: _header(path, "Title", "Contact the union")),
    ],
)
def test_an_early_page_of_a_page_is_the_page_the_full_build_writes(preview, name, edit):
    """Twice before the full build: the second early page shows the second save."""
    source = preview.source(name, "pages")
    _header(source, "Title", "Tên trang tạm")
    assert preview.early(source)
    edit(source)
    early = preview.early(source)
    assert early
    preview.build()
    after = preview.tree()
    assert {page: after[page] for page in early} == early


def test_pages_saved_together_each_show_the_other_s_new_title(preview):
    """The menu on every page lists the pages: each early page shows both saves."""
    sources = [preview.source(name, "pages") for name in ("gioi-thieu.md", "lien-he.md")]
    for number, source in enumerate(sources):
        _header(source, "Title", f"Trang đổi tên số {number}")
    early = preview.early(*sources)
    assert early and len(early) == 2
    for page in early.values():
        assert "Trang đổi tên số 0".encode() in page and "Trang đổi tên số 1".encode() in page
    preview.build()
    after = preview.tree()
    assert {page: after[page] for page in early} == early


def test_early_pages_with_relative_urls_are_the_full_build_s_pages(tmp_path):
    preview = Preview(tmp_path, RELATIVE_URLS=True)
    source = preview.source(WITH_COVER)
    _body(source, lambda body: body + "\nThêm một câu.\n")
    early = preview.early(source)
    assert early and b'href="../../../' in next(iter(early.values()))
    preview.build()
    after = preview.tree()
    assert {page: after[page] for page in early} == early


@pytest.mark.parametrize("kind", list(HEADER_EDITS))
def test_an_early_page_of_a_header_edit_is_the_page_the_full_build_writes(preview, kind):
    name, key, value = HEADER_EDITS[kind]
    source = preview.source(name)
    _header(source, key, value)
    early = preview.early(source)
    assert early, f"{kind}: no early page"
    assert all(value.encode() in page for page in early.values())
    preview.build()
    after = preview.tree()
    assert {page: after[page] for page in early} == early


# Edits of what an article links (its tags, campaigns, models, branches) in the YAML header
# of WITH_COVER: the early page shows the new links, and its related articles change.
LINK_EDITS = {
    "a tag added that another article has": ("  - Zalo\n", "  - Zalo\n  - Áo dài\n", "Áo dài"),
    "a new tag": ("  - Zalo\n", "  - Zalo\n  - Họp trực tuyến\n", "Họp trực tuyến"),
    "a tag removed": ("  - Chuyển đổi số\n", "", None),
    "another campaign": ("  - chuyen-doi-so\n", "  - binh-dang-gioi\n", "binh-dang-gioi"),
    "a model added": (
        "  - tap-hop-phu-nu-tren-khong-gian-mang\n",
        "  - tap-hop-phu-nu-tren-khong-gian-mang\n  - nuoi-heo-dat-tiet-kiem\n",
        "nuoi-heo-dat-tiet-kiem",
    ),
    "another branch": ("  - chi-hoi-6\n", "  - chi-hoi-2\n", "chi-hoi-2"),
}


def _related(page: bytes) -> list[bytes]:
    section = page.split(b'class="related"', 1)
    return (
        re.findall(rb'href="([^"]+)"', section[1].split(b"</section>", 1)[0])
        if len(section) == 2
        else []
    )


@pytest.mark.parametrize("kind", list(LINK_EDITS))
def test_an_early_page_of_an_edit_of_what_an_article_links_is_the_full_build_s(tmp_path, kind):
    """A tag (or campaign) added or removed: the page shows it at once, with the related
    articles the full build then works out, and the full build writes that very page."""
    preview = Preview(tmp_path)
    source = preview.source(WITH_COVER)
    page = "2026/11/chi-hoi-khu-pho-6-sinh-hoat-truc-tuyen-qua-zalo/index.html"
    before = (preview.output / page).read_bytes()
    old, new, shown = LINK_EDITS[kind]
    text = source.read_text(encoding="utf-8")
    header, body = text.split("\n---\n", 1)
    assert old in header, kind
    source.write_text(header.replace(old, new, 1) + "\n---\n" + body, encoding="utf-8")
    early = preview.early(source)
    assert early and page in early, f"{kind}: no early page"
    assert early[page] != before
    if shown:
        assert shown.encode() in early[page]
    preview.build()
    assert {path: (preview.output / path).read_bytes() for path in early} == early
    if kind == "another campaign":
        assert _related(early[page]) != _related(before)


DRAFT = """\
Title: Chi hội khu phố 2 ra mắt tổ phụ nữ khởi nghiệp
Date: 2026-11-25 08:00 +07:00
Slug: chi-hoi-khu-pho-2-ra-mat-to-phu-nu-khoi-nghiep
Status: draft
Category: hoat-dong-chi-hoi
Tags: Khởi nghiệp, Zalo
Campaigns: chuyen-doi-so

Sáng 24/11, Chi hội khu phố 2 ra mắt tổ phụ nữ khởi nghiệp với 12 thành viên.
"""


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda text: text + "\nThêm một câu về buổi ra mắt.\n", id="its text"),
        pytest.param(lambda text: text.replace("Khởi nghiệp, Zalo", "Khởi nghiệp"), id="its tags"),
        pytest.param(
            lambda text: text.replace("Title: Chi hội khu phố 2", "Title: Chi hội KP2"),
            id="its title",
        ),
    ],
)
def test_an_early_page_of_a_draft_is_the_page_the_full_build_writes(tmp_path, edit):
    """The officer writes a new article as a draft (``make newpost``) and looks at it in
    the preview's drafts folder after each save: each save shows early."""
    preview = Preview(tmp_path)
    source = preview.source("2026/chi-hoi-khu-pho-2-ra-mat-to-phu-nu-khoi-nghiep.md")
    source.write_text(DRAFT, encoding="utf-8")
    preview.build()
    page = "ban-nhap/chi-hoi-khu-pho-2-ra-mat-to-phu-nu-khoi-nghiep/index.html"
    before = (preview.output / page).read_bytes()
    source.write_text(edit(DRAFT), encoding="utf-8")
    early = preview.early(source)
    assert early and list(early) == [page]
    assert early[page] != before
    preview.build()
    assert (preview.output / page).read_bytes() == early[page]


def test_a_draft_saved_as_published_shows_early_at_its_address(tmp_path):
    """The officer publishes her draft: its article page shows at once, in its place
    among the articles, as the full build then writes it."""
    preview = Preview(tmp_path)
    source = preview.source("2026/chi-hoi-khu-pho-2-ra-mat-to-phu-nu-khoi-nghiep.md")
    source.write_text(DRAFT, encoding="utf-8")
    preview.build()
    source.write_text(DRAFT.replace("Status: draft", "Status: published"), encoding="utf-8")
    early = preview.early(source)
    page = "2026/11/chi-hoi-khu-pho-2-ra-mat-to-phu-nu-khoi-nghiep/index.html"
    assert early and list(early) == [page]
    assert not (preview.output / "ban-nhap/chi-hoi-khu-pho-2-ra-mat-to-phu-nu-khoi-nghiep").exists()
    preview.build()
    assert (preview.output / page).read_bytes() == early[page]


# An article without translations saved in another place: (key, new value, its new page)
PHOTO_PAGE = "2025/05/heo-dat-tiet-kiem-giup-hoi-vien-thon-an-phu-co-von-lam-an/index.html"
MOVES = {
    "another day of its month": (
        "Date",
        "2025-05-28 09:00 +07:00",
        "2025/05/heo-dat-tiet-kiem-giup-hoi-vien-thon-an-phu-co-von-lam-an/index.html",
    ),
    "another month": (
        "Date",
        "2026-11-22 07:30 +07:00",
        "2026/11/heo-dat-tiet-kiem-giup-hoi-vien-thon-an-phu-co-von-lam-an/index.html",
    ),
    "another category": ("Category", "guong-dien-hinh", PHOTO_PAGE),
    "another slug": ("Slug", "heo-dat-an-phu", "2025/05/heo-dat-an-phu/index.html"),
    "made a draft again": (
        "Status",
        "draft",
        "ban-nhap/heo-dat-tiet-kiem-giup-hoi-vien-thon-an-phu-co-von-lam-an/index.html",
    ),
}


@pytest.mark.parametrize("kind", list(MOVES))
def test_an_article_saved_in_another_place_shows_early_at_its_address(tmp_path, kind):
    """Its page is a new article's: at its new address, among its new neighbours, as
    the full build then writes it; its old page is no longer served, at once."""
    preview = Preview(tmp_path)
    key, value, page = MOVES[kind]
    source = preview.source(WITH_PHOTO)
    _header(source, key, value)
    early = preview.early(source)
    assert early and list(early) == [page]
    assert (preview.output / PHOTO_PAGE).exists() == (page == PHOTO_PAGE)
    preview.build()
    assert (preview.output / page).read_bytes() == early[page]
    assert (preview.output / PHOTO_PAGE).exists() == (page == PHOTO_PAGE)


def test_a_deleted_article_s_page_leaves_the_preview_at_once(tmp_path):
    preview = Preview(tmp_path)
    preview.source(WITH_PHOTO).unlink()
    assert preview.early(preview.source(WITH_PHOTO)) == {}
    assert not (preview.output / PHOTO_PAGE).parent.exists()
    preview.build()
    assert not (preview.output / PHOTO_PAGE).parent.exists()


def test_a_renamed_article_shows_early_at_its_address(tmp_path):
    """Renamed, its source is a new one and the old one is gone: the same page."""
    preview = Preview(tmp_path)
    before = (preview.output / PHOTO_PAGE).read_bytes()
    source = preview.source(WITH_PHOTO)
    renamed = source.with_name("heo-dat-an-phu.md")
    source.rename(renamed)
    _body(renamed, lambda body: body + "\nThêm một câu sau khi đổi tên tệp.\n")
    early = preview.early(source, renamed)
    assert early and list(early) == [PHOTO_PAGE] and early[PHOTO_PAGE] != before
    preview.build()
    assert (preview.output / PHOTO_PAGE).read_bytes() == early[PHOTO_PAGE]


@pytest.mark.parametrize(
    ("name", "folder", "page"),
    [
        (WITH_COVER, "articles", "2026/11/chi-hoi-khu-pho-6-sinh-hoat-truc-tuyen-qua-zalo"),
        ("lien-he.md", "pages", "lien-he"),
        (
            ENGLISH,
            "articles",
            "en/2025/08/dai-hoi-dai-bieu-phu-nu-xa-lam-chu-lan-thu-i-nhiem-ky-2025-2030",
        ),
    ],
    ids=["article", "page", "English translation"],
)
def test_a_deleted_article_or_page_with_translations_leaves_the_preview_at_once(
    tmp_path, name, folder, page
):
    """Its page goes at once, and nothing else changes: its translations' pages, which
    link it, follow with the full build, which writes no page of it either."""
    preview = Preview(tmp_path)
    page = f"{page}/index.html"
    before = preview.tree()
    assert page in before
    source = preview.source(name, folder)
    source.unlink()
    assert preview.early(source) == {}
    assert preview.tree() == {path: data for path, data in before.items() if path != page}
    preview.build()
    assert not (preview.output / page).exists()


def test_a_renamed_article_with_translations_waits_for_the_full_build(preview):
    """Renamed, it is a new article paired with its translations: the full build pairs it."""
    source = preview.source(WITH_COVER)
    renamed = source.with_name("sinh-hoat-qua-zalo.md")
    source.rename(renamed)
    try:
        assert preview.early(source, renamed) is None
    finally:
        renamed.rename(source)


def test_an_article_with_translations_saved_as_a_draft_waits_for_the_full_build(preview):
    """Its translations lose their original: the full build pairs them anew."""
    source = preview.source(WITH_COVER)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Status: published", "Status: draft"), encoding="utf-8")
    try:
        assert preview.early(source) is None
    finally:
        source.write_text(text, encoding="utf-8")


def _save_header(preview: Preview, key: str) -> Path:
    """Give ``key`` a new valid value in the article that has it (the incremental identity
    tests' change); return the saved source."""
    before = {path: path.read_bytes() for path in preview.content.rglob("*.md")}
    change_header(key)(preview.content.parent)
    saved = [path for path, data in before.items() if path.read_bytes() != data]
    assert len(saved) == 1, saved
    return saved[0]


@pytest.mark.parametrize("key", header_keys())
def test_every_header_key_gives_the_full_build_s_page_or_no_early_page(preview, key):
    """Each header key the site knows (as the incremental identity tests take them), with
    a new valid value: either the early page is the full build's page, or there is none."""
    early = preview.early(_save_header(preview, key))
    preview.build()
    if early is not None:
        after = preview.tree()
        assert {page: after[page] for page in early} == early, key


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(
            lambda p: _header(p.source(WITH_COVER), "Date", "2026-11-02 08:00"), id="date"
        ),
        pytest.param(
            lambda p: _body(
                p.source(WITH_COVER),
                lambda body: body + f"\n![Ảnh hỏng]({_broken_photo(p)})\n",
            ),
            id="a photo that cannot be read",
        ),
        pytest.param(
            lambda p: _header(p.source(WITH_COVER), "Date", "ngày mai"), id="a broken header"
        ),
    ],
)
def test_what_an_early_page_cannot_show_is_left_to_the_full_build(tmp_path, edit):
    preview = Preview(tmp_path)
    before = preview.tree()
    edit(preview)
    assert preview.early(preview.source(WITH_COVER)) is None
    assert preview.tree() == before  # nothing was written


def _broken_photo(preview: Preview) -> str:
    """A photo still being copied from the phone: its first bytes only."""
    whole = phone_jpeg(preview.content / "images/2026/dang-chep.jpg").read_bytes()
    (preview.content / "images/2026/dang-chep.jpg").write_bytes(whole[:600])
    return "/images/2026/dang-chep.jpg"


def _new_photo(preview: Preview) -> Path:
    """The officer's new photo, as her phone took it (its place in the EXIF)."""
    return phone_jpeg(preview.content / "images/2026/sinh-hoat-moi.jpg")


def _copied_photo(preview: Preview) -> Path:
    """A photo of the site copied under a new name: made in the cache, not in the site."""
    copy = preview.content / "images/ban-sao.jpg"
    shutil.copy(preview.content / "images/2025/dap-heo-dat.jpg", copy)
    return copy


def _photos_shown(page: str, html: bytes) -> set[str]:
    """The photo files ``page`` shows (img src, srcset), by path in the site."""
    found = set()
    for value in re.findall(rb'(?:src|srcset)="([^"]+)"', html):
        for candidate in value.decode().split(","):
            url = candidate.strip().split(" ")[0]
            path = os.path.normpath(os.path.join(os.path.dirname(page), url.lstrip("/")))
            if url.startswith("/"):
                path = url.lstrip("/")
            if path.startswith(("media/", "images/")):
                found.add(path)
    return found


def _served_as_built(preview: Preview, page: str, html: bytes, shown: set[str]) -> dict:
    """Check that the early ``page`` and the photo files it ``shown`` are served now, and
    are what the full build then writes; return the tree served before the build."""
    served = preview.tree()
    assert shown <= set(served), shown - set(served)
    preview.build()
    built = preview.tree()
    assert built[page] == html
    assert {path: served[path] for path in shown} == {path: built[path] for path in shown}
    return served


# where the photo an edit adds comes from: a file of the site, or one saved since its build
ADDED_PHOTOS = {
    "a photo another article shows": lambda preview: None,
    "a new photo from a phone": _new_photo,
    "a copy of a photo under a new name": _copied_photo,
}


def _added_photo(preview: Preview, kind: str) -> tuple[str, tuple[Path, ...]]:
    """The URL the officer writes for the photo of ``kind``, and the new files."""
    photo = ADDED_PHOTOS[kind](preview)
    if photo is None:
        return "/images/2025/heo-dat.jpg", ()
    return "/" + photo.relative_to(preview.content).as_posix(), (photo,)


@pytest.mark.parametrize("kind", list(ADDED_PHOTOS))
def test_an_edit_that_adds_a_photo_shows_early_with_the_photo(tmp_path, kind):
    """The officer adds a photo to the article she writes: the early page shows it, its
    files made and placed as the full build then makes and places them (EXIF gone). The
    photo file itself, copied in just before, is a new file of the site, not a source."""
    preview = Preview(tmp_path)
    url, new = _added_photo(preview, kind)
    _body(preview.source(WITH_COVER), lambda body: body + f"\n![Ảnh mới]({url})\n")
    early = preview.early(preview.source(WITH_COVER), new=new)
    assert early, kind
    [(page, html)] = early.items()
    shown = _photos_shown(page, html)
    stem = os.path.splitext(os.path.basename(url))[0]
    assert any(stem in path for path in shown), shown
    served = _served_as_built(preview, page, html, shown)
    for path in shown:
        assert b"Exif" not in served[path][:4096] and b"19.9035" not in served[path]


def test_a_new_photo_alone_gets_no_early_page(tmp_path):
    """Copied in, not yet shown by any page: nothing to show until an article shows it."""
    preview = Preview(tmp_path)
    before = preview.tree()
    assert preview.early(new=(_new_photo(preview),)) is None
    assert preview.tree() == before


# a photo of the site the officer replaces with another under the same name: WITH_PHOTO's
REPLACED_PHOTOS = {
    "its cover": "images/2025/heo-dat.jpg",
    "a photo in its text": "images/2025/dap-heo-dat.jpg",
}


@pytest.mark.parametrize("kind", list(REPLACED_PHOTOS))
def test_a_photo_replaced_under_its_name_shows_early_in_the_page_that_shows_it(tmp_path, kind):
    """The officer puts a better photo in place of one an article shows: the article's page
    shows the new one at once, its files made under new names as the full build then
    makes them; the lists that show a cover follow with the full build."""
    preview = Preview(tmp_path)
    before = preview.tree()
    photo = phone_jpeg(preview.content / REPLACED_PHOTOS[kind], seed=7)
    early = preview.early(photo)
    assert early, kind
    [(page, html)] = early.items()
    assert page == preview.capture.find(str(preview.source(WITH_PHOTO)))[1].save_as
    shown = _photos_shown(page, html)
    stem = os.path.splitext(os.path.basename(REPLACED_PHOTOS[kind]))[0]
    made = {path for path in shown - set(before) if stem in path}
    assert made, shown  # the new photo's files, under new names
    served = _served_as_built(preview, page, html, shown)
    for path in made:
        assert b"Exif" not in served[path][:4096] and b"19.9035" not in served[path]


def test_a_photo_replaced_under_its_name_that_a_data_file_shows_waits_for_the_full_build(
    tmp_path,
):
    """The unit's emblem (``unit.yml``) is on every page and every branded share card."""
    preview = Preview(tmp_path)
    before = preview.tree()
    emblem = preview.content / "images" / "emblem.png"
    transparent_png(emblem, size=(256, 256))
    assert preview.early(emblem) is None
    assert preview.tree() == before


NO_ALT = "\n![](/images/2025/dai-hoi.jpg)\n"  # a photo of the site, without a description
# an edit the officer saves that the build warns about (and still builds)
WARNED_EDITS = {
    "a photo without a description": (
        lambda p: _body(p.source(WITH_COVER), lambda body: body + NO_ALT),
        "chưa có mô tả",
    ),
    "a cover without a description": (
        lambda p: _header(p.source(WITH_COVER), "Cover_alt", ""),
        "ảnh bìa",
    ),
}


@pytest.mark.parametrize("kind", list(WARNED_EDITS))
def test_an_edit_the_build_warns_about_shows_early_and_says_what_is_wrong(tmp_path, kind):
    """A warning holds no page back: the early page is the full build's, and what reading
    the file told (its name, line and the fix) comes with it for the preview's banner."""
    preview = Preview(tmp_path)
    edit, words = WARNED_EDITS[kind]
    edit(preview)
    told: dict = {}
    early = preview.early(preview.source(WITH_COVER), told=told)
    assert early, kind
    [(name, warnings)] = told.items()
    assert name.endswith(f"articles/{WITH_COVER}")
    assert warnings and all(warning.startswith(f"{name}:") for warning in warnings)
    assert any(words in warning for warning in warnings), warnings
    preview.build()
    built = preview.tree()
    assert {page: built[page] for page in early} == early


def test_the_banner_follows_the_files_read_for_early_pages():
    """A warning fixed leaves the preview's banner with the early page, a new one enters
    it; the other files' problems stay until the full build."""
    problems = ["content/articles/a.md:3: ảnh chưa có mô tả", "content/articles/b.md:1: khác"]
    told = {"content/articles/a.md": [], "content/articles/c.md": ["content/articles/c.md:5: mới"]}
    assert earlywatch.told_now(problems, told) == [
        "content/articles/b.md:1: khác",
        "content/articles/c.md:5: mới",
    ]


def test_the_build_of_a_save_waits_until_its_early_page_is_shown(tmp_path):
    """The early-page process tells the preview each look it finished (``wait_shown``):
    the preview starts the build of a save once that save's page is shown, so the two do
    not share the machine while the officer waits."""
    preview = Preview(tmp_path)
    roots = [preview.content]
    status = PreviewStatus(tmp_path / "status.json")
    early = earlywatch.start(preview.capture, roots, stamps(roots), preview.output, status, [])
    try:
        assert early.wait_shown(stamps(roots))  # its first look: nothing saved yet
        source = preview.source(WITH_COVER)
        _body(source, lambda body: body + "\nCâu vừa lưu khi đang xem trước.\n")
        assert early.wait_shown(stamps(roots))
        _, article = preview.capture.find(str(source))
        shown = (preview.output / article.save_as).read_text(encoding="utf-8")
        assert "Câu vừa lưu khi đang xem trước." in shown
        # files it has not looked at (another save came first): it waits no longer than told
        assert not early.wait_shown({str(source): (0, 0)}, seconds=0.5)
    finally:
        early.stop()


def test_a_saved_data_file_gets_no_early_page(preview):
    assert preview.early(preview.content / "data" / "unit.yml") is None


def _new_article(header: dict[str, str], body: str = "Nội dung bài mới.\n") -> str:
    """A new article: WITH_COVER's header with ``header`` in place of its keys (None: the
    key goes), and ``body``."""
    text = (SAMPLE_CONTENT / "articles" / WITH_COVER).read_text(encoding="utf-8")
    front = text.split("\n---\n", 1)[0]
    for key, value in header.items():
        line = "" if value is None else f"{key}: {value}\n"
        front, found = re.subn(rf"^{key}: .*\n", line, front + "\n", count=1, flags=re.M)
        front = front.rstrip("\n")
        assert found, key
    return front + "\n---\n\n" + body


# (the new source's name, its header, its body): each a new article the officer saves
NEW_ARTICLES = {
    # the bench's case: dated as another article, so its place follows from its slug
    "dated as another article": (
        "2026/bai-moi-cung-ngay.md",
        {"Slug": "bai-moi-cung-ngay", "Title": "Bài mới cùng ngày"},
        "Bài mới viết xong.\n",
    ),
    "dated as another, its slug sorting after": (
        "2026/zalo-bai-moi.md",
        {"Slug": "zalo-bai-moi", "Title": "Zalo và bài mới"},
        "Bài mới viết xong.\n",
    ),
    "the newest": (
        "2026/bai-moi-nhat.md",
        {"Slug": "bai-moi-nhat", "Title": "Bài mới nhất", "Date": "2026-12-03 09:00 +07:00"},
        "Bài mới nhất của chi hội.\n",
    ),
    "the oldest, without a cover": (
        "2024/bai-cu-nhat.md",
        {
            "Slug": "bai-cu-nhat",
            "Title": "Bài cũ nhất",
            "Date": "2024-01-05 08:00 +07:00",
            **dict.fromkeys(("Cover", "Cover_alt", "Cover_caption", "Cover_credit"), None),
        },
        "Bài đăng lại từ năm 2024.\n",
    ),
    "a photo another article shows": (
        "2026/bai-moi-co-anh.md",
        {"Slug": "bai-moi-co-anh", "Title": "Bài mới có ảnh"},
        "Đầu bài.\n\n![Heo đất trên bàn]({static}/images/2025/dap-heo-dat.jpg)\n",
    ),
    "a draft": (
        "2026/ban-nhap-moi.md",
        {"Slug": "ban-nhap-moi", "Title": "Bản nháp mới", "Status": "draft"},
        "Bản nháp chưa đăng.\n",
    ),
}


@pytest.mark.parametrize("kind", list(NEW_ARTICLES))
def test_an_early_page_of_a_new_article_is_the_page_the_full_build_writes(tmp_path, kind):
    """The officer's first save of a new article shows at once: its page, with its
    neighbours, related articles and photos, as the full build then writes it."""
    preview = Preview(tmp_path)
    name, header, body = NEW_ARTICLES[kind]
    source = preview.source(name)
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(_new_article(header, body), encoding="utf-8")
    early = preview.early(source)
    assert early, f"{kind}: no early page"
    [page] = early
    assert page.endswith(f"/{header['Slug']}/index.html")
    assert header["Title"].encode() in early[page]
    preview.build()
    assert (preview.output / page).read_bytes() == early[page]


def test_a_new_article_s_early_page_goes_with_the_next_build_when_its_source_goes(tmp_path):
    """An early page is only ever ahead of the full build: when the new source is removed
    before the next build, that build's tree has no page of it."""
    preview = Preview(tmp_path)
    name, header, body = NEW_ARTICLES["the newest"]
    source = preview.source(name)
    source.write_text(_new_article(header, body), encoding="utf-8")
    [page] = preview.early(source)
    assert (preview.output / page).exists()
    source.unlink()
    preview.build()
    assert not (preview.output / page).exists()


@pytest.mark.parametrize("kind", ["a new photo from a phone", "a copy of a photo under a new name"])
def test_a_new_article_with_a_photo_no_page_showed_yet_shows_early(tmp_path, kind):
    """A new article whose cover and body photo the site does not have yet: they are made
    for the early page and placed as the full build places them."""
    preview = Preview(tmp_path)
    url, new = _added_photo(preview, kind)
    header = {"Slug": "anh-moi", "Title": "Ảnh mới", "Cover": url}
    source = preview.source("2026/anh-moi.md")
    source.write_text(_new_article(header, f"Đầu bài.\n\n![Ảnh mới]({url})\n"), "utf-8")
    early = preview.early(source, new=new)
    assert early, kind
    [(page, html)] = early.items()
    shown = _photos_shown(page, html)
    assert len(shown) > 2, shown  # the cover and the body photo, in every width
    _served_as_built(preview, page, html, shown)


# (name, header, body or what makes it with the files it needs): a new source only the
# full build shows
NOT_EARLY = {
    "an English translation of an article": (
        "2025/heo-dat-tiet-kiem-giup-hoi-vien-thon-an-phu-co-von-lam-an.en.md",
        None,
        "Title: Piggy banks\nDate: 2025-06-12 08:00 +07:00\n"
        "Slug: heo-dat-tiet-kiem-giup-hoi-vien-thon-an-phu-co-von-lam-an\nLang: en\n\nText.\n",
    ),
    "an article whose address another has": (
        "2026/trung-dia-chi.md",
        {"Title": "Trùng địa chỉ"},  # WITH_COVER's slug and date
        "Nội dung.\n",
    ),
    "a photo still being copied": (
        "2026/anh-moi.md",
        {"Slug": "anh-moi", "Title": "Ảnh mới"},
        lambda preview: f"![Ảnh mới]({_broken_photo(preview)})\n",
    ),
    "a hidden article": (
        "2026/bai-an.md",
        {"Slug": "bai-an", "Title": "Bài ẩn", "Status": "hidden"},
        "Nội dung.\n",
    ),
    "a broken header": (
        "2026/bai-hong.md",
        {"Slug": "bai-hong", "Title": "Bài hỏng", "Date": "ngày mai"},
        "Nội dung.\n",
    ),
    "a page in English alone": (
        "../pages/hotline.md",
        None,
        "Title: Hotline\nSlug: hotline\nLang: en\n\nCall us.\n",
    ),
    "a page whose address another has": (
        "../pages/lien-he-moi.md",
        None,
        "Title: Liên hệ mới\nSlug: lien-he\nLang: vi\n\nNội dung.\n",
    ),
    "a hidden page": (
        "../pages/trang-an.md",
        None,
        "Title: Trang ẩn\nSlug: trang-an\nLang: vi\nStatus: hidden\n\nNội dung.\n",
    ),
}


@pytest.mark.parametrize("kind", list(NOT_EARLY))
def test_a_new_source_only_the_full_build_can_show_gets_no_early_page(tmp_path, kind):
    preview = Preview(tmp_path)
    name, header, body = NOT_EARLY[kind]
    if callable(body):
        body = body(preview)
    source = preview.source(name)
    before = preview.tree()
    source.write_text(body if header is None else _new_article(header, body), encoding="utf-8")
    assert preview.early(source) is None
    assert preview.tree() == before  # nothing was written


# (the new source's name under pages/, its title, its status): each a new page the officer
# saves (by the file's name the pages are sorted: ``PAGE_ORDER_BY``)
NEW_PAGES = {
    "a page sorting first": ("duong-day-nong.md", "Đường dây nóng", "published"),
    "a page sorting last": ("tuyen-dung.md", "Tuyển dụng cộng tác viên", "published"),
    "a draft": ("trang-nhap.md", "Trang nháp", "draft"),
}


def _new_page(
    preview: Preview,
    slug: str = "duong-day-nong",
    title: str = "Đường dây nóng",
    status: str = "published",
) -> Path:
    """Save a new page without translations: its source."""
    source = preview.source(f"{slug}.md", "pages")
    header = f"Title: {title}\nSlug: {slug}\nLang: vi\nStatus: {status}\n"
    source.write_text(f"---\n{header}---\n\nGọi 1900.\n", encoding="utf-8")
    return source


@pytest.mark.parametrize("kind", list(NEW_PAGES))
def test_an_early_page_of_a_new_page_is_the_page_the_full_build_writes(tmp_path, kind):
    """The officer's first save of a new page shows at once, with itself in the menu when
    it is published, as the full build then writes it."""
    preview = Preview(tmp_path)
    name, title, status = NEW_PAGES[kind]
    slug = name.removesuffix(".md")
    source = _new_page(preview, slug, title, status)
    early = preview.early(source)
    assert early, f"{kind}: no early page"
    [(page, html)] = early.items()
    assert f"/{slug}/index.html" in f"/{page}" and title.encode() in html
    menu = html.split(b'<nav class="sections"', 1)[1].split(b"</nav>", 1)[0]
    assert (title.encode() in menu) == (status == "published")
    preview.build()
    assert (preview.output / page).read_bytes() == html


def test_a_new_page_saved_with_an_edit_of_another_page_shows_both_in_the_menu(tmp_path):
    """A new page and another page's new title, saved while a build runs: each early page's
    menu shows both, as the full build's do."""
    preview = Preview(tmp_path)
    edited = preview.source("lien-he.md", "pages")
    _header(edited, "Title", "Liên hệ với Hội")
    source = _new_page(preview)
    early = preview.early(edited, source)
    assert early and len(early) == 2
    for html in early.values():
        assert "Liên hệ với Hội".encode() in html and "Đường dây nóng".encode() in html
    preview.build()
    for page, html in early.items():
        assert (preview.output / page).read_bytes() == html


def test_a_new_page_saved_with_a_new_article_shows_both(tmp_path):
    """A new article, then a new page saved while the article's build runs: each shows at
    once, as the full build writes it."""
    preview = Preview(tmp_path)
    name, header, body = NEW_ARTICLES["the newest"]
    article = preview.source(name)
    article.write_text(_new_article(header, body), encoding="utf-8")
    source = _new_page(preview)
    early = preview.early(article, source)
    assert early and len(early) == 2
    preview.build()
    for page, html in early.items():
        assert (preview.output / page).read_bytes() == html


def _built_page(preview: Preview, slug: str = "duong-day-nong") -> Path:
    """A page without translations, built: its source."""
    source = _new_page(preview, slug)
    preview.build()
    assert (preview.output / slug / "index.html").exists()
    return source


def test_a_deleted_page_leaves_the_preview_at_once_and_the_menu_of_an_edited_page(tmp_path):
    """A page deleted, and another page's title edited: the deleted page is no longer
    served, and the edited page's menu no longer lists it, as the full build writes it."""
    preview = Preview(tmp_path)
    source = _built_page(preview)
    source.unlink()
    edited = preview.source("lien-he.md", "pages")
    _header(edited, "Title", "Liên hệ với Hội")
    early = preview.early(source, edited)
    assert early and list(early) == ["lien-he/index.html"]
    assert not (preview.output / "duong-day-nong").exists()
    assert b"/duong-day-nong/" not in early["lien-he/index.html"]
    preview.build()
    assert (preview.output / "lien-he/index.html").read_bytes() == early["lien-he/index.html"]
    assert not (preview.output / "duong-day-nong").exists()


@pytest.mark.parametrize(
    ("key", "value", "page"),
    [
        ("Slug", "duong-day-nong-moi", "duong-day-nong-moi/index.html"),
        ("Status", "draft", "ban-nhap/trang/duong-day-nong/index.html"),
    ],
    ids=["another slug", "made a draft"],
)
def test_a_page_saved_in_another_place_shows_early_at_its_address(tmp_path, key, value, page):
    preview = Preview(tmp_path)
    source = _built_page(preview)
    text = source.read_text(encoding="utf-8")
    if key == "Status":
        text = text.replace("Lang: vi\n", f"Lang: vi\n{key}: {value}\n")
    else:
        text = text.replace("Slug: duong-day-nong", f"{key}: {value}")
    source.write_text(text, encoding="utf-8")
    early = preview.early(source)
    assert early and list(early) == [page]
    assert not (preview.output / "duong-day-nong").exists()
    preview.build()
    assert (preview.output / page).read_bytes() == early[page]
    assert not (preview.output / "duong-day-nong").exists()


def test_a_new_article_saved_with_an_edit_of_another_shows_both(tmp_path):
    """The early-page process is shown every save since its build started reading: a
    new article saved while the build of an earlier edit runs comes with that edit. The
    edited page shows its edit; the new article, its neighbour there, follows with the
    full build, as on the listing pages."""
    preview = Preview(tmp_path)
    edited = preview.source(WITH_COVER)
    _body(edited, lambda body: body + "\nThêm một câu cuối bài.\n")
    name, header, body = NEW_ARTICLES["the newest"]
    source = preview.source(name)
    source.write_text(_new_article(header, body), encoding="utf-8")
    early = preview.early(edited, source)
    assert early and len(early) == 2
    new_page = next(page for page in early if header["Slug"] in page)
    [edited_page] = set(early) - {new_page}
    assert "Thêm một câu cuối bài.".encode() in early[edited_page]
    assert header["Slug"].encode() not in early[edited_page]
    preview.build()
    assert (preview.output / new_page).read_bytes() == early[new_page]
    assert header["Slug"].encode() in (preview.output / edited_page).read_bytes()


def test_new_articles_saved_one_after_another_are_each_other_s_neighbours(tmp_path):
    """The officer saves a second new article while the build of the first runs: the
    early-page process of the build before shows both, each in the other's place, as
    the full build then does."""
    preview = Preview(tmp_path)
    saved = []
    for kind in ("dated as another article", "dated as another, its slug sorting after"):
        name, header, body = NEW_ARTICLES[kind]
        saved.append(preview.source(name))
        saved[-1].write_text(_new_article(header, body), encoding="utf-8")
    early = preview.early(*saved)
    assert early and len(early) == 2
    first, second = sorted(early)
    assert first.split("/")[-2].encode() in early[second]  # neighbours or related
    preview.build()
    assert {page: (preview.output / page).read_bytes() for page in early} == early


def test_a_new_article_and_its_new_translation_wait_for_the_full_build(preview):
    """Saved together, they are one text in two languages: the full build pairs them."""
    name, header, body = NEW_ARTICLES["the newest"]
    sources = [preview.source(name), preview.source(name.replace(".md", ".en.md"))]
    sources[0].write_text(_new_article(header, body), encoding="utf-8")
    english = {**header, "Title": "The newest", "Lang": "en"}
    sources[1].write_text(_new_article(english, "In English.\n"), encoding="utf-8")
    try:
        assert preview.early(*sources) is None
    finally:
        for source in sources:
            source.unlink()


def test_saves_made_during_a_build_are_in_its_tree_before_the_tabs_reload(preview):
    """The preview writes early pages of what was saved while a build ran into the tree it
    has just put in place, before telling the open tabs to reload (``show_pending``)."""
    roots = [preview.content]
    baseline = stamps(roots)  # as the preview looks just before a build
    source = preview.source(WITH_COVER)
    _body(source, lambda body: body + "\nLưu khi trang đang được dựng.\n")
    problems = ["content/pages/gioi-thieu.md:1: vấn đề của lần dựng trước"]
    assert earlywatch.show_pending(preview.capture, roots, baseline, preview.output, problems) == (
        problems
    )
    shown = preview.tree()
    page = next(name for name in shown if "chi-hoi-khu-pho-6" in name and name.endswith(".html"))
    assert "Lưu khi trang đang được dựng.".encode() in shown[page]
    preview.build()
    assert preview.tree()[page] == shown[page]


def test_early_pages_can_be_turned_off_for_a_machine_short_of_memory(tmp_path):
    """``SITEBUILD_EARLY_PAGES = False``: the preview keeps nothing of the build for them."""
    assert Preview(tmp_path, SITEBUILD_EARLY_PAGES=False).capture is None


def test_an_early_page_of_an_older_build_never_reaches_the_tree_that_replaced_it(tmp_path):
    """The early-page process writes into the tree it was made for: once the next build
    has swapped its own tree in, a late early page lands in the old one."""
    preview = Preview(tmp_path)
    old_capture = preview.capture
    source = preview.source(WITH_COVER)
    tree = os.open(preview.output, os.O_RDONLY | os.O_DIRECTORY)
    try:
        preview.build()  # the next build replaces output/
        served = preview.tree()
        _body(source, lambda body: body + "\nCâu viết sau khi cây mới đã thay.\n")
        pages = earlypages.render(old_capture, {str(source)}, preview.output, tree)
    finally:
        os.close(tree)
    assert pages
    assert preview.tree() == served


def test_a_page_replaced_in_the_output_is_rendered_again_not_kept(tmp_path):
    """A build keeps the last build's file of an unchanged page only if it is the very
    file that build wrote: an early page written over it (from a save the build had not
    read) must not be carried into the next tree under the old page's key."""
    preview = Preview(tmp_path)
    cold = preview.tree()
    page = next(name for name in cold if name.endswith("/index.html") and "/2026/" in name)
    replaced = preview.output / page
    temporary = replaced.with_name("index.html.new")
    temporary.write_bytes(b"<!doctype html><title>an early page of a reverted save</title>")
    os.replace(temporary, replaced)
    preview.build()  # no source changed
    assert preview.tree()[page] == cold[page]


def test_early_pages_take_related_articles_from_the_last_build_s_index(preview):
    """The lists of an early page come from the index the last build made of the site's
    articles (built once the build is done: ``Capture.prepare``), not from an index of
    thousands of articles made again for each save."""
    main = preview.capture.main_site(ArticlesGenerator).generator
    assert site_index(main) is main.related_index
    assert main.related_index.among(main.articles, main.articles[0]) == main.related_index.of(
        main.articles[0]
    )
