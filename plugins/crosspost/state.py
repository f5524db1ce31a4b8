"""The ledger: what the union published where, one small JSON file tracked in git.

``state.json`` is keyed by article (its path, ``2026/04/slug``) and target
(``facebook``, ``zalo:chi-hoi-6``). It is rewritten atomically after every change, and
every change is also appended to ``log.jsonl`` (never rewritten). A file that cannot be
read is never guessed at: ``StateCorrupt`` stops every send until a person repairs it.

Statuses of a target:
    sending    intent recorded, the answer not yet saved (unknown outcome if it stays)
    sent       posted; ``id`` is the remote post id
    duplicate  Facebook said it already had this post (#506); done, no id
    done       the officer posted the kit by hand (``make crosspost-done``)
    failed     refused for a reason a person must fix; ``retry`` says if a later run tries
    uncertain  a Zalo send whose outcome is unknown and cannot be checked: ask a person
    deleted    the Facebook post was deleted after the article was withdrawn
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

from .files import append_line, write_json

STATE_FILE = "state.json"
LOG_FILE = "log.jsonl"
PLAN_FILE = "plan.json"
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
STATE_VERSION = 1
STATUSES = ("sending", "sent", "duplicate", "done", "failed", "uncertain", "deleted")
FINISHED = ("sent", "duplicate", "done", "deleted")


class StateCorrupt(Exception):
    """``state.json`` exists but is not a ledger this program wrote."""

    def __init__(self, path: Path, detail: str):
        super().__init__(f"{path}: {detail}")
        self.path, self.detail = path, detail


def _validate(data, path: Path) -> dict:
    if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
        raise StateCorrupt(path, f"not a version {STATE_VERSION} ledger")
    articles = data.get("articles")
    if not isinstance(articles, dict):
        raise StateCorrupt(path, "'articles' is missing or not an object")
    for key, article in articles.items():
        targets = article.get("targets") if isinstance(article, dict) else None
        if not isinstance(targets, dict):
            raise StateCorrupt(path, f"article {key!r} has no 'targets' object")
        for target, entry in targets.items():
            if not isinstance(entry, dict) or entry.get("status") not in STATUSES:
                raise StateCorrupt(path, f"{key!r} / {target!r}: unknown status")
    if not isinstance(data.setdefault("channels", {}), dict):
        raise StateCorrupt(path, "'channels' is not an object")
    return data


def read_state(folder: Path) -> dict:
    """The ledger in ``folder`` (empty when there is none yet); StateCorrupt if unreadable."""
    path = folder / STATE_FILE
    if not path.exists():
        return {"version": STATE_VERSION, "articles": {}, "channels": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise StateCorrupt(path, f"not valid JSON ({error})") from None
    return _validate(data, path)


class Ledger:
    """The ledger of one site; every change is saved before the method returns."""

    def __init__(self, folder: Path, now):
        self.folder = Path(folder)
        self.now = now
        self.data = read_state(self.folder)

    @property
    def path(self) -> Path:
        return self.folder / STATE_FILE

    def entry(self, key: str, target: str) -> dict | None:
        return self.data["articles"].get(key, {}).get("targets", {}).get(target)

    def targets(self, key: str) -> dict:
        return self.data["articles"].get(key, {}).get("targets", {})

    def article_keys(self) -> list[str]:
        return list(self.data["articles"])

    def record(self, article: dict, target: str, event: str, **fields) -> dict:
        """Set the entry of (article, target) to ``fields`` (``status`` required), save
        the ledger atomically, then append ``event`` to the log."""
        stamp = self.now().isoformat(timespec="seconds")
        node = self.data["articles"].setdefault(article["key"], {"targets": {}})
        if article.get("title"):
            node["title"] = article["title"]
        if article.get("url"):
            node["url"] = article["url"]
        entry = {key: value for key, value in fields.items() if value is not None}
        entry["at"] = stamp
        node["targets"][target] = entry
        write_json(self.path, self.data)
        self.log(event, article["key"], target, **{k: v for k, v in entry.items() if k != "at"})
        return entry

    def forget(self, article: dict, target: str, event: str) -> None:
        """Remove the entry of (article, target): nothing was sent after all."""
        node = self.data["articles"].get(article["key"])
        if node is not None:
            node["targets"].pop(target, None)
            if not node["targets"]:
                del self.data["articles"][article["key"]]
            write_json(self.path, self.data)
        self.log(event, article["key"], target)

    def log(self, event: str, key: str | None = None, target: str | None = None, **details) -> None:
        line = {"at": self.now().isoformat(timespec="seconds"), "event": event}
        if key:
            line["article"] = key
        if target:
            line["target"] = target
        line.update({k: v for k, v in details.items() if v is not None})
        append_line(self.folder / LOG_FILE, json.dumps(line, ensure_ascii=False, sort_keys=True))

    def channel_pause(self, channel: str) -> str | None:
        return self.data["channels"].get(channel, {}).get("paused_until")

    def pause_channel(self, channel: str, until: dt.datetime | None, reason: str) -> None:
        if until is None:
            self.data["channels"].pop(channel, None)
        else:
            self.data["channels"][channel] = {
                "paused_until": until.isoformat(timespec="seconds"),
                "reason": reason,
            }
        write_json(self.path, self.data)
        self.log("paused" if until else "resumed", target=channel, reason=reason)


def read_log(folder: Path, limit: int = 500) -> list[dict]:
    """The last ``limit`` events of the log (unreadable lines are skipped)."""
    path = Path(folder) / LOG_FILE
    if not path.exists():
        return []
    events = []
    for line in path.read_text(encoding="utf-8").splitlines()[-limit:]:
        try:
            events.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return events


def clock() -> dt.datetime:
    """Now, in Vietnam's time zone (every time in the ledger and report is local)."""
    return dt.datetime.now(ZONE)


def corrupt_message(error: StateCorrupt) -> str:
    """What the officer is told when the ledger cannot be read."""
    return (
        f"Tệp trạng thái {error.path} bị hỏng ({error.detail}). Không gửi gì để tránh "
        "đăng trùng. Hãy khôi phục bản trước bằng “git checkout -- crosspost/state.json” "
        "(hoặc nhờ người phụ trách kỹ thuật sửa), rồi chạy lại."
    )
