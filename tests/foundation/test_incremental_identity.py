"""An incremental build is byte for byte the cold build of the same tree, whatever changed.

One site (the bundled sample, its theme copied beside it) is built cold once. Each case then
starts again from that build, changes one input (every header key the editor's schema and the
sample's headers know, the body, a translation, a data file, a template, a translation
catalog, an image, a setting, a new, drafted or deleted article), builds incrementally, and
compares every file of ``output/`` with a cold build of the changed tree. The site keeps one
path throughout, as an officer's does: the content path is part of the settings, so a site
that moved would render every page and prove nothing.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_CONTENT
from pelican import signals

from tinhoi.cms.fields import article_fields, page_fields
from tinhoi.cms.migrate import CASE
from tinhoi.sitebuild.driver import build
from tinhoi.sitebuild.incremental import MEMO_FILE, RECORD
from tinhoi.sitebuild.state import current_build
from tinhoi.unitdata.loading import load_unit_data
from tinhoi.unitdata.resolve import REF_KEYS, parse_flag
from tinhoi.vietnamese.frontmatter import LIST_KEYS, split_header, split_list

ARTICLE = "articles/2025/nam-dau-hieu-nhan-biet-cuoc-goi-tin-nhan-lua-dao.md"
TRANSLATION = "articles/2024/hoi-phu-nu-thi-tran-tho-xuan-dua-sinh-hoat-hoi-len-nen-tang-so.en.md"
COVER = "images/2025/canh-giac-lua-dao.jpg"
OTHER_IMAGE = "images/2025/heo-dat.jpg"


def _sources(content: Path) -> list[Path]:
    return sorted(content.rglob("*.md"))


def header_keys() -> list[str]:
    """Every header key the site knows: the editor's fields (one per key), the keys the
    tools write, the list keys, and whatever the sample's headers use."""
    data, _problems = load_unit_data(SAMPLE_CONTENT / "data")
    fields = article_fields(data, data.categories[0].id, True, "vi") + page_fields("vi")
    keys = {field["name"].lower() for field in fields} - {"body"}
    keys |= set(CASE) | set(LIST_KEYS)
    for source in _sources(SAMPLE_CONTENT):
        keys |= set(split_header(source.read_text(encoding="utf-8")).values)
    return sorted(keys)


def _header_line(key: str) -> re.Pattern:
    return re.compile(rf"^{re.escape(key)}:[^\n]*\n", re.IGNORECASE | re.MULTILINE)


def set_header(path: Path, key: str, value: str | None) -> None:
    """Set (or, with None, remove) one ``Key: value`` line of a flat header."""
    text = path.read_text(encoding="utf-8")
    line = _header_line(key)
    new = "" if value is None else f"{CASE.get(key, key.capitalize())}: {value}\n"
    if line.search(text.split("\n\n", 1)[0] + "\n"):
        text = line.sub(new.replace("\\", "\\\\"), text, count=1)
    else:
        head, body = text.split("\n\n", 1)
        text = f"{head}\n{new}\n{body}"
    path.write_text(text, encoding="utf-8")


def changed_value(key: str, old: str, content: Path) -> str | None:
    """A valid value different from ``old`` (None: the key is removed)."""
    data, _problems = load_unit_data(content / "data")
    ids = {
        "branches": [item.id for item in data.branches],
        "campaigns": [item.id for item in data.campaigns],
        "models": [item.id for item in data.models],
    }
    assert {ref for ref, _kind in REF_KEYS} <= set(ids)
    if key in ids:
        written = split_list(old)
        return next(ref for ref in ids[key] if ref not in written)
    if key in ("consent", "featured", "crosspost"):
        return "không" if parse_flag(old) else "có"
    special = {
        "date": "2025-03-14 09:30 +07:00",
        "modified": "2026-12-01 10:00 +07:00",
        "doc_date": "2026-01-05",
        "lang": "en" if old != "en" else "vi",
        "status": "draft",
        "category": next(c.id for c in data.categories if c.id != old),
        "cover": OTHER_IMAGE,
        "source_url": "https://hoilhpn.example.vn/tin-moi",
        "slug": f"{old}-moi",
        "tags": f"{old}, Thẻ mới" if old else "Thẻ mới",
        "zalo": None,
        "attachment": None,
    }
    if key in special:
        return special[key]
    return f"{old} (sửa lại)" if old else "Giá trị thử"


