"""The officer's report page, ``bao-cao.html``: what is new per Zalo group (with copy
buttons and QR codes), what was sent where and when, what failed and why.

Written outside ``output/`` (never deployed) each time the plan is made and after every
``make crosspost`` and ``make crosspost-done``. It opens from the disk in any browser.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import jinja2

from .files import write_atomic
from .kit import pending, relative_paths
from .state import FINISHED, read_log

REPORT_FILE = "bao-cao.html"
STATUS_TEXT = {
    "sending": "đang gửi, chưa rõ kết quả",
    "sent": "đã đăng",
    "duplicate": "đã đăng (Facebook báo trùng)",
    "done": "đã dán (cán bộ xác nhận)",
    "failed": "lỗi",
    "uncertain": "chưa rõ đã tới chưa – cần kiểm tra",
    "deleted": "đã xoá",
}
EVENT_TEXT = {
    "intent": "bắt đầu gửi",
    "sent": "đã đăng",
    "reconciled": "tìm thấy bài đã đăng",
    "duplicate": "Facebook báo trùng",
    "failed": "lỗi",
    "uncertain": "chưa rõ kết quả",
    "updated": "đã sửa nội dung",
    "deleted": "đã xoá",
    "done": "cán bộ đánh dấu đã dán",
    "retry": "cán bộ cho gửi lại",
    "not-sent": "chưa gửi được",
    "retry-later": "lỗi tạm thời",
    "paused": "tạm dừng kênh",
    "resumed": "mở lại kênh",
    "update-failed": "chưa sửa được",
    "token-refused": "mã truy cập hết hạn, làm mới",
}


def _environment() -> jinja2.Environment:
    loader = jinja2.FileSystemLoader(str(Path(__file__).parent / "templates"))
    return jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True)


def _when(stamp: str | None) -> str:
    if not stamp:
        return ""
    moment = dt.datetime.fromisoformat(stamp)
    return f"{moment:%H:%M} {moment:%d/%m/%Y}"


def _groups(plan: dict, state: dict) -> list[dict]:
    slugs = Counter(article["slug"] for article in plan["articles"])
    groups: dict[str, dict] = {}
    for article, target in pending(plan, state):
        group = groups.setdefault(
            target["group"], {"id": target["group"], "name": target["group_name"], "entries": []}
        )
        text_path, png_path = relative_paths(article, target)
        name = article["slug"] if slugs[article["slug"]] == 1 else article["key"]
        group["entries"].append(
            {"article": article, "target": target, "qr": png_path, "file": text_path, "name": name}
        )
    return sorted(groups.values(), key=lambda g: g["name"])


FACEBOOK_WAITING = "chờ đăng (lần chạy tới)"


def _facebook_pending(plan: dict, state: dict) -> list[dict]:
    """Facebook posts of the plan not finished: waiting, or with an unknown outcome."""
    items = []
    for article in plan["articles"]:
        targets = state["articles"].get(article["key"], {}).get("targets", {})
        for target in article["targets"]:
            entry = targets.get(target["target"])
            if target["channel"] != "facebook" or (entry and entry["status"] in FINISHED):
                continue
            status = entry["status"] if entry else ""
            items.append(
                {
                    "title": article["title"],
                    "link": target["link"],
                    "status": STATUS_TEXT[status] if status else FACEBOOK_WAITING,
                    "bad": status in ("failed", "uncertain", "sending"),
                    "reason": (entry or {}).get("reason", ""),
                }
            )
    return items


def _history(state: dict) -> list[dict]:
    rows = []
    for key, node in state["articles"].items():
        for target, entry in sorted(node["targets"].items()):
            status = STATUS_TEXT[entry["status"]]
            if entry.get("updated"):
                status += f" (đã sửa nội dung lúc {_when(entry['updated'])})"
            rows.append(
                {
                    "key": key,
                    "title": node.get("title", key),
                    "link": node.get("url"),
                    "target": target,
                    "status": status,
                    "bad": entry["status"] in ("failed", "uncertain", "sending"),
                    "reason": entry.get("reason", ""),
                    "when": _when(entry.get("at")),
                    "post": entry.get("url", ""),
                    "at": entry.get("at", ""),
                }
            )
    return sorted(rows, key=lambda r: r["at"], reverse=True)


def _recalls(plan: dict, state: dict) -> list[dict]:
    """Articles removed on request (or their cover photo) that reached Zalo groups, with
    those groups' names: the officer recalls the message there by hand (no Zalo API can)."""
    names = plan.get("group_names", {})
    rows = []
    for item in plan.get("takedowns", []):
        node = state["articles"].get(item["key"], {})
        groups = [
            names.get(target.split(":", 1)[1], target.split(":", 1)[1])
            for target, entry in sorted(node.get("targets", {}).items())
            if target.startswith("zalo:") and entry["status"] in ("sent", "done")
        ]
        facebook = node.get("targets", {}).get("facebook", {}).get("status")
        if groups or facebook:
            rows.append(
                {
                    "key": item["key"],
                    "cover": item.get("cover", False),
                    "groups": groups,
                    "facebook": STATUS_TEXT.get(facebook, "") if facebook else "",
                }
            )
    return rows


def _last_run(folder: Path) -> dict:
    path = folder / "last-run.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {
        "when": _when(data.get("at")),
        "lines": data.get("lines", []),
        "act": data.get("act", False),
    }


def render_report(
    folder: Path, plan: dict, state: dict, now: dt.datetime, problem: str = ""
) -> str:
    events = [
        dict(
            event,
            what=EVENT_TEXT.get(event.get("event"), event.get("event")),
            when=_when(event.get("at")),
        )
        for event in reversed(read_log(folder, 40))
    ]
    return (
        _environment()
        .get_template("bao-cao.html")
        .render(
            site=plan.get("site", {}),
            generated=_when(now.isoformat()),
            problem=problem,
            groups=_groups(plan, state),
            history=_history(state),
            facebook_pending=_facebook_pending(plan, state),
            last_run=_last_run(folder),
            excluded=plan.get("excluded", []),
            recalls=_recalls(plan, state),
            problems=plan.get("problems", []),
            events=events,
            facebook=any(
                t["channel"] == "facebook" for a in plan["articles"] for t in a["targets"]
            ),
        )
    )


def write_report(
    folder: Path, plan: dict, state: dict, now: dt.datetime, problem: str = ""
) -> Path:
    path = Path(folder) / REPORT_FILE
    write_atomic(path, render_report(Path(folder), plan, state, now, problem))
    return path
