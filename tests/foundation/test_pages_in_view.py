"""Pages open in a tab go first (``Build.in_view``): the preview's server learns which
pages the open tabs show, and the next build renders those as soon as their language site
is read and hands each to the preview, which puts it in the served tree at once.

The builds here run in this process as the preview runs them; the server is a real one,
its tabs real event streams over HTTP.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT
from test_early_pages import Preview
from test_incremental_identity import assert_same_files

from tests.media.imagemaker import phone_jpeg
from tinhoi.sitebuild.driver import build
from tinhoi.sitebuild.filestamps import stamps
from tinhoi.sitebuild.preview import Builds, _InView
from tinhoi.sitebuild.serve import (
    EVENTS,
    PreviewStatus,
    make_server,
    page_address,
    served_file,
)

SETTINGS = ROOT / "pelicanconf.py"
PHONE = '"0237 3868 000"'  # the unit's phone (content/data/unit.yml), on every page


@pytest.mark.parametrize(
    ("url", "file"),
    [
        ("/", "index.html"),
        ("/en/", "en/index.html"),
        ("/en", "en/index.html"),
        ("/2026/10/bai-moi/", "2026/10/bai-moi/index.html"),
        ("/chu-de/ph%E1%BB%A5-n%E1%BB%AF/", "chu-de/phụ-nữ/index.html"),
        ("/404.html", "404.html"),
        ("/a/../../etc/", "etc/index.html"),  # never above the site
        ("bai-moi/", None),
    ],
)
def test_a_tab_s_address_names_the_file_that_answers_it(url, file):
    assert served_file(url) == file
    if file is not None:  # and back: the address the preview names in the terminal
        assert served_file(page_address(file)) == file


@contextlib.contextmanager
def tab(port: int, page: str):
    """A tab showing ``page``: its event stream stays open until the block ends."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as stream:
        request = f"GET {EVENTS}?page={page} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        stream.sendall(request.encode())
        assert stream.recv(4096).startswith(b"HTTP/1.0 200")  # the stream is open
        yield


def wait_until(check, what: str):
    deadline = time.monotonic() + 10
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"never: {what}")
        time.sleep(0.05)


def test_the_server_keeps_the_pages_its_tabs_show(tmp_path):
    status = PreviewStatus(tmp_path / "status.json")
    (tmp_path / "site").mkdir()
    server = make_server(tmp_path / "site", "127.0.0.1", 0, status)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}).start()
    port = server.server_address[1]
    article = "2026/10/bai-moi/index.html"
    try:
        assert status.open_files() == frozenset()
        with tab(port, "/"), tab(port, "/2026/10/bai-moi/"):
            wait_until(lambda: status.open_files() == {"index.html", article}, "both open")
            with tab(port, "/2026/10/bai-moi/"):  # the same page in two tabs
                time.sleep(0.3)
            time.sleep(0.3)  # one of them closed: the page is still open in the other
            assert status.open_files() == {"index.html", article}
        wait_until(lambda: status.open_files() == frozenset(), "every tab closed")
    finally:
        server.shutdown()
        server.server_close()


class InProcessPreview(Preview):
    """The sample site built as the live preview builds it, with pages open in tabs."""

    def build(self, in_view: frozenset = frozenset()) -> dict[str, tuple[bytes, bool]]:
        """Build; return each page shown, as it was when it was handed over (the file the
        build wrote, read at that moment), and whether the English home page was written
        by then."""
        shown: dict[str, tuple[bytes, bool]] = {}

        def show(path: str, written: str) -> None:
            assert path not in shown  # each page once
            tree = Path(written[: -len(path)])
            shown[path] = (Path(written).read_bytes(), (tree / "en" / "index.html").exists())

        result = build(
            SETTINGS,
            overrides=self.overrides,
            kept=self.kept,
            background=True,
            in_view=in_view,
            show=show,
        )
        assert result.ok
        return shown


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> InProcessPreview:
    return InProcessPreview(tmp_path_factory.mktemp("in-view"))


ARTICLE = "2026/11/chi-hoi-khu-pho-6-sinh-hoat-truc-tuyen-qua-zalo/index.html"
GONE = "2026/10/no-such-page/index.html"  # a tab on a page gone since: nothing to show
IN_VIEW = {
    # with a page of the English site among them, that site renders first, as always
    "both sites": frozenset({"index.html", "en/index.html", "gioi-thieu/index.html", GONE}),
    # with pages of the main site only, the English site renders after them
    "the main site": frozenset({"index.html", "gioi-thieu/index.html", ARTICLE, GONE}),
}


