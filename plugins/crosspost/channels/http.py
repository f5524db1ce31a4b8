"""HTTP for the adapters: timeouts, lenient JSON, and an honest account of failures.

A failure before the request left (refused, connect timeout) is ``NotSent``: trying
again cannot duplicate anything. A failure after it left (read timeout, connection
dropped) is ``Unknown``: the post may exist. Messages are masked and exceptions are
re-raised without their chain, whose text names the URL (the Zalo Bot token is in it).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field

import requests
from urllib3.exceptions import NameResolutionError, NewConnectionError

logger = logging.getLogger(__name__)


class NotSent(Exception):
    """The request never reached the server."""


class Unknown(Exception):
    """The request left; no answer came back. The action may or may not have happened."""


@dataclass
class ApiError(Exception):
    """The server answered with an error (or with something that is not its API)."""

    channel: str
    code: int | None
    message: str
    http_status: int = 0
    subcode: int | None = None
    trace: str = ""
    transient: bool = False
    regain_minutes: float = 0.0
    raw: bool = False  # the body was not the API's JSON (a gateway's HTML page)

    def __str__(self) -> str:
        return f"{self.channel} error {self.code} (HTTP {self.http_status}): {self.message}"


@dataclass
class Reply:
    status: int
    headers: dict = field(default_factory=dict)
    body: object = None  # parsed JSON, or None when the body is not JSON
    text: str = ""


def _never_left(error: Exception) -> bool:
    seen = set()
    stack = [error]
    while stack:
        item = stack.pop()
        if id(item) in seen or item is None:
            continue
        seen.add(id(item))
        if isinstance(item, (NewConnectionError, NameResolutionError, requests.ConnectTimeout)):
            return True
        stack.extend([getattr(item, "reason", None), item.__cause__, item.__context__])
        stack.extend(arg for arg in getattr(item, "args", ()) if isinstance(arg, Exception))
    return False


class Http:
    """A ``requests`` session with one timeout and a mask for every message."""

    def __init__(self, timeout: float, mask):
        self.timeout = timeout
        self.mask = mask
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "TinHoi-crosspost/1"

    def request(self, method: str, url: str, **kwargs) -> Reply:
        try:
            response = self.session.request(
                method, url, timeout=(self.timeout, self.timeout), allow_redirects=False, **kwargs
            )
        except requests.RequestException as error:
            message = self.mask(f"{type(error).__name__}: {error}")
            if _never_left(error):
                raise NotSent(message) from None
            raise Unknown(message) from None
        text = response.text
        try:
            body = json.loads(text) if text.strip() else None
        except ValueError:
            body = None
        return Reply(response.status_code, dict(response.headers), body, text[:500])

    def get_status(self, url: str) -> int:
        """The final status of ``url`` after redirects (0 when unreachable)."""
        try:
            response = self.session.get(
                url, timeout=(self.timeout, self.timeout), allow_redirects=True
            )
            response.close()
            return response.status_code
        except requests.RequestException as error:
            logger.info("crosspost: %s unreachable: %s", url, self.mask(type(error).__name__))
            return 0

    def close(self) -> None:
        self.session.close()
