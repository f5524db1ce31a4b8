"""Serve a built site on 127.0.0.1: ``make serve`` and the live preview (``preview.py``).

Missing paths answer HTTP 404 with the site's own 404 page. Nothing is cached, since the
officer looks at pages that change under her. In the preview, HTML answers get a small
reload script, and the problems of the last build as a banner, added here at serve time:
``output/`` stays exactly what ``make html`` writes. The reload script names the page its
tab shows; the pages open in a tab are kept in a file beside the status, so the preview's
next build renders them first (``Build.in_view``), as Hugo's server does.

The server never forks, so its threads are safe; the preview runs it as its own process
and tells it about each build through a small status file (``PreviewStatus``).
"""

from __future__ import annotations

import argparse
import html
import json
import posixpath
import select
import signal
import socket
import sys
import threading
import time
from collections import Counter
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from .atomic import write_atomic

EVENTS = "/__preview/events"
RELOAD_SCRIPT = "/__preview/reload.js"
SCRIPT_FILE = Path(__file__).with_name("reload.js")
POLL_SECONDS = 0.2  # how often an open tab's event stream looks for a new build
HEARTBEAT_SECONDS = 15  # keeps proxies and the browser from closing an idle stream
BANNER_LIMIT = 20  # problems shown in the page; the terminal has them all
OPEN_PAGES_SUFFIX = ".open-pages"  # beside the status file: the pages open in a tab


def served_file(url_path: str) -> str | None:
    """The file under the output folder that answers ``url_path`` (a folder's
    ``index.html``), as a relative path; None for a path outside the site."""
    path = posixpath.normpath(unquote(url_path or "/"))  # "/a/../../b" is "/b"
    if not path.startswith("/"):
        return None
    parts = [part for part in path.split("/") if part]
    if url_path.endswith("/") or not parts or "." not in parts[-1]:
        parts.append("index.html")
    return "/".join(parts)


def page_address(file: str) -> str:
    """The address a file under the output folder is served at (``served_file``'s way
    back: ``en/index.html`` is ``/en/``)."""
    return "/" + file.removesuffix("index.html")