@pytest.mark.parametrize("sites", sorted(IN_VIEW))
def test_the_open_pages_are_shown_as_the_build_writes_them(preview, tmp_path, sites):
    in_view = IN_VIEW[sites]
    phone = f"0237 3868 {len(sites)}"
    unit = preview.content / "data" / "unit.yml"
    unit.write_text(unit.read_text("utf-8").replace(PHONE, f'"{phone}"'), "utf-8")
    shown = preview.build(in_view)
    # every open page that exists was rendered first, and is the page the build put in place
    assert sorted(shown) == sorted(in_view - {GONE})
    for path, (page, _) in shown.items():
        assert phone in page.decode("utf-8"), path
        assert page == (preview.output / path).read_bytes(), path
    english_first = sites == "both sites"
    assert [english for _, english in shown.values()] == [english_first] * len(shown)
    # and rendering them first changed nothing: the output is a cold build's
    cold = build(
        SETTINGS,
        overrides={
            **preview.overrides,
            "OUTPUT_PATH": str(tmp_path / "cold"),
            "CACHE_PATH": str(tmp_path / "cold-cache"),
        },
    )
    assert cold.ok
    assert_same_files(preview.output, tmp_path / "cold")
    unit.write_text(unit.read_text("utf-8").replace(f'"{phone}"', PHONE), "utf-8")


def test_a_build_that_changed_nothing_shows_nothing(preview):
    """Its pages are the last build's."""
    preview.build()
    assert preview.build(IN_VIEW["both sites"] | IN_VIEW["the main site"]) == {}


@pytest.fixture
def builds(tmp_path) -> Builds:
    """The preview's builds of a small tree, the last one good, a tab open on the home."""
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "articles").mkdir()
    (content / "articles" / "bai.md").write_text("Title: Bài\n\nNội dung.\n", "utf-8")
    settings_file = tmp_path / "pelicanconf.py"
    settings_file.write_text("", "utf-8")
    settings = {
        "PATH": str(content),
        "THEME": str(tmp_path / "theme"),
        "OUTPUT_PATH": str(tmp_path / "output"),
        "CACHE_PATH": str(tmp_path / "cache"),
    }
    status = PreviewStatus(tmp_path / "status.json")
    status.write_open(["index.html"])
    running = Builds(settings_file, status, settings)
    running.good = stamps(running.roots)
    return running


@pytest.mark.parametrize(
    ("save", "first"),
    [
        (lambda content: (content / "articles" / "bai.md").write_text("Title: Mới\n\nx\n"), True),
        (lambda content: (content / "articles" / "bai.md").unlink(), True),
        (lambda content: phone_jpeg(content / "images" / "anh.jpg"), False),
        (lambda content: (content / "style.css").write_text("p {}"), False),
    ],
    ids=["an article saved", "an article deleted", "a new photo", "a style sheet"],
)
def test_only_a_save_of_text_files_shows_the_open_pages_first(builds, save, first):
    save(Path(builds.roots[0]))
    expected = frozenset({"index.html"}) if first else frozenset()
    assert builds._in_view(stamps(builds.roots)) == expected


def test_no_page_goes_first_before_a_good_build(builds):
    builds.good = None
    assert builds._in_view(stamps(builds.roots)) == frozenset()


@pytest.fixture
def served(builds, tmp_path) -> Path:
    """The served tree with one page, and a build's staging tree with it and a new one."""
    output = Path(builds.output)
    (output / "a").mkdir(parents=True)
    (output / "a" / "index.html").write_text("trang cũ", "utf-8")
    for name, text in (("a", "trang mới"), ("b", "trang thêm")):
        (tmp_path / "staging" / name).mkdir(parents=True)
        (tmp_path / "staging" / name / "index.html").write_text(text, "utf-8")
    return output


def _show_both(builds, tmp_path) -> _InView:
    shower = _InView(builds, stamps(builds.roots))
    for name in ("a", "b"):
        shower.show(f"{name}/index.html", str(tmp_path / "staging" / name / "index.html"))
    return shower


@pytest.mark.parametrize("ok", [True, False], ids=["the build ends well", "the build breaks"])
def test_a_build_that_breaks_leaves_the_last_good_pages_served(builds, served, tmp_path, ok):
    shower = _show_both(builds, tmp_path)
    assert (served / "a" / "index.html").read_text("utf-8") == "trang mới"
    assert (served / "b" / "index.html").read_text("utf-8") == "trang thêm"
    shower.finish(ok)
    expected = {"a": "trang mới", "b": "trang thêm"} if ok else {"a": "trang cũ"}
    pages = {path.parent.name: path.read_text("utf-8") for path in served.rglob("*.html")}
    assert pages == expected
    assert not shower.kept.exists()


def test_a_page_a_later_save_changed_is_not_shown(builds, served, tmp_path):
    shower = _InView(builds, stamps(builds.roots))
    (Path(builds.roots[0]) / "articles" / "bai.md").write_text("Title: Lưu lần nữa\n\nx\n")
    shower.show("a/index.html", str(tmp_path / "staging" / "a" / "index.html"))
    assert (served / "a" / "index.html").read_text("utf-8") == "trang cũ"
