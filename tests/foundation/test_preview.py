"""The live preview (``make devserver``) as the officer uses it: a real process serving HTTP.

One preview runs for the module on a small site in ``tmp_path``; each test saves files the
way an editor does and reads the pages over HTTP until the change shows (or a generous
guard runs out). The last test stops it with Ctrl+C and checks that nothing is left.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_CONTENT
from test_incremental_identity import assert_same_files
from test_pages_in_view import PHONE, tab

from tests.media.imagemaker import phone_jpeg
from tinhoi.sitebuild.driver import build
from tinhoi.sitebuild.incremental import RECORD
from tinhoi.sitebuild.preview import LOOK_SHARE, POLL_SECONDS, STATUS_FILE, poll_pause
from tinhoi.sitebuild.serve import PreviewStatus

GUARD_SECONDS = 120  # only a failure guard: a healthy preview answers in about a second
BANNER = 'id="tinhoi-preview-problems"'
EARLY_LINE = "Đã hiện trước bài vừa lưu"  # the early-page process's line in the terminal
IN_VIEW_LINE = "Đã hiện trước trang đang mở "  # a page open in a tab, shown by the build
BUILT_LINE = "Lần dựng "  # a build's end
PHOTO = SAMPLE_CONTENT / "images" / "2025" / "heo-dat.jpg"
ARTICLE = """\
Title: {title}
Date: 2026-10-0{day} 08:00 +07:00
Slug: {slug}
Lang: vi
Category: hoat-dong-hoi
Summary: Bài thử của bản xem trước.
{extra}
{body}
"""


def write_article(content: Path, slug: str, title: str, body: str, day: int = 1, extra=""):
    path = content / "articles" / "2026" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = ARTICLE.format(title=title, slug=slug, body=body, day=day, extra=extra)
    path.write_text(text, encoding="utf-8")
    return path


def url_of(slug: str) -> str:
    return f"/2026/10/{slug}/"


def fetch(base: str, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(base + path, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(check, what: str):
    deadline = time.monotonic() + GUARD_SECONDS
    while time.monotonic() < deadline:
        try:
            result = check()
        except OSError:  # the server is not listening yet
            result = None
        if result:
            return result
        time.sleep(0.1)
    pytest.fail(f"the preview never showed: {what}")


class Preview:
    def __init__(self, root: Path, process: subprocess.Popen, port: int):
        self.root, self.process = root, process
        self.content = root / "content"
        self.base = f"http://127.0.0.1:{port}"

    def page(self, path: str) -> tuple[int, str]:
        return fetch(self.base, path)

    def shows(self, path: str, text: str) -> str:
        return wait_for(lambda: text in (page := self.page(path))[1] and page[1], text)

    def terminal(self) -> str:
        return (self.root / "terminal.txt").read_text("utf-8", errors="replace")

    def early_pages(self) -> int:
        """How many early pages the terminal has told of so far."""
        return self.terminal().count(EARLY_LINE)

    def shows_early(self, before: int) -> None:
        """Wait for the early-page process to tell of a page after the ``before`` first."""
        wait_for(lambda: self.early_pages() > before, "the early page's line in the terminal")

    def shows_clean(self, path: str, text: str) -> str:
        """Wait until ``path`` shows ``text`` and no problems banner."""

        def check():
            status, page = self.page(path)
            clean = status == 200 and text in page and BANNER not in page
            return clean and page

        return wait_for(check, f"{text} without a banner")


def start_preview(root: Path) -> Preview:
    """A preview of a small site in ``root``, started as the officer starts it."""
    content = root / "content"
    shutil.copytree(SAMPLE_CONTENT / "data", content / "data")
    shutil.copytree(SAMPLE_CONTENT / "pages", content / "pages")
    (content / "images").mkdir()
    shutil.copy2(SAMPLE_CONTENT / "images" / "emblem.png", content / "images" / "emblem.png")
    for slug, day in (("bai-sua-tieu-de", 1), ("bai-se-nhap", 2), ("bai-con-tot", 3)):
        write_article(content, slug, f"Tiêu đề gốc {slug}", "Nội dung ban đầu.", day)
    shutil.copy2(ROOT / "pelicanconf.py", root / "pelicanconf.py")
    shutil.copytree(ROOT / "theme", root / "theme")  # a copy: a test edits its catalogs
    with (root / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write("THEME = \"theme\"  # the site's own theme, not the package's\n")
    os.symlink(ROOT / "plugins", root / "plugins")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with (root / "terminal.txt").open("wb") as terminal:  # what the officer's window shows
        process = subprocess.Popen(
            [sys.executable, "-m", "tinhoi.sitebuild.preview", "--port", str(port)],
            cwd=root,
            env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")},
            stdout=terminal,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, as a terminal gives it
        )
    running = Preview(root, process, port)
    wait_for(lambda: running.page("/")[0] == 200, "the home page")
    return running


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    running = start_preview(tmp_path_factory.mktemp("preview"))
    yield running
    if running.process.poll() is None:
        os.killpg(running.process.pid, signal.SIGKILL)
        running.process.wait()


@pytest.mark.parametrize(
    ("look", "pause"),
    [(0.004, POLL_SECONDS), (0.01, POLL_SECONDS), (0.05, 0.5), (0.2, 2.0)],
    ids=["1,000 articles", "a tenth of a second's share", "10,000 articles", "a slow disk"],
)
def test_a_look_at_the_files_takes_a_tenth_of_a_core_at_most(look, pause):
    assert poll_pause(look) == pytest.approx(pause)
    assert look / (look + poll_pause(look)) <= LOOK_SHARE


def test_pages_get_the_reload_script_but_output_stays_as_built(preview):
    status, page = preview.page(url_of("bai-con-tot"))
    assert status == 200 and "Tiêu đề gốc bai-con-tot" in page
    assert '<script src="/__preview/reload.js"' in page
    on_disk = (preview.root / "output" / "2026/10/bai-con-tot/index.html").read_text("utf-8")
    assert "__preview" not in on_disk
    status, script = preview.page("/__preview/reload.js")
    assert status == 200 and "EventSource" in script
    assert preview.page("/pagefind/pagefind-ui.js")[0] == 200  # search works in preview


@pytest.mark.parametrize(
    ("path", "title"),
    [("/khong-co-trang-nay/", "Không tìm thấy trang"), ("/en/no-such-page/", "Page not found")],
)
def test_a_missing_page_is_404_with_the_site_404_page(preview, path, title):
    status, page = preview.page(path)
    assert status == 404
    assert title in page


def test_every_save_shows_even_one_made_during_a_build(preview):
    path = write_article(preview.content, "bai-sua-tieu-de", "Tiêu đề lần một", "Bản một.")
    # the first save is being built (its title shows once done); save again at once
    time.sleep(0.3)
    write_article(preview.content, "bai-sua-tieu-de", "Tiêu đề lần hai", "Bản hai.")
    page = preview.shows(url_of("bai-sua-tieu-de"), "Tiêu đề lần hai")
    assert "Bản hai." in page
    assert path.is_file()


def test_a_save_made_as_the_preview_starts_is_shown(tmp_path):
    """A new article saved while the first build ran, or just after it, before the
    watcher's first look: the watcher starts from the files as that build read them."""
    started = start_preview(tmp_path)
    try:
        write_article(started.content, "bai-luu-som", "Bài lưu lúc mới mở", "Lưu sớm.", 5)
        started.shows(url_of("bai-luu-som"), "Bài lưu lúc mới mở")
    finally:
        os.killpg(started.process.pid, signal.SIGKILL)
        started.process.wait()


