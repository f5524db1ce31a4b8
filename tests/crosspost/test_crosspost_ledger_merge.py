"""Two runs saved the ledger from different checkouts: the JSON merge keeps every entry
and never turns a finished post back into one a later run would send again."""

from __future__ import annotations

import json

import pytest

from tinhoi.crosspost.ledger_merge import merge_log, merge_state
from tinhoi.crosspost.state import FINISHED


def _ledger(**targets) -> str:
    articles = {}
    for name, entry in targets.items():
        key, target = name.split("__")
        node = articles.setdefault(f"2026/12/{key}", {"title": key, "targets": {}})
        node["targets"][target.replace("_", ":")] = entry
    return json.dumps({"version": 1, "channels": {}, "articles": articles})


def _entry(status: str, at: str) -> dict:
    return {"status": status, "at": f"2026-12-04T{at}:00+07:00"}


def _targets(text: str) -> dict:
    data = json.loads(text)
    return {
        f"{key}|{target}": entry["status"]
        for key, node in data["articles"].items()
        for target, entry in node["targets"].items()
    }


@pytest.mark.parametrize(
    ("base", "ours", "theirs", "expected"),
    [
        (
            {},
            {"a__facebook": _entry("sent", "09:00")},
            {"b__facebook": _entry("sent", "09:05")},
            {"2026/12/a|facebook": "sent", "2026/12/b|facebook": "sent"},
        ),
        (
            {},
            {"a__facebook": _entry("sent", "09:00")},
            {"a__facebook": _entry("sending", "09:05")},
            {"2026/12/a|facebook": "sent"},
        ),
        (
            {},
            {"a__facebook": _entry("failed", "10:00")},
            {"a__facebook": _entry("sent", "09:00")},
            {"2026/12/a|facebook": "sent"},
        ),
        (
            {},
            {"a__zalo_bch": _entry("uncertain", "09:00")},
            {"a__zalo_bch": _entry("failed", "09:30")},
            {"2026/12/a|zalo:bch": "failed"},
        ),
        (
            {"a__zalo_bch": _entry("failed", "08:00")},
            {},
            {"a__zalo_bch": _entry("failed", "08:00")},
            {},
        ),  # we forgot it (make crosspost-retry) and they left it alone
        (
            {"a__zalo_bch": _entry("failed", "08:00")},
            {},
            {"a__zalo_bch": _entry("done", "09:00")},
            {"2026/12/a|zalo:bch": "done"},
        ),
    ],
    ids=[
        "union",
        "finished-beats-sending",
        "finished-beats-newer-failure",
        "newer-wins",
        "removal-kept",
        "removal-loses-to-a-change",
    ],
)
def test_merge_state(base, ours, theirs, expected):
    merged = merge_state(_ledger(**base) if base else None, _ledger(**ours), _ledger(**theirs))
    assert _targets(merged) == expected
    assert json.loads(merged)["version"] == 1


def test_merge_never_reopens_a_finished_target_whatever_the_order():
    for status in FINISHED:
        done = _ledger(a__facebook=_entry(status, "08:00"))
        other = _ledger(a__facebook=_entry("sending", "11:00"))
        assert _targets(merge_state(None, done, other))["2026/12/a|facebook"] == status
        assert _targets(merge_state(None, other, done))["2026/12/a|facebook"] == status


def test_merge_log_keeps_every_line_once_in_order():
    base = '{"n": 1}\n'
    ours = base + '{"n": 2}\n{"n": 3}\n'
    theirs = base + '{"n": 9}\n'
    assert merge_log(base, ours, theirs).splitlines() == [
        '{"n": 1}',
        '{"n": 9}',
        '{"n": 2}',
        '{"n": 3}',
    ]
    assert merge_log(None, None, None) == ""
