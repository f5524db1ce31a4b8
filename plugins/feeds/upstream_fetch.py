"""Download one feed: conditional GET, a time limit for the whole download, a size cap.

The standard library's ``urllib`` is enough here: one GET per feed, no sessions, no
retries. Its socket timeout bounds each wait; the loop below bounds the whole download,
so a server that trickles bytes cannot hold ``make html`` hostage. Requests would add
four packages and still need the same loop for the total time and the size cap.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

_CHUNK = 64 * 1024


class FetchError(Exception):
    """The feed could not be downloaded; ``kind`` says why (see MESSAGES)."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(kind, detail)
        self.kind = kind
        self.detail = detail


@dataclass
class Response:
    status: int  # 200, or 304 when the feed did not change
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names


def _request(url: str, etag: str, last_modified: str, user_agent: str) -> urllib.request.Request:
    headers = {
        "User-Agent": user_agent,
        "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.1",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return urllib.request.Request(url, headers=headers)


def _read_capped(response, max_bytes: int, deadline: float) -> bytes:
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise FetchError("too-big")
    chunks, size = [], 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError("timeout")
        chunk = response.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError("too-big")
        chunks.append(chunk)


def fetch(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    timeout: float = 10.0,
    max_bytes: int = 2_000_000,
    user_agent: str = "TinHoi/1",
) -> Response:
    """GET ``url`` within ``timeout`` seconds in all; raise FetchError on any failure."""
    deadline = time.monotonic() + timeout
    request = _request(url, etag, last_modified, user_agent)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            headers = {name.lower(): value for name, value in response.headers.items()}
            body = _read_capped(response, max_bytes, deadline)
            return Response(response.status, body, headers)
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Response(304, b"", {k.lower(): v for k, v in error.headers.items()})
        raise FetchError("http", str(error.code)) from None
    except TimeoutError:
        raise FetchError("timeout") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise FetchError("timeout") from None
        raise FetchError("down", str(error.reason)) from None
    except (OSError, ValueError, http.client.HTTPException) as error:  # resets, bad URLs
        raise FetchError("down", str(error)) from None
