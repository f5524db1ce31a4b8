"""Settings declared once: name, type, default and meaning, checked in one place.

A plugin lists its settings as ``Setting`` values (its ``SETTINGS`` tuple) and calls
``check`` when Pelican starts. A missing setting gets its default; a wrong one is reported
in Vietnamese, naming the setting, and replaced by its default, so one mistake in
pelicanconf.py never stops the build. ``tinhoi settings`` prints them all
(settings_registry.py).
"""

from __future__ import annotations

import copy
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
}


@dataclass(frozen=True)
class Setting:
    """One setting of pelicanconf.py."""

    name: str
    default: object
    description: str  # in Vietnamese: what it does, for the officer or the maintainer
    kind: type | tuple[type, ...] = object  # accepted types (a bool is never a number)
    rule: Callable[[object], bool] | None = None  # a further condition on a right-typed value
    problem: str = ""  # what the rule asks, in Vietnamese ("phải là địa chỉ https://")

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
        if self.rule is not None and not self.rule(value):
            return self.problem or "không hợp lệ"
        return ""


def check(settings: dict, declared: tuple[Setting, ...]) -> list[str]:
    """Fill in the defaults of ``declared``; replace a wrong value by its default.

    Returns the messages it logged (one per wrong setting).
    """
    messages = []
    for setting in declared:
        if setting.name not in settings:
            # a copy: a build that changes its settings never changes the declaration
            settings[setting.name] = copy.deepcopy(setting.default)
            continue
        fault = setting.fault(settings[setting.name])
        if fault:
            message = f"{setting.name} = {settings[setting.name]!r} {fault}; dùng mặc định"
            logger.error("%s %r.", message, setting.default)
            messages.append(f"{message} {setting.default!r}.")
            settings[setting.name] = copy.deepcopy(setting.default)
    return messages


def defaults(declared: tuple[Setting, ...]) -> dict:
    """``{name: default}`` of ``declared`` (fresh copies)."""
    return {setting.name: copy.deepcopy(setting.default) for setting in declared}
