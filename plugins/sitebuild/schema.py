"""Settings declared once: name, type, default and meaning, checked in one place.

A plugin lists its settings as ``Setting`` values (its ``SETTINGS`` tuple) and calls
``check`` when Pelican starts. A missing setting gets its default; a wrong one is reported
in Vietnamese, naming the setting, and replaced by its default, so one mistake in
pelicanconf.py never stops the build. A table (``MEDIA``, ``CROSSPOST``) declares its keys
as ``Setting`` values too (``table``): each key is checked alone and named as the officer
writes it (``MEDIA["widths"]``), a key no part reads is reported with the closest known
one. ``tinhoi settings`` prints them all (settings_registry.py).
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import logging
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)

# what each type is called in a message and in the printed documentation
KIND_NAMES = {
    bool: "True hoặc False",
    int: "một số nguyên",
    float: "một số",
    str: "một chuỗi",
    list: "một danh sách",
    tuple: "một danh sách",
    dict: "một bảng (dict)",
    dt.date: "một ngày",
    type(None): "None",
}


@dataclass(frozen=True)
class Setting:
    """One setting of pelicanconf.py."""

    name: str
    default: object
    description: str  # in Vietnamese: what it does, for the officer or the maintainer
    kind: type | tuple[type, ...] = object  # accepted types (a bool is never a number)
    # a further condition on a right-typed value: True when right; False (then ``problem``
    # says what it asks) or a sentence saying what is wrong ('' when right)
    rule: Callable[[object], bool | str] | None = None
    problem: str = ""  # what the rule asks, in Vietnamese ("phải là địa chỉ https://")
    keys: tuple[Setting, ...] = ()  # a table's keys, each checked alone (``table``)
    each: Setting | None = None  # a table of any keys: what each value must be
    item: Setting | None = None  # a list: what each item must be (a wrong one is left out)
    clean: Callable[[object], object] | None = None  # the form kept of a right value

    def kinds(self) -> tuple[type, ...]:
        return self.kind if isinstance(self.kind, tuple) else (self.kind,)

    def kind_name(self) -> str:
        kinds = self.kinds()
        if float in kinds:  # "a number" says it all
            kinds = tuple(kind for kind in kinds if kind is not int)
        names = dict.fromkeys(KIND_NAMES.get(kind, kind.__name__) for kind in kinds)
        return " hoặc ".join(names)

    def fault(self, value) -> str:
        """What is wrong with ``value`` ('' when it is right)."""
        kinds = self.kinds()
        right_type = object in kinds or (
            isinstance(value, kinds) and (bool in kinds or not isinstance(value, bool))
        )
        if not right_type:
            return f"phải là {self.kind_name()}"
        verdict = True if self.rule is None else self.rule(value)
        if isinstance(verdict, str):
            return verdict
        return "" if verdict else self.problem or "không hợp lệ"


def number(low: float, high: float | None = None, whole: bool = True) -> dict:
    """``kind``, ``rule`` and ``problem`` of a number from ``low`` to ``high`` (or at least
    ``low``), a whole one if ``whole``: ``Setting(name, 5, "…", **number(0))``."""
    kind = "nguyên " if whole else ""
    if high is None:
        problem = f"phải là số {kind}≥ {low:g}"
    else:
        problem = f"phải là số {kind}từ {low:g} đến {high:g}"

    def rule(value) -> bool:
        return low <= value and (high is None or value <= high)

    return {"kind": int if whole else (int, float), "rule": rule, "problem": problem}


def positive(whole: bool = True) -> dict:
    """``kind``, ``rule`` and ``problem`` of a number above 0 (a whole one if ``whole``)."""
    return {
        "kind": int if whole else (int, float),
        "rule": lambda value: value > 0,
        "problem": "phải là số nguyên dương" if whole else "phải lớn hơn 0",
    }


def table(name: str, description: str, keys: tuple[Setting, ...]) -> Setting:
    """A setting that is a dict of ``keys``; a key not written keeps its default."""
    return Setting(name, defaults(keys), description, dict, keys=keys)


def label(parent: str, key) -> str:
    """``MEDIA["widths"]``: a key as the officer writes it."""
    return f'{parent}["{key}"]' if isinstance(key, str) else f"{parent}[{key!r}]"


def tell(messages: list[str], message: str, level: int = logging.ERROR) -> None:
    """Log ``message`` (the officer's mistake in a setting) and add it to ``messages``."""
    logger.log(level, "%s", message)
    messages.append(message)


def _checked(setting: Setting, name: str, value, messages: list[str]):
    """What to keep of ``value``, written ``name``: itself (cleaned) or the default."""
    fault = setting.fault(value)
    if fault:
        # a table's whole default is long: its keys are printed by ``tinhoi settings``
        default = "của mọi khoá (make settings)" if setting.keys else repr(setting.default)
        message = f"{name} = {value!r} {fault}; dùng mặc định {default}."
        tell(messages, message)
        # a copy: a build that changes its settings never changes the declaration
        return copy.deepcopy(setting.default)
    if setting.keys:
        value = _checked_table(setting, name, value, messages)
    elif setting.each is not None:
        value = {
            key: _checked(setting.each, label(name, key), item, messages)
            for key, item in value.items()
        }
    elif setting.item is not None and isinstance(value, (list, tuple)):
        value = type(value)(_checked_items(setting.item, name, value, messages))
    return setting.clean(value) if setting.clean is not None else value


def _checked_items(item: Setting, name: str, values, messages: list[str]) -> list:
    """The right items of a list; each wrong one is told and left out, the others kept
    (one misspelt target must not stop the category's other posts)."""
    kept = []
    for index, value in enumerate(values):
        fault = item.fault(value)
        if not fault:
            kept.append(item.clean(value) if item.clean is not None else value)
            continue
        tell(messages, f"{name}[{index}] = {value!r} {fault}; bỏ qua mục này.")
    return kept


def _checked_table(setting: Setting, name: str, value: dict, messages: list[str]) -> dict:
    known = {key.name: key for key in setting.keys}
    result = {}
    for key in setting.keys:
        if key.name in value:
            result[key.name] = _checked(key, label(name, key.name), value[key.name], messages)
        else:
            result[key.name] = copy.deepcopy(key.default)
    for written in value:
        if written in known:
            continue
        close = difflib.get_close_matches(str(written), list(known), n=1, cutoff=0.6)
        hint = f"; có phải ý bạn là {label(name, close[0])}?" if close else ""
        message = f"không có thiết lập nào tên {label(name, written)}, nên nó bị bỏ qua{hint}"
        tell(messages, message, logging.WARNING)
    return result


def check(settings: dict, declared: tuple[Setting, ...]) -> list[str]:
    """Fill in the defaults of ``declared``; replace a wrong value by its default.

    A table's keys are checked one by one: a wrong key gets its own default, the others
    stay. Returns the messages it logged (one per wrong setting or key, one per unknown key).
    """
    messages: list[str] = []
    for setting in declared:
        if setting.name not in settings:
            # a copy: a build that changes its settings never changes the declaration
            settings[setting.name] = copy.deepcopy(setting.default)
            continue
        settings[setting.name] = _checked(setting, setting.name, settings[setting.name], messages)
    return messages


def checked_value(setting: Setting, value) -> tuple[object, list[str]]:
    """``value`` of ``setting`` (None: not set) checked alone; the messages logged."""
    given = {} if value is None else {setting.name: value}
    messages = check(given, (setting,))
    return given[setting.name], messages


def defaults(declared: tuple[Setting, ...]) -> dict:
    """``{name: default}`` of ``declared`` (fresh copies)."""
    return {setting.name: copy.deepcopy(setting.default) for setting in declared}