def test_a_text_edit_shows_early_then_the_full_build_agrees(preview):
    """A save that changes only an article's text is shown by the early-page process
    (``earlypages.py``) before the full build; the full build then writes the same page."""
    write_article(preview.content, "bai-con-tot", "Tiêu đề gốc bai-con-tot", "Câu mới sửa.", 3)
    page = preview.shows(url_of("bai-con-tot"), "Câu mới sửa.")
    assert EARLY_LINE in preview.terminal()
    name = "2026/10/bai-con-tot/index.html"
    served = preview.root / "output" / name

    def full_build_has_it() -> bool:
        """The served file is the one a full build wrote (its record names the file's
        inode), and it has the edit: a build that started before the save has not."""
        try:
            record = json.loads((preview.root / "cache" / RECORD).read_text(encoding="utf-8"))
            written = os.stat(served).st_ino in record["pages"][name]["inodes"]
            return written and "Câu mới sửa." in served.read_text(encoding="utf-8")
        except (OSError, KeyError, ValueError):
            return False

    wait_for(full_build_has_it, "the full build's page")
    on_disk = served.read_text("utf-8")
    body_end = on_disk.rfind("</body>")
    assert page.startswith(on_disk[:body_end])  # what the preview adds goes before </body>


def test_a_new_article_shows_early(preview):
    """The officer's first save of a new article is shown by the early-page process
    (``newcontents.py``), not only by the full build that follows."""
    shown_early = preview.early_pages()
    write_article(preview.content, "bai-moi-hien-som", "Bài mới hiện sớm", "Câu đầu tiên.", 6)
    preview.shows(url_of("bai-moi-hien-som"), "Câu đầu tiên.")
    preview.shows_early(shown_early)


