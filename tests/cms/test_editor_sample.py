"""The editor on a fresh clone lists every sample article, each cover a thumbnail that loads.

What an officer does: ``make serve`` (127.0.0.1), open ``/admin/``, choose "work with the
local repository" and pick the checkout's folder; the editor then reads that folder through
the browser's File System Access API. The one step a test cannot take is clicking in the
browser's own folder picker, so ``showDirectoryPicker`` hands the editor a folder of the
browser's private storage holding the checkout's ``content/`` as git has it (what a fresh
clone gets) and the ``.git`` folder the editor looks for at the root it is given. The rest
is the real editor, the site's own build of ``/admin/`` and a real server.
"""

from __future__ import annotations

import base64
import re
import subprocess
import unicodedata
from collections import defaultdict

import pytest
import yaml
from browser import DESKTOP, visit
from conftest import ROOT, run_build
from playwright.sync_api import expect

from tests.cms.editor import VENDOR_DIR, editor_folder
from tests.workflow.servers import base_url, serve_site

pytestmark = pytest.mark.browser
CHECKOUT = "tin-hoi"  # the folder of the browser's private storage the picker returns
PICKER = f"""window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle({CHECKOUT!r});"""
WRITE_CHECKOUT = """async ([name, files]) => {
  const root = await (await navigator.storage.getDirectory())
    .getDirectoryHandle(name, {create: true});
  await root.getDirectoryHandle('.git', {create: true});
  for (const [path, data] of Object.entries(files)) {
    const parts = path.split('/');
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      folder = await folder.getDirectoryHandle(part, {create: true});
    }
    const file = await folder.getFileHandle(parts.at(-1), {create: true});
    const writable = await file.createWritable();
    await writable.write(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
    await writable.close();
  }
}"""
# each row of the open list: its title and its thumbnail (null without one)
ROWS = """() => [...document.querySelectorAll('#entry-list [role=row]')].map((row) => {
  const image = row.querySelector('[role=gridcell].image img');
  return [row.getAttribute('aria-label'), image && image.complete ? image.naturalWidth : null];
})"""
AFTER_SAVE_ERROR = "Cannot convert undefined or null to object"
LOCAL_REPOSITORY = "Làm việc với kho mã nguồn cục bộ"
ENGLISH_OFF = re.compile(r"^Bật \W?Tiếng Anh")  # "switch English on" (names carry bidi marks)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clone_files() -> dict[str, bytes]:
    """``content/`` as a fresh clone has it: the files git tracks (as they are now, so a
    change shows before it is committed); every file when this is not a git checkout."""
    try:
        done = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "content"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        names = [name for name in done.stdout.decode("utf-8").split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        names = [path.relative_to(ROOT).as_posix() for path in (ROOT / "content").rglob("*")]
    return {name: (ROOT / name).read_bytes() for name in names if (ROOT / name).is_file()}


def front_matter(data: bytes) -> dict:
    _before, header, _body = data.decode("utf-8").split("---\n", 2)
    return yaml.safe_load(header)


def expected_lists(files: dict[str, bytes]) -> dict[str, list[dict]]:
    """Per collection, what it must list: each Vietnamese file's path, title and header, and
    its English version's header (``None`` without one)."""
    lists: dict[str, list[dict]] = defaultdict(list)
    for name, data in sorted(files.items()):
        if not name.endswith(".md") or name.endswith(".en.md"):
            continue
        header = front_matter(data)
        english = files.get(name.removesuffix(".md") + ".en.md")
        entry = {
            "path": name,
            "title": _nfc(header["Title"]),
            "header": header,
            "en": front_matter(english) if english else None,
        }
        if name.startswith("content/articles/"):
            lists[header["Category"]].append(entry)
        elif name.startswith("content/pages/"):
            lists["trang"].append(entry)
    return lists


FILES = clone_files()
EXPECTED = expected_lists(FILES)


@pytest.fixture(scope="module")
def editor(tmp_path_factory, chromium):
    """The real editor of the clone's build, signed in to the clone as its local repository."""
    editor_folder()
    clone = tmp_path_factory.mktemp("clone")
    for name, data in FILES.items():
        (clone / name).parent.mkdir(parents=True, exist_ok=True)
        (clone / name).write_bytes(data)
    root = tmp_path_factory.mktemp("site")
    site = run_build(root, clone / "content", SEARCH_INDEX=False, CMS_VENDOR_DIR=str(VENDOR_DIR))
    assert site.result.ok, site.messages
    with (
        serve_site(root / "output") as server,
        visit(chromium, viewport=DESKTOP, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh") as seen,
    ):
        seen.page.add_init_script(PICKER)
        seen.goto(base_url(server) + "/admin/")
        encoded = {name: base64.b64encode(data).decode("ascii") for name, data in FILES.items()}
        seen.page.evaluate(WRITE_CHECKOUT, [CHECKOUT, encoded])
        seen.page.get_by_role("button", name=LOCAL_REPOSITORY).click()
        seen.page.get_by_role("button", name="Tạo bài viết mới").first.wait_for()  # signed in
        seen.page.set_default_timeout(15_000)
        config = yaml.safe_load((root / "output" / "admin" / "config.yml").read_bytes())
        seen.labels = {c["name"]: c["label"] for c in config["collections"]}
        yield seen
    assert seen.offsite == []
    # 0.221.1 closes the form with one TypeError when English was left off (the file is saved)
    assert {error.rsplit(" (", 1)[0] for error in seen.console_errors} <= {AFTER_SAVE_ERROR}


def open_list(seen, collection: str, expected: list[dict]) -> list[tuple[str, bool]]:
    """Open ``collection``'s list; each row's title and whether its thumbnail loaded, once
    every row and thumbnail is there (or after a while: then the test says what is not)."""
    page = seen.page
    page.goto(page.url.split("#", 1)[0] + f"#/collections/{collection}")
    # the address changes first: wait for this collection's list, not the one shown before
    page.locator(f'#collection-container[aria-label*="{seen.labels[collection]}"]').wait_for()
    page.locator("#entry-list [role=row]").first.wait_for()
    covers = sum("Cover" in entry["header"] for entry in expected)
    rows = []
    for _ in range(100):
        rows = page.evaluate(ROWS)
        # an <img> not yet given its address is "complete" with no width: wait for widths
        if len(rows) >= len(expected) and sum(bool(w) for _t, w in rows) >= covers:
            break
        page.wait_for_timeout(100)
    return sorted((_nfc(title), bool(width)) for title, width in rows)


def test_the_sample_has_articles_in_several_collections_and_english_versions():
    """What the next test walks through: a sample big enough to prove something."""
    articles = [entry for name, found in EXPECTED.items() if name != "trang" for entry in found]
    assert len({entry["header"]["Category"] for entry in articles}) >= 5
    assert len(articles) >= 15
    assert sum(entry["en"] is not None for entry in articles) >= 3
    assert sum("Cover" in entry["header"] for entry in articles) >= 10
    assert len(EXPECTED["trang"]) >= 2


@pytest.mark.parametrize("collection", sorted(EXPECTED))
def test_every_sample_file_is_listed_with_its_cover(editor, collection):
    """Every file of the collection is a row, and a file with a cover shows it: a thumbnail
    whose image loaded (naturalWidth > 0), not an empty or broken one."""
    expected = EXPECTED[collection]
    listed = open_list(editor, collection, expected)
    assert listed == sorted((entry["title"], "Cover" in entry["header"]) for entry in expected)


ENTRIES = [
    pytest.param(collection, entry, id=entry["path"].split("/", 1)[1])
    for collection, found in sorted(EXPECTED.items())
    for entry in found
]


@pytest.mark.parametrize(("collection", "entry"), ENTRIES)
def test_each_file_opens_with_its_english_version(editor, collection, entry):
    """The entry opens on its Vietnamese title; its English file, when there is one, is its
    English version (not an entry of its own), else English is off."""
    page = editor.page
    folder = "content/pages/" if collection == "trang" else "content/articles/"
    name = entry["path"].removeprefix(folder).removesuffix(".md")
    page.goto(page.url.split("#", 1)[0] + f"#/collections/{collection}/entries/{name}")
    # the language the left pane shows stays from one entry to the next: choose it each time
    page.locator("button[role=radio][value=vi]").first.click()
    title = page.locator("section[data-key-path=Title] input[lang=vi]")
    expect(title).to_have_value(entry["header"]["Title"])  # this entry's form, not the last one
    page.locator("button[role=radio][value=en]").first.click()
    if entry["en"] is None:
        expect(page.get_by_role("button", name=ENGLISH_OFF)).to_be_visible()
    else:
        english = page.locator("section[data-key-path=Title] input[lang=en]")
        expect(english).to_have_value(entry["en"]["Title"])


READ_CHECKOUT_FILE = """async ([name, path]) => {
  let folder = await (await navigator.storage.getDirectory()).getDirectoryHandle(name);
  const parts = path.split('/');
  for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part);
  return await (await (await folder.getFileHandle(parts.at(-1))).getFile()).text();
}"""
# what the site reads when an article leaves the key out (Pelican, themekit, crosspost)
SITE_DEFAULTS = {"Status": "published", "Featured": False, "Crosspost": True}
READ_CHECKOUT_BYTES = """async ([name, path]) => {
  let folder = await (await navigator.storage.getDirectory()).getDirectoryHandle(name);
  const parts = path.split('/');
  for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part);
  const bytes = new Uint8Array(await (await (await folder.getFileHandle(parts.at(-1)))
    .getFile()).arrayBuffer());
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}"""
SAVED = "content/articles/2026/chi-hoi-khu-pho-6-sinh-hoat-truc-tuyen-qua-zalo.md"


def _read(text: str) -> tuple[dict, str]:
    """A file's header, with the site's defaults for the keys it leaves out, and its body."""
    _before, header, body = text.split("---\n", 2)
    return {**SITE_DEFAULTS, **yaml.safe_load(header)}, body.strip()


def test_saving_a_sample_article_keeps_it_as_it_was(editor):
    """Editing one line of a published sample article and saving changes that line only: it
    stays published (a form showing "draft" for a file without Status would unpublish it),
    its cover, body and English version are kept (the editor may reorder keys, or write a
    default the site would read anyway). Last: it writes to the clone."""
    page = editor.page
    english = SAVED.replace(".md", ".en.md")
    name = SAVED.removeprefix("content/articles/").removesuffix(".md")
    page.goto(page.url.split("#", 1)[0] + f"#/collections/hoat-dong-chi-hoi/entries/{name}")
    page.locator("button[role=radio][value=vi]").first.click()
    summary = page.locator("section[data-key-path=Summary] textarea[lang=vi]")
    expect(summary).to_have_value(front_matter(FILES[SAVED])["Summary"])
    summary.fill(summary.input_value() + " Có 17 hội viên dự.")
    page.get_by_role("button", name="Lưu", exact=True).click()
    before = FILES[SAVED].decode("utf-8")
    after = before
    for _ in range(100):  # the editor writes the file right after the save
        after = page.evaluate(READ_CHECKOUT_FILE, [CHECKOUT, SAVED])
        if after != before:
            break
        page.wait_for_timeout(100)
    (header, body), (written, written_body) = _read(before), _read(after)
    assert written.pop("Summary") == header.pop("Summary") + " Có 17 hội viên dự."
    assert (written, written_body) == (header, body)
    english_after = page.evaluate(READ_CHECKOUT_FILE, [CHECKOUT, english])
    assert _read(english_after) == _read(FILES[english].decode("utf-8"))


def test_a_cover_chosen_in_the_editor_is_written_as_the_sample_writes_it(editor):
    """The sample's cover format is the editor's own: a photo chosen in the Cover field is
    stored in content/images/ and written ``/images/…``, and its thumbnail loads in the list.
    Writes to the clone: after the tests that read it."""
    page = editor.page
    path = "content/articles/2025/heo-dat-tiet-kiem-giup-hoi-vien-thon-an-phu-co-von-lam-an.md"
    name = path.removeprefix("content/articles/").removesuffix(".md")
    page.goto(page.url.split("#", 1)[0] + f"#/collections/mo-hinh/entries/{name}")
    page.locator("button[role=radio][value=vi]").first.click()
    cover = page.locator("section[data-key-path=Cover]").first
    expect(cover.get_by_role("textbox")).to_have_text(front_matter(FILES[path])["Cover"])
    photo = FILES["content/images/2025/heo-dat.jpg"]
    cover.locator("input[type=file]").first.set_input_files(
        files=[{"name": "heo-dat-moi.jpg", "mimeType": "image/jpeg", "buffer": photo}]
    )
    expect(cover.get_by_role("textbox")).to_have_text("/images/heo-dat-moi.jpg")
    page.get_by_role("button", name="Lưu", exact=True).click()
    written = ""
    for _ in range(100):  # the editor writes the file right after the save
        written = page.evaluate(READ_CHECKOUT_FILE, [CHECKOUT, path])
        if "heo-dat-moi" in written:
            break
        page.wait_for_timeout(100)
    assert front_matter(written.encode())["Cover"] == "/images/heo-dat-moi.jpg"
    stored = page.evaluate(READ_CHECKOUT_BYTES, [CHECKOUT, "content/images/heo-dat-moi.jpg"])
    assert base64.b64decode(stored) == photo
    expected = EXPECTED["mo-hinh"]  # the same titles and covers: only the photo changed
    listed = open_list(editor, "mo-hinh", expected)
    assert listed == sorted((entry["title"], "Cover" in entry["header"]) for entry in expected)
