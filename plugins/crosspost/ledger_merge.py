"""Three-way merge of the ledger, for two runs that saved it from different checkouts.

Nothing is ever dropped: every article and target of either side survives, a finished
target (posted, duplicate, done by hand) always beats an unfinished one (so no merge can
make a later run post again), and otherwise the newer entry wins. An entry only goes
away when one side removed it and the other left it as it was. The log is append-only:
the other side's lines first, then ours that it does not have.
"""

from __future__ import annotations

import json

from .state import FINISHED, STATE_VERSION


def _empty() -> dict:
    return {"version": STATE_VERSION, "articles": {}, "channels": {}}


def _load(text: str | None) -> dict:
    if not text:
        return _empty()
    data = json.loads(text)
    data.setdefault("articles", {})
    data.setdefault("channels", {})
    return data


def _pick(ours: dict, theirs: dict) -> dict:
    ours_done, theirs_done = ours.get("status") in FINISHED, theirs.get("status") in FINISHED
    if ours_done != theirs_done:
        return ours if ours_done else theirs
    return ours if str(ours.get("at", "")) >= str(theirs.get("at", "")) else theirs


def _merge_entries(base: dict, ours: dict, theirs: dict) -> dict:
    merged = {}
    for name in sorted(set(base) | set(ours) | set(theirs)):
        mine, other, old = ours.get(name), theirs.get(name), base.get(name)
        if mine is None and other is None:
            continue
        if mine is None:  # we removed it: keep the removal only if they did not touch it
            if other != old:
                merged[name] = other
        elif other is None:
            if mine != old:
                merged[name] = mine
        else:
            merged[name] = _pick(mine, other)
    return merged


def merge_state(base: str | None, ours: str | None, theirs: str | None) -> str:
    """The merged ``state.json`` text (same layout as the one the ledger writes)."""
    old, mine, other = _load(base), _load(ours), _load(theirs)
    articles = {}
    for key in sorted(set(mine["articles"]) | set(other["articles"]) | set(old["articles"])):
        a = mine["articles"].get(key) or {}
        b = other["articles"].get(key) or {}
        o = old["articles"].get(key) or {}
        targets = _merge_entries(o.get("targets", {}), a.get("targets", {}), b.get("targets", {}))
        if not targets:
            continue
        node = {**o, **b, **a, "targets": targets}
        articles[key] = node
    channels = {**other["channels"], **mine["channels"]}
    for name in set(old["channels"]) - set(mine["channels"]):
        if other["channels"].get(name) == old["channels"][name]:
            channels.pop(name, None)  # we resumed it, they did not change it
    data = {**old, **other, **mine, "articles": articles, "channels": channels}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def merge_log(base: str | None, ours: str | None, theirs: str | None) -> str:
    """The other side's log, then our lines it lacks, in our order."""
    have = (theirs or "").splitlines()
    known = set(have) | set((base or "").splitlines())
    extra = [line for line in (ours or "").splitlines() if line not in known]
    lines = have + extra
    return "\n".join(lines) + "\n" if lines else ""
