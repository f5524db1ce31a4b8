"""The Graph API routes the cross-post plugin uses, with the reference's wire format."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import re
import secrets
import threading

MESSAGES = {
    1: "An unknown error has occurred.",
    2: "An unexpected error has occurred. Please retry your request later.",
    4: "(#4) Application request limit reached",
    17: "(#17) User request limit reached",
    32: "(#32) Page request limit reached",
    100: "(#100) Invalid parameter",
    190: "Error validating access token: Session has expired on Friday.",
    200: "(#200) The user hasn't authorized the application to perform this action",
    368: "(#368) The action attempted has been deemed abusive or is otherwise disallowed",
    506: "(#506) Duplicate status message",
    613: "(#613) Calls to this api have exceeded the rate limit.",
    80001: "There have been too many calls to this Page account.",
    1609005: "Error Posting Link",
}
# Post fields the Graph API refuses since v3.3 (code 12), and the two answers of an app
# with "Require App Secret" on (type GraphMethodException, code 100).
DEPRECATED_POST_FIELDS = ("caption", "description", "link", "name", "object_id", "source", "type")
PROOF_MISSING = "API calls from the server require an appsecret_proof argument"
PROOF_INVALID = "Invalid appsecret_proof provided in the API argument"
_VERSION = re.compile(r"^/v\d+\.\d+(/.*)?$")


def graph_error(
    code: int,
    status: int = 400,
    subcode: int | None = None,
    transient: bool = False,
    headers: dict | None = None,
    message: str | None = None,
    kind: str = "OAuthException",
) -> dict:
    """A script ``respond`` with the documented Graph error body."""
    error = {
        "message": message or MESSAGES.get(code, "Error"),
        "type": kind,
        "code": code,
        "fbtrace_id": "A" + secrets.token_hex(5),
    }
    if subcode is not None:
        error["error_subcode"] = subcode
    if transient:
        error["is_transient"] = True
    return {"status": status, "json": {"error": error}, "headers": headers or {}}


class GraphApi:
    def __init__(self, page_id: str, version: str):
        self.page_id = page_id
        self.version = version
        self.tokens = {"PAGE-TOKEN-s3cr3t-0001"}
        self.posts: list[dict] = []
        self.ids = itertools.count(1001)
        self.usage = 3
        self.lock = threading.Lock()
        # the app's secret when "Require App Secret" is on: every call needs the proof
        self.app_secret: str | None = None

    def _headers(self) -> dict:
        usage = self.usage
        return {
            "facebook-api-version": self.version,
            "x-fb-trace-id": secrets.token_hex(6),
            "X-App-Usage": json.dumps(
                {"call_count": usage, "total_time": usage, "total_cputime": usage}
            ),
            "X-Business-Use-Case-Usage": json.dumps(
                {
                    self.page_id: [
                        {
                            "type": "pages",
                            "call_count": usage,
                            "total_cputime": usage,
                            "total_time": usage,
                            "estimated_time_to_regain_access": 0,
                        }
                    ]
                }
            ),
        }

    def _reply(self, status: int, body):
        from .server import Reply

        return Reply(status, body, headers=self._headers())

    def _token(self, request) -> str:
        bearer = request.headers.get("authorization", "")
        return request.field("access_token") or bearer.removeprefix("Bearer ").strip()

    def handle(self, request):
        match = _VERSION.match(request.path)
        if not match:
            return None
        rest = (match.group(1) or "/").strip("/")
        token = self._token(request)
        if token not in self.tokens:
            return self._reply(400, graph_error(190, subcode=463)["json"])
        refused = self._proof_refused(request, token)
        if refused:
            return self._reply(
                400, graph_error(100, message=refused, kind="GraphMethodException")["json"]
            )
        with self.lock:
            if request.method == "POST" and rest == f"{self.page_id}/feed":
                return self._feed(request)
            if request.method == "GET" and rest == f"{self.page_id}/posts":
                return self._list(request)
            if request.method == "POST" and rest == "" and request.field("scrape"):
                return self._reply(
                    200,
                    {
                        "url": request.field("id"),
                        "type": "article",
                        "title": "…",
                        "image": [{"url": "x.jpg"}],
                        "updated_time": "2026-11-28T08:30:00+0000",
                    },
                )
            post = next((p for p in self.posts if p["id"] == rest), None)
            if rest.startswith(f"{self.page_id}_") and request.method in ("POST", "DELETE"):
                if post is None:
                    return self._reply(400, graph_error(100)["json"])
                if request.method == "DELETE":
                    self.posts.remove(post)
                else:
                    post["message"] = request.field("message")
                return self._reply(200, {"success": True})
        return self._reply(400, graph_error(100)["json"])

    def _proof_refused(self, request, token: str) -> str:
        if not self.app_secret:
            return ""
        proof = request.field("appsecret_proof")
        if not proof:
            return PROOF_MISSING
        good = hmac.new(self.app_secret.encode(), token.encode(), hashlib.sha256).hexdigest()
        return "" if hmac.compare_digest(proof, good) else PROOF_INVALID

    def _feed(self, request):
        message, link = request.field("message"), request.field("link")
        if not message and not link:
            return self._reply(400, graph_error(100)["json"])
        last = self.posts[-1] if self.posts else None
        if last and last["message"] == message and last["link"] == link:
            return self._reply(400, graph_error(506)["json"])
        post = {
            "id": f"{self.page_id}_{next(self.ids)}",
            "message": message,
            "link": link,
            "created_time": "2026-11-28T01:30:00+0000",
        }
        self.posts.append(post)
        return self._reply(200, {"id": post["id"]})

    def _list(self, request):
        for name in top_fields(request.field("fields")):
            if name in DEPRECATED_POST_FIELDS:
                message = f"(#12) {name} field is deprecated for versions v3.3 and higher"
                return self._reply(400, graph_error(12, message=message)["json"])
        limit = int(request.field("limit") or 25)
        data = [
            {
                "id": p["id"],
                "message": p["message"],
                "permalink_url": f"https://www.facebook.com/{p['id']}",
                "created_time": p["created_time"],
                "attachments": {
                    "data": [
                        {"url": "https://l.facebook.com/l.php?u=x", "unshimmed_url": p["link"]}
                    ]
                },
            }
            for p in reversed(self.posts)
        ][:limit]
        return self._reply(
            200, {"data": data, "paging": {"cursors": {"before": "b", "after": "a"}}}
        )


def top_fields(fields: str) -> list[str]:
    """The top-level names of a ``fields`` argument: ``a,b{c,d},e`` → a, b, e."""
    names, depth, current = [], 0, ""
    for char in fields or "":
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == "," and depth == 0:
            names.append(current.strip())
            current = ""
            continue
        if depth == 0 and char not in "{}":
            current += char
    names.append(current.strip())
    return [name.split(".")[0] for name in names if name]