def change_header(key: str) -> Callable[[Path], None]:
    def change(site: Path) -> None:
        content = site / "content"
        target = content / ARTICLE
        if key not in split_header(target.read_text(encoding="utf-8")).values:
            having = [
                source
                for source in _sources(content / "articles")
                if key in split_header(source.read_text(encoding="utf-8")).values
            ]
            target = having[0] if having else target
        old = split_header(target.read_text(encoding="utf-8")).values.get(key, "")
        set_header(target, key, changed_value(key, old, content))

    return change


def append(relative: str, text: str) -> Callable[[Path], None]:
    def change(site: Path) -> None:
        path = site / relative
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return change


def replace_first(relative: str, pattern: str, replacement: str) -> Callable[[Path], None]:
    def change(site: Path) -> None:
        path = site / relative
        text = path.read_text(encoding="utf-8")
        new = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
        assert new != text, f"{relative}: {pattern!r} not found"
        path.write_text(new, encoding="utf-8")

    return change


def replace_image(site: Path) -> None:
    (site / "content" / COVER).write_bytes((site / "content" / OTHER_IMAGE).read_bytes())


def new_article(site: Path) -> None:
    (site / "content" / "articles" / "2025" / "bai-moi-ve-tiet-kiem.md").write_text(
        "Title: Bài mới về tiết kiệm\nDate: 2025-06-02 08:00 +07:00\n"
        "Slug: bai-moi-ve-tiet-kiem\nLang: vi\nCategory: tuyen-truyen\nTags: Tiết kiệm\n"
        "Summary: Một bài mới.\n\nNội dung bài mới.\n",
        encoding="utf-8",
    )


def delete_article(site: Path) -> None:
    (site / "content" / ARTICLE).unlink()


def no_change(site: Path) -> None:
    return None


CHANGES: dict[str, Callable[[Path], None]] = {
    **{f"header {key}": change_header(key) for key in header_keys()},
    "body": append(f"content/{ARTICLE}", "\nĐoạn bổ sung về cảnh giác.\n"),
    "translation": append(f"content/{TRANSLATION}", "\nA new closing paragraph.\n"),
    "data file": replace_first("content/data/branches.yml", r"^(  name: .*)$", r"\1 (đổi tên)"),
    "template": replace_first(
        "theme/templates/article.html", r"^(<div class=\"body\">)", r"<p>Mới</p>\1"
    ),
    "translation catalog": replace_first(
        "theme/translations/vi/LC_MESSAGES/messages.po", r'^msgstr "(.+)"$', r'msgstr "\1 mới"'
    ),
    "image": replace_image,
    "new article": new_article,
    "drafted article": lambda site: set_header(site / "content" / ARTICLE, "status", "draft"),
    "deleted article": delete_article,
    "nothing": no_change,
}
SETTING_CHANGES = {"setting": {"DEFAULT_PAGINATION": 3}}


def site_overrides(site: Path, output: str = "output", cache: str = "cache") -> dict:
    """The settings that point a build at the test site's folders."""
    return {
        "PATH": str(site / "content"),
        "THEME": str(site / "theme"),
        "OUTPUT_PATH": str(site / output),
        "CACHE_PATH": str(site / cache),
        "MEDIA": {"cache_dir": str(site.parent / "media-cache")},
        # every case also proves the kept contents (``contentcache.py``) change nothing
        "SITEBUILD_KEEP_CONTENTS": True,
    }


def build_site(site: Path, output: str = "output", cache: str = "cache", **overrides):
    result = build(
        ROOT / "pelicanconf.py", overrides={**site_overrides(site, output, cache), **overrides}
    )
    assert result.ok, f"build failed: {result}"
    return site / output


def every_file(output: Path) -> dict[str, bytes]:
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in output.rglob("*")
        if path.is_file()
    }


