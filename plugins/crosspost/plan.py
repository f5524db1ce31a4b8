"""The plan: for every eligible article and target, the exact text and link. Pure.

Eligible: published (drafts and hidden articles are listed apart, for deletions), in
the main language (a translation is never a second post), not ``Crosspost: no``, dated
on or after ``start``. An article dated in the future is planned and sent once its date
has come (``make crosspost`` checks). Targets: ``facebook`` and ``zalo:<group id>``;
each Zalo group is reached through the Zalo OA or the Zalo Bot when configured for it,
else through the Zalo kit (the officer pastes the text).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import posixpath

from tinhoi.vietnamese.frontmatter import split_list
from tinhoi.vietnamese.text import fold

from .compose import compose, values

PLAN_VERSION = 1
_NONE = {"no", "khong", "none", "-", ""}


def fingerprint(record: dict) -> str:
    """Changes when the title, summary or ``Social_text`` changes (not on typo fixes
    in the body): the Facebook post's text is then updated."""
    text = "\n".join((record["title"], record["summary"], record["social_text"]))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _default_targets(record: dict, config: dict) -> list[str]:
    targets = config["targets"]
    return list(targets.get(record["category"]["key"], targets.get("*", [])))


def _zalo_ids(record: dict, config: dict, groups: dict, problems: list) -> list[str]:
    written = record.get("zalo")
    if written is not None and str(written).strip():
        if fold(str(written)) in _NONE:
            return []
        wanted = split_list(written)
    else:
        wanted = [
            t.split(":", 1)[1] for t in _default_targets(record, config) if t.startswith("zalo:")
        ]
        if config["branch_groups"]:
            wanted += [branch["id"] for branch in record["branches"]]
    result = []
    for group_id in wanted:
        if group_id in result:
            continue
        if group_id not in groups:
            known = ", ".join(sorted(groups)) or "(chưa có nhóm nào trong content/data)"
            problems.append(
                {
                    "source": record["source"],
                    "line": record.get("zalo_line", 0),
                    "message": f"không có nhóm Zalo “{group_id}” trong content/data/unit.yml "
                    f"hay branches.yml (các mã có: {known}); bỏ qua nhóm này.",
                }
            )
            continue
        result.append(group_id)
    return result


def _zalo_channel(group_id: str, config: dict) -> tuple[str | None, str]:
    channels = config["channels"]
    if channels["zalo_oa"] and group_id in config["zalo_oa_groups"]:
        return "zalo_oa", str(config["zalo_oa_groups"][group_id])
    if channels["zalo_bot"] and group_id in config["zalo_bot_chats"]:
        return "zalo_bot", str(config["zalo_bot_chats"][group_id])
    if channels["zalo_kit"]:
        return "kit", ""
    return None, ""


def _targets(record: dict, config: dict, groups: dict, problems: list) -> list[dict]:
    targets = []
    link = record["url"]
    if config["channels"]["facebook"] and "facebook" in _default_targets(record, config):
        text, fits = compose(
            config["templates"]["facebook"],
            values(record, link, config),
            config["limits"]["facebook"],
        )
        targets.append(
            {"target": "facebook", "channel": "facebook", "text": text, "link": link, "fits": fits}
        )
    for group_id in _zalo_ids(record, config, groups, problems):
        channel, remote = _zalo_channel(group_id, config)
        if channel is None:
            continue
        group = groups[group_id]
        text, fits = compose(
            config["templates"]["zalo"],
            values(record, link, config, group),
            config["limits"]["zalo"],
        )
        targets.append(
            {
                "target": f"zalo:{group_id}",
                "channel": channel,
                "group": group_id,
                "group_name": group["name"],
                "remote": remote,
                "text": text,
                "link": link,
                "fits": fits,
            }
        )
    return targets


def exclusion(record: dict, config: dict) -> str | None:
    """Why the plan does not post a published ``record``, or None."""
    if not record["crosspost"]:
        return "bài ghi “Crosspost: no”"
    if config["start"] is None:
        return "chưa đặt ngày bắt đầu đăng (CROSSPOST['start'] trong pelicanconf.py)"
    if (record["date"] or "")[:10] < config["start"]:
        return f"đăng trước ngày bắt đầu {config['start']}"
    return None


def send_config(config: dict) -> dict:
    """The part of the settings ``make crosspost`` needs (no paths, no secrets)."""
    return {
        key: value
        for key, value in config.items()
        if key not in ("dir", "templates", "plan", "targets")
    }


def build_plan(
    records: list[dict], groups: dict, config: dict, main_lang: str, now: dt.datetime
) -> dict:
    """The plan of ``records``; ``problems`` lists what the officer should fix."""
    articles, excluded, unpublished, problems = [], [], [], []
    for record in sorted(records, key=lambda r: (r["date"] or "", r["key"])):
        if record["lang"] != main_lang:
            continue
        if record["status"] != "published":
            unpublished.append(
                {"key": record["key"], "url": record["url"], "status": record["status"]}
            )
            continue
        reason = exclusion(record, config)
        if reason:
            excluded.append({"key": record["key"], "title": record["title"], "reason": reason})
            continue
        targets = _targets(record, config, groups, problems)
        for target in targets:
            if not target["fits"]:
                problems.append(
                    {
                        "source": record["source"],
                        "line": 0,
                        "message": f"bài quá dài cho {target['target']} kể cả khi "
                        "đã rút gọn; hãy rút ngắn tiêu đề.",
                    }
                )
        articles.append(
            {
                "key": record["key"],
                "slug": record["slug"],
                "url": record["url"],
                "title": record["title"],
                "date": record["date"],
                "source": record["source"],
                "fingerprint": fingerprint(record),
                "targets": targets,
            }
        )
    return {
        "version": PLAN_VERSION,
        "generated": now.isoformat(timespec="seconds"),
        "config": send_config(config),
        "articles": articles,
        "excluded": excluded,
        "unpublished": unpublished,
        "problems": problems,
    }


def takedown_entries(urls: list[str], cover_urls: list[str], base: str) -> list[dict]:
    """The plan's articles removed on request, or whose cover photo was (``cover``: the
    post's link preview shows that photo, and a re-scrape does not change a post already
    made): their ledger key and public address."""
    base = base.rstrip("/")
    whole = set(urls)
    return [
        {
            "key": url.strip("/"),
            "url": posixpath.join(base + "/", url) if base else "/" + url,
            "cover": url not in whole,
        }
        for url in sorted(whole | set(cover_urls))
    ]