def test_a_new_page_shows_early_in_its_own_menu(preview):
    """The officer's first save of a new page (the union's hotline) is shown by the
    early-page process, with itself in its menu; the other pages' menus follow with the
    full build."""
    shown_early = preview.early_pages()
    header = "Title: Đường dây nóng\nSlug: duong-day-nong\nLang: vi\n"
    source = preview.content / "pages" / "duong-day-nong.md"
    source.write_text(f"---\n{header}---\n\nGọi 1900 0000.\n", encoding="utf-8")
    page = preview.shows("/duong-day-nong/", "Gọi 1900 0000.")
    preview.shows_early(shown_early)
    assert 'href="/duong-day-nong/"' in page.split('<nav class="sections"', 1)[1]
    preview.shows("/", 'href="/duong-day-nong/"')


def test_a_new_article_with_a_new_photo_shows_early_with_it(preview):
    """The officer copies a photo from her phone and writes an article that shows it: the
    early-page process makes the photo's files and serves the page with them."""
    shown_early = preview.early_pages()
    phone_jpeg(preview.content / "images" / "2026" / "anh-dien-thoai.jpg")
    body = "![Hội viên sinh hoạt](/images/2026/anh-dien-thoai.jpg)"
    write_article(preview.content, "bai-co-anh-moi", "Bài có ảnh mới", body, 7)
    page = preview.shows(url_of("bai-co-anh-moi"), "anh-dien-thoai")
    preview.shows_early(shown_early)
    photos = re.findall(r'src="(/media/[^"]*anh-dien-thoai[^"]*)"', page)
    assert photos
    for photo in photos:
        with urllib.request.urlopen(preview.base + photo, timeout=10) as answer:
            assert answer.status == 200 and answer.read(3) == b"\xff\xd8\xff"  # a JPEG


def test_a_save_the_build_warns_about_shows_early_with_the_warning(preview):
    """A photo without a description: the page shows at once, and so does the banner
    saying which file and line lack one (the early-page process tells it)."""
    shown_early = preview.early_pages()
    phone_jpeg(preview.content / "images" / "2026" / "khong-mo-ta.jpg")
    body = "Đoạn đầu.\n\n![](/images/2026/khong-mo-ta.jpg)"
    write_article(preview.content, "bai-thieu-mo-ta", "Bài thiếu mô tả ảnh", body, 8)
    page = preview.shows(url_of("bai-thieu-mo-ta"), "chưa có mô tả")
    assert BANNER in page and "bai-thieu-mo-ta.md:" in page
    preview.shows_early(shown_early)
    # described: the banner goes (the other tests' site has no warning left)
    body = "Đoạn đầu.\n\n![Hội viên sinh hoạt chi hội](/images/2026/khong-mo-ta.jpg)"
    write_article(preview.content, "bai-thieu-mo-ta", "Bài thiếu mô tả ảnh", body, 8)
    preview.shows_clean(url_of("bai-thieu-mo-ta"), "Hội viên sinh hoạt chi hội")