def assert_same_files(warm: Path, cold: Path) -> None:
    warm_files, cold_files = every_file(warm), every_file(cold)
    assert sorted(warm_files) == sorted(cold_files)
    differing = [name for name in sorted(cold_files) if warm_files[name] != cold_files[name]]
    assert differing == [], f"the incremental build differs from a cold one: {differing[:10]}"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """The sample site with its theme, built cold once: every case starts from this."""
    root = tmp_path_factory.mktemp("identity")
    snapshot = root / "pristine"
    shutil.copytree(SAMPLE_CONTENT, snapshot / "content")
    shutil.copytree(ROOT / "theme", snapshot / "theme")
    site = root / "site"
    shutil.copytree(snapshot, site)
    build_site(site)
    shutil.copytree(site / "output", snapshot / "output", copy_function=os.link)
    shutil.copytree(site / "cache", snapshot / "cache", ignore=shutil.ignore_patterns("spare-*"))
    return snapshot


@pytest.fixture
def site(pristine) -> Path:
    """The site at its one path, reset to the pristine tree and its cold build."""
    site = pristine.parent / "site"
    shutil.rmtree(site)
    shutil.copytree(pristine / "content", site / "content")
    shutil.copytree(pristine / "theme", site / "theme")
    shutil.copytree(pristine / "output", site / "output", copy_function=os.link)
    shutil.copytree(pristine / "cache", site / "cache")
    return site


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_incremental_build_is_the_cold_build(site, change):
    CHANGES[change](site)
    warm = build_site(site)
    cold = build_site(site, "cold-output", "cold-cache")
    assert_same_files(warm, cold)


@pytest.mark.parametrize("change", sorted(SETTING_CHANGES))
def test_incremental_build_after_a_setting_change_is_the_cold_build(site, change):
    overrides = SETTING_CHANGES[change]
    warm = build_site(site, **overrides)
    cold = build_site(site, "cold-output", "cold-cache", **overrides)
    assert_same_files(warm, cold)


def test_two_cold_builds_are_identical(site):
    first = build_site(site, "cold-one", "cache-one")
    second = build_site(site, "cold-two", "cache-two")
    assert_same_files(first, second)


def test_builds_in_one_process_leave_no_state_behind(site):
    """The live preview builds again and again in one process: a build, even a broken
    one, leaves no state for the next, and the next is still the cold build."""
    assert current_build() is None
    build_site(site)
    assert current_build() is None
    (site / "broken-theme" / "templates").mkdir(parents=True)
    broken = build(
        ROOT / "pelicanconf.py",
        overrides={
            "PATH": str(site / "content"),
            "THEME": str(site / "broken-theme"),
            "OUTPUT_PATH": str(site / "output"),
            "CACHE_PATH": str(site / "cache"),
        },
    )
    assert not broken.ok
    assert current_build() is None
    CHANGES["header cover_caption"](site)
    warm = build_site(site)
    cold = build_site(site, "cold-output", "cold-cache")
    assert_same_files(warm, cold)


