"""The live preview (``make devserver``) as the officer uses it: a real process serving HTTP.

One preview runs for the module on a small site in ``tmp_path``; each test saves files the
way an editor does and reads the pages over HTTP until the change shows (or a generous
guard runs out). The last test stops it with Ctrl+C and checks that nothing is left.
"""

from __future__ import annotations

import os
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

GUARD_SECONDS = 120  # only a failure guard: a healthy preview answers in about a second
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


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = tmp_path_factory.mktemp("preview")
    content = root / "content"
    shutil.copytree(SAMPLE_CONTENT / "data", content / "data")
    shutil.copytree(SAMPLE_CONTENT / "pages", content / "pages")
    (content / "images").mkdir()
    shutil.copy2(SAMPLE_CONTENT / "images" / "emblem.png", content / "images" / "emblem.png")
    for slug, day in (("bai-sua-tieu-de", 1), ("bai-se-nhap", 2), ("bai-con-tot", 3)):
        write_article(content, slug, f"Tiêu đề gốc {slug}", "Nội dung ban đầu.", day)
    shutil.copy2(ROOT / "pelicanconf.py", root / "pelicanconf.py")
    os.symlink(ROOT / "theme", root / "theme")
    os.symlink(ROOT / "plugins", root / "plugins")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "sitebuild.preview", "--port", str(port)],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, as a terminal gives it
    )
    running = Preview(root, process, port)
    wait_for(lambda: running.page("/")[0] == 200, "the home page")
    yield running
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


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


def test_a_drafted_article_is_no_longer_served(preview):
    write_article(preview.content, "bai-se-nhap", "Bài sẽ nháp", "Nội dung.", 2, "Status: draft")
    wait_for(lambda: preview.page(url_of("bai-se-nhap"))[0] == 404, "the drafted page gone")
    assert "bai-se-nhap" not in preview.page("/")[1]


def test_a_broken_file_is_named_in_the_page_and_the_last_good_page_stays(preview):
    broken = preview.content / "articles" / "2026" / "bai-dang-viet-do.md"
    broken.write_text("Title: Bài đang viết dở\nDate: ngày mai\n\nChưa xong", encoding="utf-8")
    page = preview.shows(url_of("bai-con-tot"), "bai-dang-viet-do.md")
    assert 'id="tinhoi-preview-problems"' in page
    assert "Tiêu đề gốc bai-con-tot" in page  # the good page is still served
    broken.unlink()
    wait_for(
        lambda: "tinhoi-preview-problems" not in preview.page(url_of("bai-con-tot"))[1],
        "the banner gone once the file is fixed",
    )


def test_ctrl_c_stops_the_preview_and_everything_it_started(preview):
    os.killpg(preview.process.pid, signal.SIGINT)
    assert preview.process.wait(timeout=30) == 0
    output = preview.process.stdout.read().decode("utf-8")
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
