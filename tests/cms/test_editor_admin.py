"""/admin/ in the build: the editor page, its configuration and its pinned script."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import SAMPLE_CONTENT, run_build
from html_tools import Page

from tests.cms.editor import VENDOR_DIR, editor_folder
from tinhoi.cms.vendor import PRIVATE, VERSION, InstallError, integrity_of, patch_script, unpack


def _build(tmp_path, **overrides):
    site = run_build(tmp_path, SAMPLE_CONTENT, strict=True, SEARCH_INDEX=False, **overrides)
    assert site.result.ok, site.messages
    return site


@pytest.fixture(scope="module")
def with_editor(tmp_path_factory):
    editor_folder()
    return _build(tmp_path_factory.mktemp("admin"), CMS_VENDOR_DIR=str(VENDOR_DIR))


def test_without_the_editor_admin_says_how_to_install_it(tmp_path):
    site = _build(tmp_path, CMS_VENDOR_DIR=str(tmp_path / "nothing"))
    page = site.read("admin/index.html")
    assert "make cms-install" in page and "<script" not in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert yaml.safe_load(site.read("admin/config.yml"))["collections"]


def test_admin_is_kept_out_of_sitemap_robots_and_search(with_editor):
    site = with_editor
    assert "/admin/" not in site.read("sitemap.xml")
    assert "Disallow: /admin/" in site.read("robots.txt").splitlines()
    assert "data-pagefind-body" not in site.read("admin/index.html")


def test_admin_page_loads_only_the_local_script(with_editor):
    site = with_editor
    page = Page(site.output / "admin/index.html")
    assert ("script", f"sveltia-cms.js?v={VERSION}") in page.links
    for _tag, url in page.links:
        assert not re.match(r"^(https?:)?//", url), url
        assert (site.output / "admin" / url.split("?")[0]).is_file(), url
    for name in ("fonts/source-sans-3.woff2", "locales/vi.json", "LICENSE.txt"):
        assert (site.output / "admin" / name).is_file(), name
    for name in PRIVATE:
        assert not (site.output / "admin" / name).exists()


def test_the_served_script_is_patched_to_stay_on_the_site(with_editor):
    script = with_editor.read("admin/sveltia-cms.js")
    for third_party in ("cdn.jsdelivr.net", "githubstatus.com/api", "${iP}@${rP}/locales"):
        assert third_party not in script, third_party
    assert "fonts/material-symbols-outlined.woff2" in script


def test_the_editor_can_be_switched_off(tmp_path):
    site = _build(tmp_path, CMS_ENABLED=False)
    assert not (site.output / "admin").exists()


def test_a_tampered_package_is_refused(tmp_path):
    with pytest.raises(InstallError, match="khác mã đã ghim"):
        unpack(b"not the package", tmp_path / "editor")
    assert not (tmp_path / "editor").exists()


def test_patches_refuse_another_release():
    with pytest.raises(InstallError, match="bản vá không khớp"):
        patch_script("console.log('another release')")


def test_integrity_is_the_npm_sha512_form():
    assert integrity_of(b"") == (
        "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=="
    )


def test_install_says_already_there_only_when_it_was(tmp_path):
    """A real install from npm into an empty folder, then again: only the second is "Đã có"."""
    import shutil

    from tinhoi.cms.__main__ import install_message
    from tinhoi.cms.vendor import install

    if shutil.which("npm") is None:
        pytest.skip("npm is not installed")
    try:
        first = install(tmp_path / "cms")
    except InstallError as error:  # no network to the npm registry here
        pytest.skip(str(error))
    second = install(tmp_path / "cms")
    assert first.fetched and not second.fetched and first.folder == second.folder
    assert install_message(first).startswith("Đã tải và cài ")
    assert install_message(second).startswith("Đã có ")
