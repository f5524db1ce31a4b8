"""What is due now: the plan compared with the ledger. Pure; no network.

Actions:
    post     never sent (or failed and may be tried again)
    check    a Facebook post whose outcome is unknown (a run died or timed out after the
             request left): look for it among the Page's posts before posting again
    unsure   a Zalo send whose outcome is unknown: cannot be checked, ask the officer
    update   a Facebook post whose article's title or summary changed
    delete   a Facebook post whose article was withdrawn (only if enabled), or removed on
             request (always: the article's ``takedown`` is true)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .state import FINISHED


@dataclass
class Work:
    action: str
    article: dict
    target: dict
    entry: dict | None = None

    @property
    def channel(self) -> str:
        return self.target["channel"]


@dataclass
class Due:
    works: list[Work] = field(default_factory=list)
    future: list[dict] = field(default_factory=list)  # articles whose date has not come
    kit: list[tuple[dict, dict]] = field(default_factory=list)  # (article, target) to paste
    attention: list[tuple[dict, dict, dict]] = field(default_factory=list)  # needs a person
    over_cap: list[Work] = field(default_factory=list)  # beyond max_posts_per_run


def _parse(moment: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(moment) if moment else None


def _target_work(article: dict, target: dict, entry: dict | None, config: dict) -> str | None:
    status = entry.get("status") if entry else None
    if status is None:
        return "post"
    if status == "sending":
        return "check" if target["channel"] == "facebook" else "unsure"
    if status == "failed":
        changed = entry.get("fingerprint") != article["fingerprint"]
        return "post" if entry.get("retry") or changed else None
    if (
        status == "sent"
        and target["channel"] == "facebook"
        and config["facebook_update"]
        and entry.get("id")
        and entry.get("fingerprint") != article["fingerprint"]
    ):
        return "update"
    return None


def _facebook_post(ledger, key: str) -> dict | None:
    entry = ledger.entry(key, "facebook")
    return entry if entry and entry.get("status") == "sent" and entry.get("id") else None


def _takedowns(plan: dict, ledger) -> list[Work]:
    """Posts of articles removed on request: deleted once, whatever ``facebook_delete`` says."""
    works = []
    for item in plan.get("takedowns", []):
        entry = _facebook_post(ledger, item["key"])
        if entry is None:
            continue  # never posted, or already deleted (the ledger says "deleted")
        node = ledger.data["articles"][item["key"]]
        article = {
            "key": item["key"],
            "url": node.get("url") or item["url"],
            "title": node.get("title", item["key"]),
            "fingerprint": "",
            "takedown": True,
            "cover": item.get("cover", False),
        }
        works.append(Work("delete", article, {"target": "facebook", "channel": "facebook"}, entry))
    return works


def _deletions(plan: dict, ledger) -> list[Work]:
    present = {a["key"] for a in plan["articles"]} | {a["key"] for a in plan["excluded"]}
    present |= {item["key"] for item in plan.get("takedowns", [])}  # deleted by _takedowns
    withdrawn = {a["key"]: a for a in plan["unpublished"]}
    works = []
    for key in ledger.article_keys():
        if key in present:
            continue
        entry = ledger.entry(key, "facebook")
        if not entry or entry.get("status") != "sent" or not entry.get("id"):
            continue
        node = ledger.data["articles"][key]
        article = {
            "key": key,
            "url": node.get("url") or withdrawn.get(key, {}).get("url", ""),
            "title": node.get("title", key),
            "fingerprint": "",
        }
        works.append(Work("delete", article, {"target": "facebook", "channel": "facebook"}, entry))
    return works


def compute(plan: dict, ledger, now: dt.datetime) -> Due:
    """Everything due at ``now``, in plan order (oldest article first)."""
    config = plan["config"]
    due = Due()
    posts = 0
    taken_down = {item["key"] for item in plan.get("takedowns", [])}
    for article in plan["articles"]:
        date = _parse(article["date"])
        if date is not None and date > now:
            due.future.append(article)
            continue
        for target in article["targets"]:
            entry = ledger.entry(article["key"], target["target"])
            if target["channel"] == "kit":
                if not entry or entry.get("status") not in FINISHED:
                    due.kit.append((article, target))
                continue
            if article["key"] in taken_down and entry and entry.get("status") == "sent":
                continue  # its post is deleted (``_takedowns``), not updated
            if entry and entry.get("status") in ("uncertain", "failed"):
                action = _target_work(article, target, entry, config)
                if action is None:
                    due.attention.append((article, target, entry))
                    continue
            else:
                action = _target_work(article, target, entry, config)
            if action is None:
                continue
            work = Work(action, article, target, entry)
            if action == "post":
                posts += 1
                if posts > config["max_posts_per_run"]:
                    due.over_cap.append(work)
                    continue
            due.works.append(work)
    if config["channels"]["facebook"]:
        due.works.extend(_takedowns(plan, ledger))
    if config["facebook_delete"] and config["channels"]["facebook"]:
        due.works.extend(_deletions(plan, ledger))
    return due
