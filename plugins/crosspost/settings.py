"""The ``CROSSPOST`` setting: defaults in one place, checked once at ``initialized``.

Everything here is configuration the union may publish in git. Secrets and endpoints
never are: they come from the environment when ``make crosspost`` runs (see env.py).
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import os

import jinja2

from tinhoi.sitebuild.state import current_build

logger = logging.getLogger(__name__)
PART = "crosspost"  # the build's part: the checked config and the articles to plan

FACEBOOK_TEMPLATE = "{{ title }}\n\n{{ text }}\n\n{{ hashtags }}"
ZALO_TEMPLATE = "📢 {{ title }}\n\n{{ text }}\n\n👉 Xem bài: {{ link }}\n\n{{ hashtags }}"

DEFAULTS: dict = {
    # write the plan, the Zalo kit and the report at the end of the build (publishconf)
    "plan": False,
    # folder of the plan, kit, report, state and log; relative to the project folder
    # (the parent of content/)
    "dir": "crosspost",
    # nothing dated before this day (YYYY-MM-DD) is ever posted: a first run on an old
    # site floods nobody. None: nothing is posted until it is set.
    "start": None,
    "channels": {"facebook": True, "zalo_kit": True, "zalo_oa": False, "zalo_bot": False},
    # default targets per category key ("*": every other category). "zalo:<group id>"
    # names a group of unit.yml or a branch id (that branch's group).
    "targets": {"*": ["facebook", "zalo:ban-chap-hanh"]},
    # an article's branches (Branches:) also go to their branch groups, unless the
    # article lists its groups itself (Zalo:)
    "branch_groups": True,
    # Zalo groups reachable through the optional official senders: group id → OA group
    # id (Group Message Framework) or Zalo Bot chat id
    "zalo_oa_groups": {},
    "zalo_bot_chats": {},
    "templates": {"facebook": FACEBOOK_TEMPLATE, "zalo": ZALO_TEMPLATE},
    "limits": {"facebook": 5000, "zalo": 2000},
    "hashtags": {"fixed": ["HộiPhụNữ"], "max": 5, "ascii": False},
    "max_posts_per_run": 5,
    "timeout": 15.0,  # seconds, for connecting and for each answer
    "retries": 3,  # tries of a transient failure within one run
    "backoff": 2.0,  # seconds before the 2nd try, doubled after, with jitter
    "backoff_max": 30.0,
    "usage_limit": 85,  # % of any rate-limit usage header above which posting stops
    "lock_wait": 0.0,  # seconds a second run waits for the first one
    "live_check": True,  # the article URL must answer 200 before anything is sent
    "facebook_scrape": True,  # ask Facebook to re-read the page's OG tags first
    "facebook_update": True,  # edit the post's text when title or summary changed
    "facebook_delete": False,  # delete the post when the article is gone or a draft
}

_BOOLS = (
    "plan",
    "branch_groups",
    "live_check",
    "facebook_scrape",
    "facebook_update",
    "facebook_delete",
)
_NUMBERS = ("timeout", "backoff", "backoff_max", "usage_limit", "lock_wait")
_INTEGERS = ("max_posts_per_run", "retries")
_CHANNELS = ("facebook", "zalo_kit", "zalo_oa", "zalo_bot")


def merged(user: dict | None) -> dict:
    """``DEFAULTS`` updated by ``user``; nested dicts are merged one level deep."""
    config = copy.deepcopy(DEFAULTS)
    for key, value in (user or {}).items():
        if isinstance(config.get(key), dict) and isinstance(value, dict) and key != "targets":
            config[key] = {**config[key], **value}
        else:
            config[key] = copy.deepcopy(value)
    return config


def _check_types(config: dict) -> list[str]:
    problems = []
    unknown = sorted(set(config) - set(DEFAULTS))
    if unknown:
        problems.append(f"unknown keys {', '.join(unknown)}")
    for key in _BOOLS:
        if not isinstance(config[key], bool):
            problems.append(f"{key!r} must be True or False, not {config[key]!r}")
            config[key] = DEFAULTS[key]
    for key in _NUMBERS + _INTEGERS:
        value = config[key]
        wrong = isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0
        if wrong or (key in _INTEGERS and not isinstance(value, int)):
            problems.append(f"{key!r} must be a number ≥ 0, not {value!r}")
            config[key] = DEFAULTS[key]
    for name in _CHANNELS:
        if not isinstance(config["channels"].get(name), bool):
            problems.append(f"channels[{name!r}] must be True or False")
            config["channels"][name] = DEFAULTS["channels"][name]
    return problems


def _check_start(config: dict) -> list[str]:
    start = config["start"]
    if start is None or isinstance(start, dt.date):
        config["start"] = start.isoformat() if isinstance(start, dt.date) else None
        return []
    try:
        config["start"] = dt.date.fromisoformat(str(start)).isoformat()
        return []
    except ValueError:
        config["start"] = "9999-12-31"  # unreadable: post nothing rather than everything
        return [f"'start' must be a date like 2026-12-01, not {start!r}; nothing will be posted"]


def _check_targets(config: dict) -> list[str]:
    problems = []
    targets = config["targets"]
    if not isinstance(targets, dict):
        config["targets"] = copy.deepcopy(DEFAULTS["targets"])
        return ["'targets' must map a category key (or '*') to a list of targets"]
    for category, items in list(targets.items()):
        if isinstance(items, str):
            items = [items]
        good = []
        for item in items or []:
            if item == "facebook" or (isinstance(item, str) and item.startswith("zalo:")):
                good.append(item)
            else:
                problems.append(
                    f"targets[{category!r}]: {item!r} is neither 'facebook' nor 'zalo:<group id>'"
                )
        targets[category] = good
    for key in ("zalo_oa_groups", "zalo_bot_chats"):
        if not isinstance(config[key], dict):
            problems.append(f"{key!r} must map a group id to the remote id")
            config[key] = {}
    return problems


def _check_templates(config: dict) -> list[str]:
    problems = []
    env = jinja2.Environment(autoescape=False)
    for channel in ("facebook", "zalo"):
        source = config["templates"].get(channel)
        try:
            env.from_string(str(source))
        except jinja2.TemplateSyntaxError as error:
            problems.append(
                f"templates[{channel!r}] line {error.lineno}: {error.message}; "
                "using the default template"
            )
            config["templates"][channel] = DEFAULTS["templates"][channel]
        limit = config["limits"].get(channel)
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 100:
            problems.append(f"limits[{channel!r}] must be a whole number ≥ 100")
            config["limits"][channel] = DEFAULTS["limits"][channel]
    return problems


def check(config: dict) -> list[str]:
    """Repair ``config`` in place; return what was wrong (English, for the log)."""
    return (
        _check_types(config)
        + _check_start(config)
        + _check_targets(config)
        + _check_templates(config)
    )


def configure(pelican) -> None:
    """``initialized``: merge ``CROSSPOST`` with the defaults and check it, once per build
    (the build keeps it: ``PART``); a language sub-site uses the main site's."""
    settings = pelican.settings
    build = current_build()
    if build is None or PART in build.parts:
        return
    config = merged(settings.get("CROSSPOST"))
    for problem in check(config):
        logger.error("crosspost: CROSSPOST setting: %s", problem)
    if config["plan"] and config["start"] is None:
        logger.warning("crosspost: CROSSPOST['start'] is not set; nothing will be posted")
    root = os.path.dirname(os.path.abspath(settings["PATH"]))
    config["dir"] = os.path.join(root, str(config["dir"]))
    build.parts[PART] = {"config": config, "records": None}