class PreviewStatus:
    """The preview's last build as a JSON file: its generation and the problems it logged;
    and beside it, the pages open in the officer's tabs."""

    def __init__(self, path: Path):
        self.path = path
        self.open_path = path.with_name(path.name + OPEN_PAGES_SUFFIX)

    def write(self, problems: list[str]) -> None:
        """A new generation (open tabs reload), with the problems of the last build. The
        preview and its early-page process both write: the clock numbers generations."""
        status = {"generation": time.time_ns(), "problems": problems}
        text = json.dumps(status, ensure_ascii=False)
        write_atomic(self.path, text)

    def read(self) -> dict:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"generation": 0, "problems": []}

    def write_open(self, files: list[str]) -> None:
        write_atomic(self.open_path, json.dumps(sorted(files), ensure_ascii=False))

    def open_files(self) -> frozenset[str]:
        """The output files of the pages open in a tab (``served_file``)."""
        try:
            files = json.loads(self.open_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return frozenset()
        if not isinstance(files, list):
            return frozenset()
        return frozenset(name for name in files if isinstance(name, str))


class OpenPages:
    """The pages the open tabs show (a tab's event stream names its page), kept in the
    status's file as they come and go."""

    def __init__(self, status: PreviewStatus):
        self._status = status
        self._lock = threading.Lock()
        self._open: Counter[str] = Counter()
        status.write_open([])  # a tab of an earlier preview reconnects if it is still open

    def _change(self, name: str, by: int) -> None:
        with self._lock:
            self._open[name] += by
            self._open = +self._open  # pages no tab shows any more go
            self._status.write_open(list(self._open))

    def opened(self, name: str) -> None:
        self._change(name, 1)

    def closed(self, name: str) -> None:
        self._change(name, -1)


def banner(problems: list[str]) -> str:
    """The problems of the last build, in Vietnamese, as a block at the top of the page."""
    if not problems:
        return ""
    items = "".join(f"<li>{html.escape(problem)}</li>" for problem in problems[:BANNER_LIMIT])
    more = len(problems) - BANNER_LIMIT
    if more > 0:
        items += f"<li>… và {more} vấn đề nữa (xem cửa sổ lệnh).</li>"
    return (
        '<div id="tinhoi-preview-problems" role="alert" style="position:sticky;top:0;'
        "z-index:9999;background:#fff3cd;color:#3b2f00;border-bottom:3px solid #b58100;"
        'padding:.75rem 1rem;font:1rem/1.4 system-ui,sans-serif">'
        "<strong>Bản xem trước: có điều cần sửa.</strong> "
        "Bài nào chưa dựng được thì vẫn hiện bản đúng gần nhất. "
        "Sửa tệp được nêu dưới đây rồi lưu lại:"
        f"<ul>{items}</ul></div>"
    )


def inject(page: bytes, problems: list[str]) -> bytes:
    """Add the reload script (and the problems banner) to an HTML page."""
    text = page.decode("utf-8", errors="replace")
    addition = banner(problems) + f'<script src="{RELOAD_SCRIPT}" defer></script>'
    at = text.rfind("</body>")
    text = text[:at] + addition + text[at:] if at >= 0 else text + addition
    return text.encode("utf-8")


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files from the output folder; the site's 404 page; the preview's additions."""

    def __init__(self, *args, status: PreviewStatus | None = None, open_pages=None, **kwargs):
        self.status, self.open_pages = status, open_pages
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args):
        pass  # one line per request would bury the build's messages

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self):
        if self.status is not None and urlsplit(self.path).path == EVENTS:
            return self._events()
        if self.status is not None and self.path == RELOAD_SCRIPT:
            return self._send(HTTPStatus.OK, SCRIPT_FILE.read_bytes(), "text/javascript")
        return self._file(head=False)

    def do_HEAD(self):
        return self._file(head=True)

    def _file(self, head: bool):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", self.path.split("?", 1)[0] + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = path / "index.html"
        try:
            body = path.read_bytes()
        except OSError:  # missing, or replaced by the next build while we read
            return self._not_found(head)
        return self._send(HTTPStatus.OK, body, self.guess_type(str(path)), head)

    def _not_found(self, head: bool):
        root = Path(self.directory)
        language = self.path.strip("/").split("/", 1)[0]
        # /en/… gets the English 404 page where the language site has one
        pages = [root / language / "404.html"] if language else []
        for page in [*pages, root / "404.html"]:
            if page.is_file():
                return self._send(HTTPStatus.NOT_FOUND, page.read_bytes(), "text/html", head)
        body = "Không tìm thấy trang (404).".encode()
        return self._send(HTTPStatus.NOT_FOUND, body, "text/plain; charset=utf-8", head)

    def _send(self, code: HTTPStatus, body: bytes, content_type: str, head: bool = False):
        if content_type.startswith("text/html"):
            content_type = "text/html; charset=utf-8"
            if self.status is not None:
                body = inject(body, self.status.read()["problems"])
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _events(self):
        """Server-sent events: ``reload`` each time the preview finishes a build (or shows
        a page early); the page the tab shows (``?page=``) counts as open meanwhile."""
        page = parse_qs(urlsplit(self.path).query).get("page", [""])[0]
        shown = served_file(page) if page and self.open_pages is not None else None
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen = self.status.read()["generation"]
        quiet_since = time.monotonic()
        if shown is not None:
            self.open_pages.opened(shown)
        try:
            while not _closed(self.connection):
                time.sleep(POLL_SECONDS)
                generation = self.status.read()["generation"]
                if generation != seen:
                    seen = generation
                    self.wfile.write(b"data: reload\n\n")
                    self.wfile.flush()
                    quiet_since = time.monotonic()
                elif time.monotonic() - quiet_since > HEARTBEAT_SECONDS:
                    self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
                    quiet_since = time.monotonic()
        except OSError:  # the tab was closed or reloaded
            return None
        finally:
            if shown is not None:
                self.open_pages.closed(shown)


def _closed(connection: socket.socket) -> bool:
    """Whether the tab at the other end has gone: it sends nothing after its request, so
    the stream is readable only at its end (seen at once, not at the next heartbeat)."""
    readable, _, _ = select.select([connection], [], [], 0)
    if not readable:
        return False
    try:
        return not connection.recv(1, socket.MSG_PEEK)
    except OSError:
        return True


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True  # open event streams never hold up Ctrl+C


def make_server(
    output: Path, host: str, port: int, status: PreviewStatus | None = None
) -> SiteServer:
    """A server of ``output`` (bound, not yet serving)."""
    open_pages = OpenPages(status) if status is not None else None
    handler = partial(SiteHandler, directory=str(output), status=status, open_pages=open_pages)
    return SiteServer((host, port), handler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sitebuild.serve", description="Xem trang đã dựng.")
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--status", type=Path, help="tệp trạng thái của bản xem trước")
    args = parser.parse_args(argv)
    status = PreviewStatus(args.status) if args.status else None
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, signal.default_int_handler)
    try:
        server = make_server(args.output.resolve(), args.host, args.port, status)
    except OSError as error:
        print(
            f"LỖI: không mở được cổng {args.port} trên {args.host} ({error.strerror}). "
            "Có thể một bản xem trước khác đang chạy: hãy tắt nó, hoặc chọn cổng khác, "
            "ví dụ: make serve PORT=8001",
            file=sys.stderr,
        )
        return 1
    if status is None:
        print(f"Xem trang tại http://{args.host}:{args.port}/  (Ctrl+C để dừng)", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
