"""A threaded HTTP server on 127.0.0.1 that records every request and plays scripts.

Scripts (``FakeServer.script`` or ``POST /__fake__/script``) come first, then the
default behaviour of the fake APIs. A script entry::

    {"match": {"method": "POST", "path": "/v24.0/123/feed"},
     "respond": {"status": 400, "headers": {...}, "json": {...}} or {"raw": "<html>"},
     "times": 1, "delay_s": 2.0, "close": True, "then_default": True}

``then_default`` runs the fake's own handler first (so a post is stored) and then
applies ``delay_s`` / ``close`` (drop the connection without an answer).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from .graph import GraphApi
from .zalo import ZaloApis


@dataclass
class Request:
    method: str
    path: str
    query: dict
    headers: dict
    body: bytes
    form: dict = field(default_factory=dict)
    json: object = None

    def field(self, name: str) -> str:
        """A value from the form, the JSON body or the query string."""
        if name in self.form:
            return self.form[name]
        if isinstance(self.json, dict) and name in self.json:
            return self.json[name]
        return self.query.get(name, "")


@dataclass
class Reply:
    status: int = 200
    json: object = None
    raw: str | None = None
    headers: dict = field(default_factory=dict)


def _flat(query: str) -> dict:
    return {key: values[-1] for key, values in parse_qs(query, keep_blank_values=True).items()}


class FakeServer:
    def __init__(self, page_id: str = "123", version: str = "v24.0"):
        self.requests: list[Request] = []
        self.scripts: list[dict] = []
        self.lock = threading.Lock()
        self.graph = GraphApi(page_id, version)
        self.zalo = ZaloApis()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    # ------------------------------------------------------------ control
    def script(self, *entries: dict) -> None:
        with self.lock:
            for entry in entries:
                self.scripts.append({"times": 1, **entry})

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
            self.scripts.clear()

    def received(
        self, method: str | None = None, path: str | None = None, contains: str | None = None
    ) -> list[Request]:
        with self.lock:
            return [
                r
                for r in self.requests
                if (method is None or r.method == method)
                and (path is None or r.path == path)
                and (contains is None or contains in r.path)
            ]

    def api_requests(self) -> list[Request]:
        return [r for r in self.received() if not r.path.startswith("/__fake__")]

    # ------------------------------------------------------------ dispatch
    def _take_script(self, request: Request) -> dict | None:
        with self.lock:
            for entry in self.scripts:
                match = entry.get("match", {})
                if match.get("method", request.method) != request.method:
                    continue
                if "path" in match and match["path"] != request.path:
                    continue
                if "path_contains" in match and match["path_contains"] not in request.path:
                    continue
                entry["times"] -= 1
                if entry["times"] <= 0:
                    self.scripts.remove(entry)
                return entry
        return None

    def _control(self, request: Request) -> Reply:
        if request.path == "/__fake__/requests":
            return Reply(
                json=[
                    {
                        "method": r.method,
                        "path": r.path,
                        "query": r.query,
                        "form": r.form,
                        "json": r.json,
                    }
                    for r in self.api_requests()
                ]
            )
        if request.path == "/__fake__/reset":
            self.reset()
            return Reply(json={"ok": True})
        if request.path == "/__fake__/script":
            self.script(*request.json)
            return Reply(json={"ok": True})
        if request.path == "/__fake__/usage":
            self.graph.usage = int(request.field("percent") or 0)
            return Reply(json={"ok": True})
        return Reply(404, {"error": "unknown control"})

    def default(self, request: Request) -> Reply:
        if request.path.startswith("/__fake__/"):
            return self._control(request)
        for api in (self.zalo, self.graph):  # Zalo paths also start with /vN.N
            reply = api.handle(request)
            if reply is not None:
                return reply
        return Reply(404, raw="<html><body>Not Found</body></html>")

    def _handler_class(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _serve(self):
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = Request(
                    self.command,
                    parts.path,
                    _flat(parts.query),
                    {k.lower(): v for k, v in self.headers.items()},
                    body,
                )
                kind = request.headers.get("content-type", "")
                if "application/x-www-form-urlencoded" in kind:
                    request.form = _flat(body.decode("utf-8"))
                elif "json" in kind and body:
                    request.json = json.loads(body.decode("utf-8"))
                with fake.lock:
                    fake.requests.append(request)
                script = fake._take_script(request)
                if script is None or script.get("then_default"):
                    reply = fake.default(request)
                else:
                    respond = script.get("respond", {})
                    reply = Reply(
                        respond.get("status", 200),
                        respond.get("json"),
                        respond.get("raw"),
                        respond.get("headers", {}),
                    )
                if script and script.get("delay_s"):
                    time.sleep(script["delay_s"])
                if script and script.get("close"):
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                self._send(reply)

            def _send(self, reply: Reply):
                if reply.raw is not None:
                    payload, kind = reply.raw.encode("utf-8"), "text/html; charset=utf-8"
                else:
                    payload = json.dumps(reply.json, ensure_ascii=False).encode("utf-8")
                    kind = "application/json; charset=UTF-8"
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(payload)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST = do_DELETE = _serve

        return Handler
