"""Zalo Bot API: a text message to a chat (a group the bot was added to).

The bot token is part of the URL path (``/bot<TOKEN>/sendMessage``): the URL is built
here and nowhere else, and every message leaving this module is masked.
"""

from __future__ import annotations

from .http import ApiError, Http


class ZaloBot:
    channel = "zalo_bot"

    def __init__(self, http: Http, secrets):
        self.http = http
        self.secrets = secrets

    def missing(self) -> list[str]:
        return [] if self.secrets.get("ZALO_BOT_TOKEN") else ["ZALO_BOT_TOKEN"]

    def send(self, chat_id: str, text: str) -> str:
        token = self.secrets.get("ZALO_BOT_TOKEN")
        url = f"{self.secrets.url('ZALO_BOT_URL')}/bot{token}/sendMessage"
        reply = self.http.request("POST", url, json={"chat_id": chat_id, "text": text})
        body = reply.body
        if not isinstance(body, dict) or "ok" not in body:
            raise ApiError(
                self.channel, None, self.http.mask(reply.text[:120]), reply.status, raw=True
            )
        if not body.get("ok"):
            code = body.get("error_code")
            raise ApiError(
                self.channel,
                code if isinstance(code, int) else None,
                self.http.mask(str(body.get("description", ""))),
                reply.status,
            )
        result = body.get("result") if isinstance(body.get("result"), dict) else {}
        return str(result.get("message_id") or "")
