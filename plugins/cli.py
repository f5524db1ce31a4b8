"""The ``tinhoi`` command: one entry point for what the Makefile's targets run.

    tinhoi --version
    tinhoi build html|publish [--strict]     (make html, make publish)
    tinhoi check                             (make check)
    tinhoi new|translate …                   (make newpost, make translate)
    tinhoi upstream|import …                 (make upstream, make import-upstream)
    tinhoi serve|preview|deploy …            (make serve, make devserver, make deploy)
    tinhoi crosspost|cms|archive|takedown …  (the other make targets)
    tinhoi settings                          (every declared setting, documented)
    tinhoi new-site <folder>                 (make new-site DIR=…: a new unit's site)
    tinhoi new-province|sites …              (many sites in one repository: make sites)

Each sub-command hands the rest of the line to the plugin's own command line, so
``tinhoi check --help`` shows the same help as ``python -m tinhoi.doctor --help``.
"""

from __future__ import annotations

import argparse
import runpy
import sys

# sub-command → (module, arguments put before the officer's, what it does)
COMMANDS = {
    "build": ("sitebuild", [], "dựng trang (html: xem trên máy, publish: bản công khai)"),
    "check": ("doctor", [], "kiểm tra bài viết, báo lỗi kèm tên tệp và dòng"),
    "new": ("authoring", ["new"], "tạo bài mới (bản nháp)"),
    "translate": ("authoring", ["translate"], "tạo bản tiếng Anh của một bài"),
    "upstream": ("feeds", ["upstream"], "lấy tin mới của Hội cấp trên"),
    "import": ("feeds", ["import"], "tạo bài nháp từ một tin cấp trên"),
    "serve": ("sitebuild.serve", [], "xem thư mục output/ trên máy"),
    "preview": ("sitebuild.preview", [], "xem trước, tự dựng lại khi sửa bài"),
    "deploy": ("sitebuild.deploy", [], "đưa trang lên mạng (zip, rsync, github)"),
    "crosspost": ("crosspost", [], "đăng bài lên Facebook và Zalo"),
    "cms": ("cms", [], "trình soạn thảo trên trình duyệt (install, migrate)"),
    "archive": ("archive", [], "nhập tin cũ của một đơn vị cũ"),
    "takedown": ("takedown", [], "gỡ bài hoặc một ảnh theo yêu cầu"),
    "settings": ("sitebuild.settings_registry", [], "in các thiết lập: kiểu, mặc định, ý nghĩa"),
    "new-site": ("starter", [], "tạo trang tin mới cho một đơn vị trong một thư mục"),
    "new-province": ("province", ["new"], "tạo kho nhiều trang của tỉnh (sites/<mã>/)"),
    "sites": ("province", [], "kho nhiều trang: changed (trang nào đổi), pages (đưa lên)"),
}


def module_name(name: str) -> str:
    """``tinhoi.doctor`` in the package (``doctor`` when plugins/ is on the path)."""
    return f"{__package__}.{name}" if __package__ else name


def parser() -> argparse.ArgumentParser:
    from importlib import import_module

    version = import_module(module_name("sitebuild.package")).version()
    top = argparse.ArgumentParser(prog="tinhoi", description="Tin Hội: trang tin của Hội.")
    top.add_argument("--version", action="version", version=f"tinhoi {version}")
    commands = top.add_subparsers(dest="command", metavar="LỆNH", required=True)
    for name, (_, _, summary) in COMMANDS.items():
        commands.add_parser(name, help=summary, add_help=False)
    return top


def main(argv: list[str] | None = None) -> int:
    args, rest = parser().parse_known_args(argv)
    module, first, _ = COMMANDS[args.command]
    # the plugin's command line reads sys.argv; its own exit status ends the command
    sys.argv = [f"tinhoi {args.command}", *first, *rest]
    runpy.run_module(module_name(module), run_name="__main__")
    return 0
