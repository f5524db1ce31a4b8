"""Every plugin's declared settings in one list, printed by ``tinhoi settings``.

A plugin declares its settings once, as a ``SETTINGS`` tuple of ``schema.Setting`` in the
module named here, and checks them with ``schema.check`` when Pelican starts (the doctor's
when ``make check`` reads the site). A table's keys (``MEDIA``, ``CROSSPOST``) are printed
one by one, as the officer writes them: ``MEDIA["widths"]``.
"""

from __future__ import annotations

import argparse
import pprint
import sys
import textwrap
from importlib import import_module
from pathlib import Path

from .schema import Setting, label

# plugin → (its settings module, what the plugin does)
REGISTRY = {
    "sitebuild": (
        "sitebuild.core_settings",
        "trang: địa chỉ, ngôn ngữ, ảnh, đăng bài, tìm kiếm (tên khác theo Pelican)",
    ),
    "unitdata": ("unitdata.settings", "dữ liệu của đơn vị (content/data/*.yml)"),
    "cms": ("cms.settings", "trình soạn thảo trên trình duyệt (/admin/)"),
    "feeds": ("feeds.upstream_config", "tin của Hội cấp trên"),
    "themekit": ("themekit.config", "giao diện: tin liên quan, chia sẻ, tên ngôn ngữ"),
    "media": ("media.settings", "ảnh: bản thu nhỏ, định dạng, ảnh chia sẻ (từng khoá của MEDIA)"),
    "crosspost": ("crosspost.settings", "đăng lên Facebook và Zalo (từng khoá của CROSSPOST)"),
    "doctor": ("doctor.settings", "make check: ngưỡng nhắc về tóm tắt và ảnh"),
}


def _module(name: str) -> str:
    """``tinhoi.cms.settings`` in the package (``cms.settings`` when plugins/ is the path)."""
    parent = __package__.rpartition(".")[0]
    return f"{parent}.{name}" if parent else name


def declared() -> dict[str, tuple[Setting, ...]]:
    """Each registered plugin's settings, in the order they are declared."""
    return {
        plugin: import_module(_module(module)).SETTINGS for plugin, (module, _) in REGISTRY.items()
    }


def document() -> str:
    """The settings as plain text: name, type, default, meaning; plugin by plugin."""
    lines = ["Các thiết lập trong pelicanconf.py (không đặt: dùng giá trị mặc định).", ""]
    for plugin, settings in declared().items():
        lines += [f"{plugin}: {REGISTRY[plugin][1]}", ""]
        for setting in settings:
            lines += _described(setting, setting.name, "  ")
        lines.append("")
    return "\n".join(lines)


def _described(setting: Setting, name: str, indent: str) -> list[str]:
    """A setting's lines (a table's keys under it, as the officer writes them)."""
    if setting.keys:
        default = "từng khoá dưới đây"
    elif isinstance(setting.default, str):
        default = repr(setting.default)  # one line, as the officer would write it
    else:
        default = pprint.pformat(setting.default, width=60, compact=True, sort_dicts=False)
    # a file of the package (a font) by where it is in the package, not on this machine
    default = default.replace(str(Path(__file__).resolve().parents[1]), "<tinhoi>")
    lines = [f"{indent}{name} ({setting.kind_name()}; mặc định: {default})"]
    text_indent = indent + "    "
    lines += textwrap.wrap(
        setting.description,
        width=96 - len(indent),
        initial_indent=text_indent,
        subsequent_indent=text_indent,
    )
    for key in setting.keys:
        lines += _described(key, label(name, key.name), indent + "  ")
    if setting.each is not None:
        lines += _described(setting.each, label(name, "…"), indent + "  ")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="tinhoi settings", description="In các thiết lập, kiểu, mặc định và ý nghĩa."
    )
    parser.parse_args(argv)
    sys.stdout.write(document())
    return 0


if __name__ == "__main__":
    sys.exit(main())