def test_a_draft_s_new_tag_shows_early(preview):
    """The officer writes a new article as a draft and looks at it under ban-nhap/; a tag
    she adds shows at once, from the early-page process, before the full build."""
    draft = "Status: draft\nTags: Khởi nghiệp\n"
    write_article(preview.content, "bai-nhap-moi", "Bài nháp mới", "Nội dung nháp.", 4, draft)
    preview.shows("/ban-nhap/bai-nhap-moi/", "Khởi nghiệp")
    shown_early = preview.early_pages()
    tags = "Status: draft\nTags: Khởi nghiệp, Tổ hợp tác\n"
    write_article(preview.content, "bai-nhap-moi", "Bài nháp mới", "Nội dung nháp.", 4, tags)
    preview.shows("/ban-nhap/bai-nhap-moi/", "Tổ hợp tác")
    preview.shows_early(shown_early)


def test_a_drafted_article_is_no_longer_served(preview):
    write_article(preview.content, "bai-se-nhap", "Bài sẽ nháp", "Nội dung.", 2, "Status: draft")
    wait_for(lambda: preview.page(url_of("bai-se-nhap"))[0] == 404, "the drafted page gone")
    # its page goes at once (an early page); the home page's list follows with the build
    wait_for(lambda: "bai-se-nhap" not in preview.page("/")[1], "the home page without it")


def test_a_broken_file_is_named_in_the_page_and_the_last_good_page_stays(preview):
    broken = preview.content / "articles" / "2026" / "bai-dang-viet-do.md"
    broken.write_text("Title: Bài đang viết dở\nDate: ngày mai\n\nChưa xong", encoding="utf-8")
    page = preview.shows(url_of("bai-con-tot"), "bai-dang-viet-do.md")
    assert BANNER in page
    assert "Tiêu đề gốc bai-con-tot" in page  # the good page is still served
    broken.unlink()
    wait_for(
        lambda: "tinhoi-preview-problems" not in preview.page(url_of("bai-con-tot"))[1],
        "the banner gone once the file is fixed",
    )


def _terminal_lines(preview, *needles: str) -> list[str]:
    return [line for line in preview.terminal().splitlines() if all(n in line for n in needles)]


