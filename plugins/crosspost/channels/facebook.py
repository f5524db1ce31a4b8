"""Facebook Page through the Graph API: post, update, delete, re-scrape, recent posts.

The Page token travels in the form body (POST) or the ``Authorization`` header (GET,
DELETE), never in a URL, so no log line can show it. With an app secret set, every call
also carries ``appsecret_proof`` (apps with "Require App Secret" on refuse calls without
it); the proof is a hash, not the secret. Decisions on errors are the sender's
(policy.py); this module only reads ``error.code`` and the usage headers.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re

from .http import ApiError, Http

logger = logging.getLogger(__name__)
USAGE_HEADERS = ("x-app-usage", "x-page-usage", "x-business-use-case-usage")
# ``link`` and the other old Post fields are refused since v3.3 (error 12): a post's
# link is its attachment's ``unshimmed_url``
POST_FIELDS = "id,message,permalink_url,created_time,attachments{url,unshimmed_url}"


def appsecret_proof(token: str, app_secret: str) -> str:
    """HMAC-SHA256 of the token keyed with the app secret, in hex, as Graph expects."""
    return hmac.new(app_secret.encode(), token.encode(), hashlib.sha256).hexdigest()


def _percentages(value) -> tuple[float, float]:
    """Highest percentage and longest ``estimated_time_to_regain_access`` in a header."""
    highest, regain = 0.0, 0.0
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "estimated_time_to_regain_access":
                regain = max(regain, float(item or 0))
            elif isinstance(item, (int, float)) and not isinstance(item, bool):
                highest = max(highest, float(item))
            else:
                sub_high, sub_regain = _percentages(item)
                highest, regain = max(highest, sub_high), max(regain, sub_regain)
    elif isinstance(value, list):
        for item in value:
            sub_high, sub_regain = _percentages(item)
            highest, regain = max(highest, sub_high), max(regain, sub_regain)
    return highest, regain


def usage(headers: dict) -> tuple[float, float]:
    """(highest usage %, minutes to regain access) over Graph's rate-limit headers."""
    lowered = {key.lower(): value for key, value in headers.items()}
    highest, regain = 0.0, 0.0
    for name in USAGE_HEADERS:
        try:
            parsed = json.loads(lowered.get(name) or "null")
        except ValueError:
            continue
        sub_high, sub_regain = _percentages(parsed)
        highest, regain = max(highest, sub_high), max(regain, sub_regain)
    return highest, regain


class Facebook:
    channel = "facebook"

    def __init__(self, http: Http, secrets):
        self.http = http
        self.page_id = secrets.get("FACEBOOK_PAGE_ID")
        self.token = secrets.get("FACEBOOK_PAGE_ACCESS_TOKEN")
        self.base = f"{secrets.url('FACEBOOK_GRAPH_URL')}/{secrets.graph_version}"
        app_secret = secrets.get("FACEBOOK_APP_SECRET")
        self.proof = (
            {"appsecret_proof": appsecret_proof(self.token, app_secret)}
            if app_secret and self.token
            else {}
        )
        self.usage = (0.0, 0.0)

    def missing(self) -> list[str]:
        return [
            name
            for name, value in (
                ("FACEBOOK_PAGE_ID", self.page_id),
                ("FACEBOOK_PAGE_ACCESS_TOKEN", self.token),
            )
            if not value
        ]

    def _call(
        self, method: str, path: str, data: dict | None = None, params: dict | None = None
    ) -> dict:
        url = f"{self.base}/{path.lstrip('/')}"
        if method == "POST":
            reply = self.http.request(
                method,
                url,
                data={**(data or {}), **self.proof, "access_token": self.token},
                params=params,
            )
        else:
            reply = self.http.request(
                method,
                url,
                params={**(params or {}), **self.proof},
                headers={"Authorization": f"Bearer {self.token}"},
            )
        self.usage = usage(reply.headers)
        lowered = {k.lower(): v for k, v in reply.headers.items()}
        logger.debug(
            "crosspost: graph %s %s → %s (version %s, usage %.0f%%)",
            method,
            path,
            reply.status,
            lowered.get("facebook-api-version", "?"),
            self.usage[0],
        )
        body = reply.body
        if isinstance(body, dict) and isinstance(body.get("error"), dict):
            error = body["error"]
            code = error.get("code")
            raise ApiError(
                self.channel,
                int(code) if isinstance(code, int) else None,
                self.http.mask(error.get("message", "")),
                reply.status,
                error.get("error_subcode"),
                str(error.get("fbtrace_id", "")),
                bool(error.get("is_transient")),
                self.usage[1],
            )
        if reply.status >= 400 or not isinstance(body, dict):
            raise ApiError(
                self.channel, None, self.http.mask(reply.text[:120]), reply.status, raw=True
            )
        return body

    def post(self, message: str, link: str) -> str:
        """Publish ``message`` with the link card of ``link``; return the post id."""
        body = self._call("POST", f"{self.page_id}/feed", {"message": message, "link": link})
        return str(body.get("id") or body.get("post_id") or "")

    def update(self, post_id: str, message: str) -> None:
        self._call("POST", post_id, {"message": message})

    def delete(self, post_id: str) -> None:
        self._call("DELETE", post_id)

    def scrape(self, link: str) -> None:
        """Ask Facebook to read the page's Open Graph tags again (best effort)."""
        self._call("POST", "", {"id": link, "scrape": "true"})

    def recent_posts(self, limit: int = 50) -> list[dict]:
        body = self._call(
            "GET", f"{self.page_id}/posts", params={"fields": POST_FIELDS, "limit": str(limit)}
        )
        data = body.get("data")
        return data if isinstance(data, list) else []

    @staticmethod
    def permalink(post_id: str) -> str:
        return f"https://www.facebook.com/{post_id}" if post_id else ""


def _norm(url: str) -> str:
    return url.split("#")[0].split("?")[0].rstrip("/").replace("http://", "https://", 1)


def _in_text(text: str, link: str) -> bool:
    pattern = re.escape(_norm(link)) + r"/?(?=[\s?#]|$)"
    return re.search(pattern, text.replace("http://", "https://")) is not None


def find_post(posts: list[dict], link: str) -> dict | None:
    """The post among ``posts`` that carries ``link`` (in its attachment or text)."""
    for post in posts:
        candidates = []
        attachments = (post.get("attachments") or {}).get("data") or []
        for attachment in attachments if isinstance(attachments, list) else []:
            if isinstance(attachment, dict):
                candidates += [
                    str(attachment.get("unshimmed_url") or ""),
                    str(attachment.get("url") or ""),
                ]
        if any(candidate and _norm(candidate) == _norm(link) for candidate in candidates):
            return post
        if _in_text(str(post.get("message") or ""), link):
            return post
    return None
