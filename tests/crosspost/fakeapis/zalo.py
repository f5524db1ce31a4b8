"""Zalo OAuth v4, the OpenAPI group message (GMF) and the Zalo Bot API."""

from __future__ import annotations

import re
import secrets
import threading

_BOT = re.compile(r"^/bot([^/]+)/(\w+)$")


class ZaloApis:
    def __init__(self):
        self.app_id, self.secret_key = "4321", "APP-SECRET-zz-0001"
        self.access_tokens = {"OA-AT-0001"}
        self.refresh_token = "OA-RT-0001"  # the only refresh token that works now
        self.spent: list[str] = []
        self.generation = 1
        self.groups = {"g-oa-bch", "g-oa-chi-hoi-1"}
        self.group_messages: list[dict] = []
        self.bot_token = "BOT-7788:tok-SECRET-in-path"
        self.bot_chats = {"chat-bch"}
        self.bot_messages: list[dict] = []
        self.lock = threading.Lock()

    def _reply(self, body, status: int = 200):
        from .server import Reply

        return Reply(status, body, headers={"Content-Type": "application/json;charset=UTF-8"})

    def handle(self, request):
        with self.lock:
            if request.path == "/v4/oa/access_token" and request.method == "POST":
                return self._oauth(request)
            if request.path == "/v3.0/oa/group/message" and request.method == "POST":
                return self._group_message(request)
            bot = _BOT.match(request.path)
            if bot and request.method == "POST":
                return self._bot(request, bot.group(1), bot.group(2))
        return None

    def _oauth(self, request):
        if (
            request.headers.get("secret_key") != self.secret_key
            or request.field("app_id") != self.app_id
        ):
            return self._reply(
                {
                    "error": -14002,
                    "error_name": "Invalid app",
                    "error_description": "app_id or secret_key is wrong",
                }
            )
        token = request.field("refresh_token")
        if token != self.refresh_token:
            return self._reply(
                {
                    "error": -14020,
                    "error_name": "Invalid refresh token",
                    "error_description": "Refresh token is invalid or used",
                }
            )
        self.spent.append(token)
        self.generation += 1
        access = f"OA-AT-{self.generation:04d}"
        self.access_tokens = {access}
        self.refresh_token = f"OA-RT-{self.generation:04d}"
        return self._reply(
            {"access_token": access, "refresh_token": self.refresh_token, "expires_in": "90000"}
        )

    def _group_message(self, request):
        if request.headers.get("access_token") not in self.access_tokens:
            return self._reply({"error": -216, "message": "Access token is invalid"})
        body = request.json or {}
        group = (body.get("recipient") or {}).get("group_id")
        text = (body.get("message") or {}).get("text") or ""
        if not text or len(text) > 2000 or group not in self.groups:
            return self._reply({"error": -201, "message": "Parameters are invalid"})
        message_id = secrets.token_hex(8)
        self.group_messages.append({"group": group, "text": text, "id": message_id})
        return self._reply({"error": 0, "message": "Success", "data": {"message_id": message_id}})

    def _bot(self, request, token, method):
        if token != self.bot_token:
            return self._reply({"ok": False, "error_code": 401, "description": "Unauthorized"}, 401)
        body = request.json or {}
        if method == "getMe":
            return self._reply(
                {
                    "ok": True,
                    "result": {
                        "id": "145",
                        "account_name": "bot.Hoi",
                        "account_type": "BASIC",
                        "can_join_groups": False,
                    },
                }
            )
        if method == "sendMessage":
            text = body.get("text") or ""
            if not text or len(text) > 2000 or body.get("chat_id") not in self.bot_chats:
                return self._reply(
                    {
                        "ok": False,
                        "error_code": 400,
                        "description": "Bad Request: invalid chat or text",
                    },
                    400,
                )
            message_id = secrets.token_hex(8)
            self.bot_messages.append({"chat": body["chat_id"], "text": text, "id": message_id})
            return self._reply(
                {"ok": True, "result": {"message_id": message_id, "date": 1749632637199}}
            )
        return self._reply({"ok": False, "error_code": 404, "description": "Not Found"}, 404)