def test_a_photo_still_being_copied_is_named_then_shown_once_complete(preview):
    photo = preview.content / "images" / "2026" / "anh-dang-chep.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    whole = PHOTO.read_bytes()
    photo.write_bytes(whole[: len(whole) // 3])  # the copy has only begun
    body = "Chị em ra quân.\n\n![Hội viên ra quân]({static}/images/2026/anh-dang-chep.jpg)"
    write_article(preview.content, "bai-co-anh-moi", "Bài có ảnh mới", body, 4)
    url = url_of("bai-co-anh-moi")
    page = preview.shows(url, "images/2026/anh-dang-chep.jpg")
    assert BANNER in page and "Bài có ảnh mới" in page  # the page is served, the photo named
    assert "chưa chép hết" in page
    named = _terminal_lines(preview, "LỖI", "images/2026/anh-dang-chep.jpg")
    assert named and "chưa chép hết" in named[0]
    assert preview.page("/")[0] == 200  # the server runs on
    photo.write_bytes(whole)  # the copy is done
    page = preview.shows_clean(url, "Bài có ảnh mới")
    assert re.search(r'<img[^>]+src="[^"]*anh-dang-chep[^"]*"', page)


def test_a_file_gone_when_read_is_named_then_built_once_renamed_into_place(preview):
    """A file listed by the build and gone when read: what a rename mid-build leaves.

    A link to nothing is such a file for as long as the test wants, so the message is
    seen every time; renaming the real file onto that name ends it."""
    name = preview.content / "articles" / "2026" / "bai-doi-ten.md"
    elsewhere = write_article(preview.root, "bai-doi-ten", "Bài đổi tên", "Đã đổi tên.", 5)
    os.symlink(preview.root / "articles" / "2026" / "khong-con.md", name)
    page = preview.shows(url_of("bai-con-tot"), "bai-doi-ten.md")
    assert BANNER in page and "Tiêu đề gốc bai-con-tot" in page  # the last good page
    named = _terminal_lines(preview, "CẢNH BÁO", "content/articles/2026/bai-doi-ten.md")
    assert named and "đổi tên" in named[0]
    assert "Could not process" not in preview.terminal()
    os.replace(elsewhere, name)  # the rename finishes
    preview.shows_clean(url_of("bai-doi-ten"), "Bài đổi tên")
    assert BANNER not in preview.page(url_of("bai-con-tot"))[1]


def test_an_edited_translation_catalog_shows_its_new_string(preview):
    catalog = preview.root / "theme" / "translations" / "vi" / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text(encoding="utf-8")
    assert 'msgstr "Tìm kiếm"\n' in text
    catalog.write_text(text.replace('msgstr "Tìm kiếm"\n', 'msgstr "Tra cứu bài"\n'), "utf-8")
    page = preview.shows("/", "Tra cứu bài")
    assert ">Tìm kiếm<" not in page


def test_a_data_file_save_shows_the_open_tab_s_page_before_the_build_ends(preview):
    """The unit's phone is on every page: the full build renders them all, the home page
    open in a tab first, and that page is in the served tree before the build ends."""
    status = PreviewStatus(preview.root / "cache" / STATUS_FILE)
    unit = preview.content / "data" / "unit.yml"
    text = unit.read_text("utf-8")
    with tab(int(preview.base.rsplit(":", 1)[1]), "/"):
        wait_for(lambda: "index.html" in status.open_files(), "the tab's page as an open one")
        built = preview.terminal().count(BUILT_LINE)
        unit.write_text(text.replace(PHONE, '"0237 3868 777"'), "utf-8")
        preview.shows("/", "0237 3868 777")
        wait_for(lambda: preview.terminal().count(BUILT_LINE) > built, "the build's end")
    after = preview.terminal().split(BUILT_LINE, built)[-1]
    assert -1 < after.find(IN_VIEW_LINE + "/ ") < after.find(BUILT_LINE)


def test_after_a_day_of_saves_output_is_the_cold_build(preview, tmp_path):
    """Everything the tests above saved, built warm by the preview, is the cold build."""
    path = write_article(preview.content, "bai-con-tot", "Tiêu đề cuối", "Bản cuối cùng.", 3)
    preview.shows_clean(url_of("bai-con-tot"), "Bản cuối cùng.")
    (preview.content / "articles" / "2026" / "bai-sua-tieu-de.md").unlink()
    wait_for(lambda: preview.page(url_of("bai-sua-tieu-de"))[0] == 404, "the deleted page gone")
    path.write_text(path.read_text("utf-8") + "\nDòng cuối.\n", encoding="utf-8")
    preview.shows_clean(url_of("bai-con-tot"), "Dòng cuối.")
    cold = build(
        preview.root / "pelicanconf.py",
        overrides={"OUTPUT_PATH": str(tmp_path / "output"), "CACHE_PATH": str(tmp_path / "cache")},
    )
    assert cold.ok
    assert_same_files(preview.root / "output", tmp_path / "output")


def test_ctrl_c_stops_the_preview_and_everything_it_started(preview):
    os.killpg(preview.process.pid, signal.SIGINT)
    assert preview.process.wait(timeout=30) == 0
    output = preview.terminal()
    assert "Đã dừng bản xem trước." in output
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.killpg(preview.process.pid, 0)  # anyone left in its process group?
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("a process started by the preview is still running")
    with pytest.raises(OSError):
        fetch(preview.base, "/")


def _previews_in_group(group: int) -> list[int]:
    """The preview's own processes (itself and its early-page process) left in ``group``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[2]) == group and b"tinhoi.sitebuild.preview" in command:
            found.append(int(stat.parent.name))
    return found


def test_the_early_page_process_ends_when_the_preview_is_killed(tmp_path):
    """A preview killed outright (no Ctrl+C) leaves no process watching the files."""
    preview = start_preview(tmp_path)
    try:
        wait_for(lambda: len(_previews_in_group(preview.process.pid)) == 2, "its early pages")
        os.kill(preview.process.pid, signal.SIGKILL)
        preview.process.wait()
        wait_for(lambda: not _previews_in_group(preview.process.pid), "no preview left")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(preview.process.pid, signal.SIGKILL)  # the server