def _rewrite_keeping_stamp(path: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` (as long) and give the file back its size and mtime: a
    save within the clock's granularity of the last one looks just like this."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


def test_builds_keeping_the_read_sources_in_memory_are_the_cold_build(site):
    """The live preview keeps what it read (``kept``) from build to build: after a series
    of changes, the last a second save that left the file's size and mtime as the first
    save made them, the build is still the cold build of the tree."""
    kept: dict = {}
    overrides = site_overrides(site)
    # the body last: its build reads the article just saved, and the rewrite follows
    for change in ("header title", "new article", "translation", "data file", "nothing", "body"):
        CHANGES[change](site)
        assert build(ROOT / "pelicanconf.py", overrides=overrides, kept=kept).ok
    assert kept, "the build kept nothing for the next one"
    article = site / "content" / ARTICLE
    _rewrite_keeping_stamp(article, "gần đây, nhiều", "GẦN ĐÂY, NHIỀU")
    assert build(ROOT / "pelicanconf.py", overrides=overrides, kept=kept).ok
    pages = (site / "output" / "2025").rglob("index.html")
    assert any("GẦN ĐÂY, NHIỀU" in page.read_text(encoding="utf-8") for page in pages)
    cold = build_site(site, "cold-output", "cold-cache")
    assert_same_files(site / "output", cold)


# when a save can come while a build runs: after the main site has read its articles (so
# what the build keeps for the article is worked out after the save), after it has written
# its pages, after the English site has read its own
SAVE_MOMENTS = {
    "after reading": ("article_generator_finalized", 0),
    "after writing": ("article_writer_finalized", 0),
    "after the English site read": ("article_generator_finalized", 1),
}


@pytest.mark.parametrize("kept_in", ["memory", "cache"])
@pytest.mark.parametrize(
    ("moment", "change"),
    [*((moment, "header tags") for moment in sorted(SAVE_MOMENTS)), ("after reading", "data file")],
)
def test_a_save_during_a_build_reaches_the_next_build(site, moment, change, kept_in):
    """The live preview builds while the officer saves: a save that comes after the build
    read the article (or the unit's data) is shown by the next build, which is the cold
    build of the tree as saved (the build before it kept digests worked out after the
    save)."""
    kept: dict | None = {} if kept_in == "memory" else None
    overrides = {**site_overrides(site), "SITEBUILD_KEEP_CONTENTS": False}
    CHANGES["body"](site)  # the build reads the article again
    signal_name, firing = SAVE_MOMENTS[moment]
    sent = []

    def save_now(sender, **_):
        sent.append(sender)
        if len(sent) == firing + 1:
            CHANGES[change](site)

    signal = getattr(signals, signal_name)
    signal.connect(save_now)
    try:
        assert build(ROOT / "pelicanconf.py", overrides=overrides, kept=kept).ok
    finally:
        signal.disconnect(save_now)
    assert len(sent) > firing, "the build never came to the moment of the save"
    assert build(ROOT / "pelicanconf.py", overrides=overrides, kept=kept).ok
    cold = build_site(site, "cold-output", "cold-cache", SITEBUILD_KEEP_CONTENTS=False)
    assert_same_files(site / "output", cold)


# what contents' digests are kept under (``fingerprints.inputs_digest``) or beside (a
# content's own source file): each change must reach the pages of the next build
KEPT_CHANGES = [
    "body",
    "data file",
    "deleted article",
    "header cover_caption",
    "header title",
    "image",
    "new article",
    "template",
    "translation",
    "translation catalog",
]


def page_keys(cache: Path) -> dict[str, str]:
    """The key of every page and feed of the last build (``incremental.RECORD``)."""
    keys = {}
    for record in sorted(cache.rglob(RECORD)):
        for name, page in json.loads(record.read_text(encoding="utf-8"))["pages"].items():
            keys[f"{record.parent.relative_to(cache)}/{name}"] = page["key"]
    assert keys, f"no page keys under {cache}"
    return keys


def forget_kept_digests(cache: Path) -> None:
    for memo in cache.rglob(MEMO_FILE):
        memo.unlink()


@pytest.mark.parametrize("kept_in", ["memory", "cache"])
@pytest.mark.parametrize("change", [*KEPT_CHANGES, "setting"])
def test_a_build_keeping_digests_after_a_change_is_the_cold_build(site, change, kept_in):
    """Each content's digest is kept from one build to the next (the live preview in
    memory, a one-off build in the cache folder): after a change to a source, a data file,
    an image, a template, a catalog or a setting, the next build is still the cold build
    of the changed tree, with the page keys of a build that kept nothing."""
    kept: dict | None = {} if kept_in == "memory" else None
    overrides = site_overrides(site)
    assert build(ROOT / "pelicanconf.py", overrides=overrides, kept=kept).ok
    if kept_in == "memory":
        assert kept.get("fingerprints"), "the build kept no digests for the next one"
    else:
        assert list((site / "cache").rglob(MEMO_FILE)), "no digests kept in the cache"
    setting = SETTING_CHANGES.get(change, {})
    if not setting:
        CHANGES[change](site)
    assert build(ROOT / "pelicanconf.py", overrides={**overrides, **setting}, kept=kept).ok
    cold = build_site(site, "cold-output", "cold-cache", **setting)
    assert_same_files(site / "output", cold)
    # each page's key, where a digest taken from memory would show first, is the key a
    # build that kept nothing works out for the same tree
    kept_keys = page_keys(site / "cache")
    forget_kept_digests(site / "cache")
    build_site(site, **setting)
    assert kept_keys == page_keys(site / "cache")


class _Told(logging.Handler):
    """The messages of one build, as the officer reads them in the terminal."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.mark.parametrize("kept_in", ["memory", "cache"])
def test_a_build_keeping_contents_tells_every_problem_again(site, kept_in):
    """The contents read by one build are kept for the next (``contentcache.py``), but
    not a read that told the officer something: the next build reads that file again,
    tells the problem again, and is still the cold build of the tree."""
    kept: dict | None = {} if kept_in == "memory" else None
    overrides = site_overrides(site)
    featured = "articles/2026/xa-lam-chu-mit-tinh-huong-ung-thang-hanh-dong-vi-binh-dang-gioi.md"
    set_header(site / "content" / featured, "featured", "có lẽ")
    results = []
    for _ in range(2):
        told = _Told()
        logging.getLogger().addHandler(told)
        try:
            results.append(build(ROOT / "pelicanconf.py", overrides=overrides, kept=kept))
        finally:
            logging.getLogger().removeHandler(told)
        assert any("“Featured: có lẽ” không rõ nghĩa" in text for text in told.messages)
    assert results[1].ok
    assert results[1].warnings == results[0].warnings > 0
    if kept is not None:
        assert sum(contents.kept for contents in kept["contents"].values()) > 0
    else:
        assert list((site / "cache").rglob("content-objects/*.pickle"))
    cold = build_site(site, "cold-output", "cold-cache")
    assert_same_files(site / "output", cold)


@pytest.mark.parametrize("kept_in", ["memory", "cache folder"])
def test_kept_contents_share_the_unit_data_s_campaigns_as_read_ones_do(site, kept_in):
    """A kept article's campaign is the unit data's own campaign, as when it was read, not
    a copy held once per article that links it (at 4,000 articles the copies took more
    memory than the contents themselves)."""
    kept: dict | None = {} if kept_in == "memory" else None
    overrides = site_overrides(site)
    seen: list[tuple] = []

    def look(generator):
        data = generator.context["UNIT_DATA"]
        for article in generator.articles:
            for campaign in getattr(article, "campaigns", None) or ():
                seen.append((campaign.info, data.campaign(campaign.id)))

    signals.article_generator_finalized.connect(look)
    try:
        for _ in range(2):
            seen.clear()
            assert build(ROOT / "pelicanconf.py", overrides=overrides, kept=kept).ok
    finally:
        signals.article_generator_finalized.disconnect(look)
    if kept is not None:
        assert sum(contents.kept for contents in kept["contents"].values()) > 0
    assert len(seen) > 3
    assert all(info is own for info, own in seen)


def test_a_site_s_articles_share_one_object_per_tag_and_author(site):
    """Articles tagged alike hold the site's one object of that tag (and of an author), not
    one each: a tag is a value, and three per article were 5 % of an article's memory."""
    held: dict[tuple, list[int]] = {}

    def look(generator):
        lang = generator.settings["DEFAULT_LANG"]
        for article in generator.articles:
            for name in [*getattr(article, "tags", ()), *getattr(article, "authors", ())]:
                held.setdefault((lang, type(name).__name__, name.name), []).append(id(name))

    signals.article_generator_finalized.connect(look)
    try:
        # read, not kept: a kept content is unpickled with objects of its own
        overrides = {**site_overrides(site), "SITEBUILD_KEEP_CONTENTS": False}
        assert build(ROOT / "pelicanconf.py", overrides=overrides).ok
    finally:
        signals.article_generator_finalized.disconnect(look)
    assert any(kind == "Tag" and len(ids) > 1 for (_, kind, _), ids in held.items())
    assert any(kind == "Author" and len(ids) > 1 for (_, kind, _), ids in held.items())
    assert all(len(set(ids)) == 1 for ids in held.values())
