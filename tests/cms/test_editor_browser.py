"""The editor in Debian's Chromium: it stays on the site before sign-in, and what it saves
builds. The second test drives the real editor with its in-browser test repository
(files kept in the browser's private storage), then builds the file it wrote."""

from __future__ import annotations

import shutil

import pytest
from browser import DESKTOP, visit
from conftest import SAMPLE_CONTENT, run_build, write_source
from html_tools import Page

from tests.cms.editor import VENDOR_DIR, editor_folder
from tests.workflow.servers import base_url, serve_site
from tinhoi.cms.vendor import VERSION

pytestmark = pytest.mark.browser
# the editor's form fields (the preview pane repeats the sections, without controls)
CONTROLS = "input, textarea, [role=switch], [role=checkbox], [contenteditable=true]"
AFTER_SAVE_ERROR = "Cannot convert undefined or null to object"
BASE = "/hoi-phu-nu/"
# The editor may be writing or renaming a file while we walk its storage: an entry that
# vanishes under us is skipped, and the caller asks again.
READ_FILES = """async () => {
  const found = {};
  async function walk(folder, prefix) {
    for await (const [name, handle] of folder.entries()) {
      try {
        if (handle.kind === 'directory') await walk(handle, prefix + name + '/');
        else found[prefix + name] = await (await handle.getFile()).text();
      } catch (error) {
        if (error.name !== 'NotFoundError') throw error;
      }
    }
  }
  await walk(await navigator.storage.getDirectory(), '');
  return found;
}"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The sample site with the editor, served under a base path; yields a build function."""
    editor_folder()
    root = tmp_path_factory.mktemp("served")
    with serve_site(root / "output", BASE) as server:
        siteurl = base_url(server) + BASE.rstrip("/")

        def build(**overrides):
            site = run_build(
                root,
                SAMPLE_CONTENT,
                strict=True,
                SEARCH_INDEX=False,
                CMS_VENDOR_DIR=str(VENDOR_DIR),
                **overrides,
            )
            assert site.result.ok, site.messages
            return site

        yield build, siteurl


def _off_site(urls, siteurl):
    """URLs that leave the site: anything but its own pages and in-page blob: objects."""
    origin = siteurl[: -len(BASE.rstrip("/"))]
    return [url for url in urls if not url.startswith((siteurl + "/", f"blob:{origin}/"))]


def _errors(seen) -> list[str]:
    """The console errors, without the location ``visit`` appends."""
    return [error.rsplit(" (", 1)[0] for error in seen.console_errors]


def test_sign_in_page_stays_on_the_site(served, chromium):
    build, siteurl = served
    build(CMS_REPO="hoi-lam-chu/trang-tin", CMS_API_ROOT="http://127.0.0.1:9/api/v3")
    with visit(chromium, locale="vi-VN") as seen:
        requests = []
        seen.page.on("request", lambda request: requests.append(request.url))
        seen.goto(siteurl + "/admin/")
        seen.page.get_by_role("button", name="Đăng nhập bằng mã truy cập").wait_for()
        seen.page.wait_for_load_state("networkidle")
    assert seen.offsite == [] and _off_site(requests, siteurl) == []
    assert _errors(seen) == []
    assert siteurl + f"/admin/sveltia-cms.js?v={VERSION}" in requests
    assert siteurl + "/admin/locales/vi.json" in requests  # Vietnamese interface


def test_an_article_written_in_the_editor_builds(served, chromium, tmp_path, content_dir):
    build, siteurl = served
    build(CMS_BACKEND="test-repo")
    with visit(
        chromium,
        siteurl + "/admin/",
        viewport=DESKTOP,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
    ) as seen:
        text, relative, errors_before_saving = _write_in_the_editor(seen, siteurl)
    assert errors_before_saving == []
    assert seen.offsite == []
    # 0.221.1 closes the form with one TypeError when English was left off (the file is saved)
    assert set(_errors(seen)) <= {AFTER_SAVE_ERROR}
    assert relative.startswith("articles/") and relative.endswith(
        "/chi-hoi-khu-pho-6-sinh-hoat-qua-zalo.md"
    )
    assert text.startswith("---\nSlug: chi-hoi-khu-pho-6-sinh-hoat-qua-zalo\n"), text
    assert "+07:00" in text.split("Date:", 1)[1].split("\n", 1)[0], text

    shutil.copytree(SAMPLE_CONTENT / "images", content_dir / "images", dirs_exist_ok=True)
    write_source(content_dir, relative, text.replace("Status: draft", "Status: published"))
    site = run_build(tmp_path, content_dir, strict=True, SEARCH_INDEX=False)
    assert site.result.ok, site.messages
    [article] = site.output.glob("*/*/chi-hoi-khu-pho-6-sinh-hoat-qua-zalo/index.html")
    page_links = {url for _tag, url in Page(article).links}
    for expected in ("/chu-de/chuyen-doi-so/", "/chu-de/sinh-hoat-chi-hoi/", "/chi-hoi/chi-hoi-6/"):
        assert any(url.endswith(expected) for url in page_links), expected
    assert "Chi hội khu phố 6: sinh hoạt qua Zalo" in Page(article).text


def _write_in_the_editor(seen, siteurl):
    """Sign in to the test repository, write an article, save it; return its text, its path
    under content/ and the console errors seen before saving."""
    page = seen.page
    page.get_by_role("button", name="Làm việc với kho mã nguồn thử nghiệm").click()
    page.get_by_role("button", name="Tạo bài viết mới").first.wait_for()  # signed in
    page.goto(siteurl + "/admin/#/collections/hoat-dong-chi-hoi/new")

    def field(key):
        """The form field of ``key``; the form renders fields as they scroll into view."""
        target = page.locator(f'section[data-key-path="{key}"]:has({CONTROLS})').first
        for _ in range(40):
            if target.count():
                break
            shown = page.locator(f"section[data-key-path]:has({CONTROLS})")
            shown.last.scroll_into_view_if_needed()
            page.wait_for_timeout(50)
        return target

    field("Title").locator("input").fill("Chi hội khu phố 6: sinh hoạt qua Zalo")
    field("Tags").locator("input").first.fill("Chuyển đổi số")
    field("Tags").locator("button", has_text="Thêm").click()
    field("Tags").locator("input").nth(1).fill("Sinh hoạt chi hội")
    field("Branches").locator('button[value="chi-hoi-6"]').click()
    field("Consent").get_by_role("switch").click()
    field("Summary").locator("textarea").fill("Hội viên ở xa dự họp qua Zalo.")
    field("body").locator("[contenteditable=true]").click()
    page.keyboard.type("Chiếc ti vi ở nhà văn hóa khu phố 6 giờ có thêm một việc mới.")
    errors_before_saving = _errors(seen)
    page.get_by_role("button", name="Lưu", exact=True).click()

    files = {}
    for _ in range(100):  # the editor writes its storage right after the save
        files = {k: v for k, v in page.evaluate(READ_FILES).items() if k.endswith(".md")}
        if files:
            break
        page.wait_for_timeout(100)
    [(stored, text)] = files.items()
    return text, stored.split("content/", 1)[1], errors_before_saving
