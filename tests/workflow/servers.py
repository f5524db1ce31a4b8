"""Real HTTP servers on 127.0.0.1 for the workflow tests: feeds and built sites."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@contextmanager
def serving(handler_class) -> Iterator[ThreadingHTTPServer]:
    """Run ``handler_class`` on 127.0.0.1 (a free port) for the duration of the block."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def base_url(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves a built site, optionally under a folder (``/hoi-phu-nu/``) like a shared host."""

    prefix = "/"

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__missing__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, *args):  # keep the test output clean
        pass


@contextmanager
def serve_site(root: Path, prefix: str = "/") -> Iterator[ThreadingHTTPServer]:
    """Serve the folder ``root`` at ``http://127.0.0.1:PORT{prefix}``."""
    handler = functools.partial(
        type("Handler", (_SiteHandler,), {"prefix": prefix}), directory=str(root)
    )
    with serving(handler) as server:
        yield server
