"""Every plugin's declared settings in one list, printed by ``tinhoi settings``.

A plugin declares its settings once, as a ``SETTINGS`` tuple of ``schema.Setting`` in the
module named here, and checks them with ``schema.check`` when Pelican starts.
"""

from __future__ import annotations

import argparse
import pprint
import sys
import textwrap
from importlib import import_module

from .schema import Setting

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
            default = pprint.pformat(setting.default, width=60, compact=True, sort_dicts=False)
            lines.append(f"  {setting.name} ({setting.kind_name()}; mặc định: {default})")
            lines += textwrap.wrap(
                setting.description, width=92, initial_indent="      ", subsequent_indent="      "
            )
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="tinhoi settings", description="In các thiết lập, kiểu, mặc định và ý nghĩa."
    )
    parser.parse_args(argv)
    sys.stdout.write(document())
    return 0


if __name__ == "__main__":
    sys.exit(main())
