"""Zalo Official Account: a text message to an OA-owned group (Group Message Framework).

Zalo answers most failures with HTTP 200 and ``{"error": <negative>}``: always read
``error``. An invalid or expired access token (-216, or HTTP 401) is refused before
anything is sent; the sender then calls ``refresh()`` once and tries once more, and
after that reports "reconnect".
"""

from __future__ import annotations

from pathlib import Path

from .http import ApiError, Http
from .zalo_tokens import ZaloTokens

TOKEN_INVALID = -216


class ZaloOA:
    channel = "zalo_oa"

    def __init__(self, http: Http, secrets, folder: Path):
        self.http = http
        self.secrets = secrets
        self.tokens = ZaloTokens(http, secrets, folder)
        self.token: str | None = None
        self.refreshed = False

    def missing(self) -> list[str]:
        return self.tokens.missing()

    def _send(self, token: str, group_id: str, text: str) -> dict:
        reply = self.http.request(
            "POST",
            f"{self.secrets.url('ZALO_OPENAPI_URL')}/v3.0/oa/group/message",
            headers={"access_token": token},
            json={"recipient": {"group_id": group_id}, "message": {"text": text}},
        )
        body = reply.body
        if reply.status == 401:
            return {"error": TOKEN_INVALID, "message": "HTTP 401"}
        if not isinstance(body, dict) or "error" not in body:
            raise ApiError(
                self.channel, None, self.http.mask(reply.text[:120]), reply.status, raw=True
            )
        return body

    def refresh(self) -> None:
        """Renew the token pair once per run (the new pair is saved before use)."""
        self.token = self.tokens.refresh(self.token or "")
        self.refreshed = True

    def send(self, group_id: str, text: str) -> str:
        """Send ``text`` to the OA group; return Zalo's message id."""
        if self.token is None:
            self.token = self.tokens.access_token()
        body = self._send(self.token, group_id, text)
        code = body.get("error")
        if code != 0:
            raise ApiError(
                self.channel,
                code if isinstance(code, int) else None,
                self.http.mask(str(body.get("message", ""))),
                200,
            )
        data = body.get("data") if isinstance(body.get("data"), dict) else {}
        return str(data.get("message_id") or "")
