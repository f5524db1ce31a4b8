"""The Zalo OA token pair and its OAuth v4 refresh chain.

A refresh token is single-use: each refresh returns a new pair and consumes the old
refresh token. So the new pair is written to the token file (atomic, mode 0600) BEFORE
anything uses it, under a lock, re-reading the file inside the lock so two processes
never refresh with the same refresh token. The file lives with the plan, is ignored by
git and holds nothing but the pair. The environment seeds it; a refresh token put in the
environment later (after reconnecting the OA) replaces the chain.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from pathlib import Path

from ..files import locked, write_json
from ..hooks import checkpoint
from .http import ApiError, Http

logger = logging.getLogger(__name__)
TOKEN_FILE = "zalo-oa-token.json"


def _seed(refresh_token: str) -> str:
    return hashlib.sha256(refresh_token.encode()).hexdigest()[:16]


class ZaloTokens:
    def __init__(self, http: Http, secrets, folder: Path):
        self.http = http
        self.secrets = secrets
        configured = secrets.get("ZALO_OA_TOKEN_FILE")
        self.path = Path(configured) if configured else Path(folder) / TOKEN_FILE
        self.lock = self.path.with_name(self.path.name + ".lock")

    def missing(self) -> list[str]:
        names = ["ZALO_APP_ID", "ZALO_APP_SECRET"]
        if not self.path.exists():
            names.append("ZALO_OA_REFRESH_TOKEN")
        return [name for name in names if not self.secrets.get(name)]

    def _read(self) -> dict:
        env_refresh = self.secrets.get("ZALO_OA_REFRESH_TOKEN")
        stored = {}
        if self.path.exists():
            try:
                stored = json.loads(self.path.read_text(encoding="utf-8"))
            except ValueError:
                stored = {}
        if env_refresh and stored.get("seed") != _seed(env_refresh):
            # a refresh token the officer set after reconnecting: start a new chain
            stored = {
                "access_token": self.secrets.get("ZALO_OA_ACCESS_TOKEN"),
                "refresh_token": env_refresh,
                "seed": _seed(env_refresh),
            }
            write_json(self.path, stored, mode=0o600)
        for key in ("access_token", "refresh_token"):
            self.secrets.learn(stored.get(key, ""))
        return stored

    def access_token(self) -> str:
        with locked(self.lock, wait=30):
            return self._read().get("access_token", "")

    def refresh(self, used: str) -> str:
        """A fresh access token; ``used`` is the one that was refused."""
        with locked(self.lock, wait=30):
            stored = self._read()
            if stored.get("access_token") and stored["access_token"] != used:
                return stored["access_token"]  # another run refreshed meanwhile
            refresh_token = stored.get("refresh_token", "")
            if not refresh_token:
                raise ApiError("zalo_oauth", None, "no refresh token")
            reply = self.http.request(
                "POST",
                f"{self.secrets.url('ZALO_OAUTH_URL')}/v4/oa/access_token",
                headers={"secret_key": self.secrets.get("ZALO_APP_SECRET")},
                data={
                    "app_id": self.secrets.get("ZALO_APP_ID"),
                    "grant_type": "refresh_token",
                    "refresh_token": refresh_token,
                },
            )
            body = reply.body if isinstance(reply.body, dict) else {}
            if not body.get("access_token") or not body.get("refresh_token"):
                code = body.get("error")
                raise ApiError(
                    "zalo_oauth",
                    code if isinstance(code, int) else None,
                    self.http.mask(body.get("error_name") or reply.text[:120]),
                    reply.status,
                    raw=not body,
                )
            self.secrets.learn(body["access_token"])
            self.secrets.learn(body["refresh_token"])
            try:
                lifetime = int(body.get("expires_in") or 0)
            except ValueError:
                lifetime = 0
            write_json(
                self.path,
                {
                    "access_token": body["access_token"],
                    "refresh_token": body["refresh_token"],
                    "seed": stored.get("seed", ""),
                    "expires_at": int(time.time()) + lifetime,
                },
                mode=0o600,
            )
            logger.info("crosspost: Zalo OA token pair refreshed and saved")
            checkpoint("after-refresh")
            return body["access_token"]
