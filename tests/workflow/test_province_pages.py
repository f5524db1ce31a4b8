"""The root page of a province's gh-pages branch (``tinhoi sites pages``): each site's job
publishes its own folder and rewrites ``index.html`` at the root, listing every published
site under the SITENAME of its settings. Real builds of the sample sites, pushed to a local
bare origin; the page is read back from the branch and parsed."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from browser import nu_check
from conftest import ROOT, bare_origin, git

from tinhoi.province.pages import publish_folder

EXAMPLE = ROOT / "examples" / "province"
ADDRESS = "https://tinh.example.vn/trang/"  # where Pages serves the branch's root
UNITS = {
    "a": "Hội LHPN xã An Phú",
    "b": "Hội LHPN xã Bình Minh",
    "c": "Hội LHPN phường Cẩm Thành",
}

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


class Page(HTMLParser):
    """What the tests read of a page: its language, title, links and outside resources."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.title = ""
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.resources: list[str] = []  # src= and <link href=>
        self._in: list[str] = []
        self._link: list | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "a":
            self._link = [attrs.get("href"), ""]
        if tag == "link" or "src" in attrs:
            self.resources.append(attrs.get("href") or attrs.get("src"))
        self._in.append(tag)

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.links.append((self._link[0], " ".join(self._link[1].split())))
            self._link = None
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data
        if self._in and self._in[-1] == "title":
            self.title += data


@pytest.fixture(scope="module")
def province(tmp_path_factory) -> Path:
    """The sample province, committed and pushed to a bare origin, each site built for the
    branch (``make publish`` with BASE_PATH=<mã>)."""
    folder = tmp_path_factory.mktemp("province-pages")
    root = folder / "tinh"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("output", "cache"))
    bare_origin(root, folder / "origin.git")
    for code in UNITS:
        settings = f"sites/{code}/publishconf.py"
        done = subprocess.run(
            [sys.executable, "-m", "tinhoi.sitebuild", "publish", "--settings", settings],
            cwd=root,
            env={**os.environ, "SITEURL": ADDRESS, "BASE_PATH": code},
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr[-2000:]
    return root


def publish_ok(root: Path, code: str) -> None:
    origin = str(root.parent / "origin.git")
    status = publish_folder(root, root / "sites" / code / "output", code, origin, out=print)
    assert status == 0


def branch_files(root: Path) -> set[str]:
    origin = root.parent / "origin.git"
    return set(git(origin, "ls-tree", "-r", "--name-only", "gh-pages").splitlines())


def home(root: Path) -> Page:
    return Page(git(root.parent / "origin.git", "show", "gh-pages:index.html"))


def listed(page: Page) -> list[tuple[str, str]]:
    """(the file a link opens on the branch, its text) for every link of the page."""
    opened = []
    for href, text in page.links:
        url = urljoin(ADDRESS, href)
        assert url.startswith(ADDRESS), href  # inside the branch's address
        path = urlsplit(url).path.removeprefix(urlsplit(ADDRESS).path)
        opened.append((path + "index.html" if path.endswith("/") else path, text))
    return opened


def test_the_root_page_lists_each_published_site_and_grows_with_the_province(province):
    publish_ok(province, "a")
    page = home(province)
    assert page.lang == "vi" and page.title.strip()
    assert listed(page) == [("a/index.html", UNITS["a"])]

    publish_ok(province, "c")
    publish_ok(province, "b")
    files = branch_files(province)
    opened = listed(home(province))
    # every published site, in Vietnamese order of their names (phường before xã)
    assert opened == [(f"{code}/index.html", UNITS[code]) for code in ("c", "a", "b")]
    assert all(path in files for path, _ in opened)
    assert {"index.html", ".nojekyll"} <= files
    # a light page of its own: nothing loaded from elsewhere, no script
    text = git(province.parent / "origin.git", "show", "gh-pages:index.html")
    assert home(province).resources == [] and "<script" not in text


def test_rebuilding_one_site_keeps_the_others_and_the_root_page(province):
    for code in UNITS:
        publish_ok(province, code)
    origin = province.parent / "origin.git"
    before = {code: git(origin, "rev-parse", f"gh-pages:{code}").strip() for code in UNITS}
    page_before = git(origin, "show", "gh-pages:index.html")

    (province / "sites/a/output/moi.html").write_text("<p>mới</p>\n", encoding="utf-8")
    publish_ok(province, "a")
    (province / "sites/a/output/moi.html").unlink()

    assert "a/moi.html" in branch_files(province)
    for code in ("b", "c"):
        assert git(origin, "rev-parse", f"gh-pages:{code}").strip() == before[code]
    assert git(origin, "show", "gh-pages:index.html") == page_before
    # the same sites again: the branch does not change
    lines: list[str] = []
    publish_folder(province, province / "sites/b/output", "b", str(origin), out=lines.append)
    assert lines == ["Trang b/ trên nhánh gh-pages không đổi."]


def test_a_site_whose_settings_cannot_be_read_is_listed_by_its_code(province, caplog):
    for code in UNITS:
        publish_ok(province, code)
    settings = province / "sites/c/pelicanconf.py"
    kept = settings.read_text(encoding="utf-8")
    settings.write_text(kept + "\nSITENAME = (\n", encoding="utf-8")
    try:
        with caplog.at_level(logging.WARNING):
            publish_ok(province, "a")
    finally:
        settings.write_text(kept, encoding="utf-8")
    assert listed(home(province)) == [
        ("c/index.html", "c"),
        ("a/index.html", UNITS["a"]),
        ("b/index.html", UNITS["b"]),
    ]
    assert any("sites/c/pelicanconf.py" in message for message in caplog.messages)
    publish_ok(province, "a")  # read again: the name is back
    assert listed(home(province))[0] == ("c/index.html", UNITS["c"])


@pytest.mark.browser
def test_the_root_page_passes_the_nu_html_checker(province, tmp_path):
    for code in UNITS:
        publish_ok(province, code)
    page = tmp_path / "index.html"
    page.write_text(git(province.parent / "origin.git", "show", "gh-pages:index.html"))
    errors, checked = nu_check(page)
    assert errors == []
    assert len(checked) == 1
