"""``python -m tinhoi.crosspost preview|send|done|retry|report`` (the Makefile's crosspost-*).

Messages are for the officer, in Vietnamese. Secrets come from the environment only.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from tinhoi.gitrun import GitFailed

from .due import compute
from .files import Busy, locked
from .gitsave import save_ledger
from .kit import relative_paths, write_kit
from .report import write_report
from .send import BUSY_MESSAGE, CANNOT, OK, NoPlan, load_plan, run
from .state import FINISHED, Ledger, StateCorrupt, clock, corrupt_message

CHANNEL_TEXT = {
    "facebook": "Facebook",
    "zalo_oa": "Zalo OA",
    "zalo_bot": "Zalo Bot",
    "kit": "bộ Zalo (dán tay)",
}
ACTION_TEXT = {
    "post": "sẽ đăng",
    "check": "sẽ kiểm tra trên Trang rồi mới đăng",
    "unsure": "chưa rõ kết quả lần trước, sẽ hỏi cán bộ",
    "update": "sẽ sửa nội dung",
    "delete": "sẽ xoá (bài đã gỡ)",
}


def find_article(plan: dict, wanted: str) -> dict:
    """The plan's article named by slug, path (2026/04/slug) or URL."""
    wanted = wanted.strip().rstrip("/")
    matches = [a for a in plan["articles"] if wanted in (a["slug"], a["key"], a["url"].rstrip("/"))]
    if len(matches) == 1:
        return matches[0]
    if matches:
        keys = ", ".join(a["key"] for a in matches)
        raise LookupError(
            f"Có nhiều bài tên “{wanted}”: {keys}. Hãy ghi ARTICLE=<năm>/<tháng>/{wanted}."
        )
    raise LookupError(
        f"Không thấy bài “{wanted}” trong kế hoạch. Kiểm tra tên (Slug) và chạy "
        "lại make publish nếu bài mới viết."
    )


def preview(folder: Path, out=print) -> int:
    plan = load_plan(folder)
    ledger = Ledger(folder, clock)
    due = compute(plan, ledger, clock())
    if not due.works and not due.kit:
        out("Không có gì mới cần gửi.")
    for work in due.works:
        target = work.target
        name = CHANNEL_TEXT[target["channel"]]
        group = f" – nhóm {target['group_name']}" if target.get("group_name") else ""
        out(f"── {name}{group}: {ACTION_TEXT[work.action]} «{work.article['title']}»")
        if work.action in ("post", "update", "check"):
            out(target["text"])
            if target["channel"] == "facebook":
                out(f"[thẻ liên kết: {target['link']}]")
        out("")
    for article, target in due.kit:
        text_path, png_path = (folder / path for path in relative_paths(article, target))
        out(
            f"── Zalo (dán tay) – nhóm {target['group_name']}: «{article['title']}»\n"
            f"   tin: {text_path}\n   mã QR: {png_path}"
        )
    if due.over_cap:
        out(f"(Còn {len(due.over_cap)} tin vượt giới hạn mỗi lần chạy, để lần sau.)")
    if due.future:
        out(f"({len(due.future)} bài hẹn ngày đăng sau.)")
    return OK


def mark(folder: Path, article_name: str, group: str, action: str, out=print) -> int:
    plan = load_plan(folder)
    article = find_article(plan, article_name)
    with locked(folder / ".lock", wait=plan["config"]["lock_wait"]):
        ledger = Ledger(folder, clock)
        targets = [t for t in article["targets"] if t["channel"] != "facebook"]
        if group:
            targets = [t for t in targets if group in (t.get("group"), t["target"])]
            if not targets:
                names = ", ".join(t["group"] for t in article["targets"] if t.get("group"))
                raise LookupError(f"Bài không có nhóm “{group}” (các nhóm của bài: {names}).")
        changed = 0
        for target in targets:
            entry = ledger.entry(article["key"], target["target"]) or {}
            if action == "done" and entry.get("status") not in FINISHED:
                ledger.record(
                    article,
                    target["target"],
                    "done",
                    status="done",
                    via=target["channel"],
                    fingerprint=article["fingerprint"],
                )
                changed += 1
            elif action == "retry" and entry.get("status") in ("failed", "uncertain", "sending"):
                ledger.forget(article, target["target"], "retry")
                changed += 1
        write_kit(folder, plan, ledger.data)
        write_report(folder, plan, ledger.data, clock())
    verb = "đánh dấu đã dán" if action == "done" else "cho gửi lại"
    out(f"Đã {verb} {changed} nhóm cho bài «{article['title']}».")
    return OK


def main(argv=None, environ=None, out=print) -> int:
    parser = argparse.ArgumentParser(
        prog="crosspost", description="Đăng bài mới lên Facebook và Zalo."
    )
    parser.add_argument(
        "--dir",
        type=Path,
        default=Path("crosspost"),
        help="thư mục kế hoạch và trạng thái (mặc định: crosspost)",
    )
    parser.add_argument("--verbose", action="store_true", help="ghi nhật ký chi tiết")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("preview", help="xem trước những gì sẽ gửi, không gửi gì")
    commands.add_parser("send", help="gửi những gì đến hạn")
    commands.add_parser("report", help="viết lại trang báo cáo")
    save = commands.add_parser("save-ledger", help="commit và đẩy sổ đăng bài lên kho (git)")
    save.add_argument("--remote", default="origin")
    save.add_argument("--branch", default="", help="mặc định: nhánh đang dùng")
    for name, text in (
        ("done", "đánh dấu đã dán tin vào nhóm Zalo"),
        ("retry", "cho gửi lại một tin lỗi hoặc chưa rõ kết quả"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("article", help="tên bài (Slug) hoặc năm/tháng/slug")
        command.add_argument("group", nargs="?", default="", help="mã nhóm (bỏ trống: mọi nhóm)")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    environ = os.environ if environ is None else environ
    try:
        if args.command == "send":
            return run(args.dir, environ, out=out)
        if args.command == "save-ledger":
            return save_ledger(args.dir, args.remote, args.branch, out=out)
        if args.command == "preview":
            return preview(args.dir, out)
        if args.command == "report":
            plan = load_plan(args.dir)
            out(str(write_report(args.dir, plan, Ledger(args.dir, clock).data, clock())))
            return OK
        if not args.article:
            out("Hãy ghi tên bài: make crosspost-done ARTICLE=<slug> [GROUP=<mã nhóm>]")
            return CANNOT
        return mark(args.dir, args.article, args.group, args.command, out)
    except (NoPlan, LookupError) as problem:
        out(str(problem))
    except StateCorrupt as error:
        out(corrupt_message(error))
    except Busy:
        out(BUSY_MESSAGE)
    except GitFailed as error:
        out(f"Lỗi git khi lưu sổ đăng bài: {error}")
    return CANNOT


if __name__ == "__main__":
    sys.exit(main())
