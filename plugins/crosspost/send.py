"""``make crosspost``: send what is due, one target at a time, and say what happened.

Exit status: 0 when everything due was sent or cleanly deferred (rate limits, passing
trouble, Zalo kit items waiting for the officer); 1 when the officer must act (a token,
a permission, an article not online, a send of unknown outcome); 2 when nothing could
be done at all (no plan, another run in progress, a corrupt ledger).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import time
from pathlib import Path

from .channels.facebook import Facebook
from .channels.http import Http
from .channels.zalo_bot import ZaloBot
from .channels.zalo_oa import ZaloOA
from .deliver import NAMES, Deliverer, Outcome, where
from .due import compute
from .env import Secrets, masked_logging
from .files import Busy, locked, write_json
from .report import write_report
from .state import PLAN_FILE, Ledger, StateCorrupt, clock, corrupt_message
from .token_vault import seal, unseal

logger = logging.getLogger(__name__)
LAST_RUN_FILE = "last-run.json"
OK, ACT, CANNOT = 0, 1, 2
ICONS = {
    "sent": "✔",
    "reconciled": "✔",
    "duplicate": "✔",
    "updated": "✎",
    "deleted": "✔",
    "deferred": "⏸",
}
DONE_TEXT = {
    "sent": "đã đăng",
    "reconciled": "đã có sẵn (tìm thấy trên Trang, không đăng lại)",
    "duplicate": "Facebook báo đã có bài này; ghi là đã đăng",
    "updated": "đã sửa nội dung",
    "deleted": "đã xoá vì bài đã gỡ khỏi trang",
}


class NoPlan(Exception):
    pass


def load_plan(folder: Path) -> dict:
    path = Path(folder) / PLAN_FILE
    if not path.exists():
        raise NoPlan(f"Chưa có kế hoạch đăng bài ({path}). Hãy chạy make publish trước.")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        raise NoPlan(f"Tệp kế hoạch {path} bị hỏng. Hãy chạy lại make publish.") from None


BUSY_MESSAGE = (
    "Một lượt gửi khác đang chạy (có thể ở cửa sổ khác). Hãy đợi lượt đó xong "
    "rồi chạy lại make crosspost."
)


def _adapters(due, secrets: Secrets, http: Http, folder: Path) -> tuple[dict, dict]:
    needed = {work.channel for work in due.works}
    made = {
        "facebook": lambda: Facebook(http, secrets),
        "zalo_oa": lambda: ZaloOA(http, secrets, folder),
        "zalo_bot": lambda: ZaloBot(http, secrets),
    }
    channels, missing = {}, {}
    for name in sorted(needed):
        adapter = made[name]()
        channels[name] = adapter
        if adapter.missing():
            missing[name] = ", ".join(adapter.missing())
    return channels, missing


def _line(outcome: Outcome) -> str:
    work = outcome.work
    title = work.article["title"]
    if outcome.kind in DONE_TEXT:
        return f"✔ {where(work)}: {DONE_TEXT[outcome.kind]} «{title}»."
    icon = ICONS.get(outcome.kind, "✖")
    detail = outcome.message or "chưa gửi (xem lý do ở trên)."
    return f"{icon} {where(work)}: «{title}» — {detail}"


def _deliver(due, plan, ledger, secrets, http, folder, now, sleep) -> list[Outcome]:
    config = plan["config"]
    channels, missing = _adapters(due, secrets, http, folder)
    deliverer = Deliverer(ledger, channels, config, now, sleep)
    for name, variables in missing.items():
        deliverer.blocked[name] = Outcome(
            None,
            "stopped",
            (
                f"Chưa đặt biến môi trường {variables} nên chưa gửi được lên {NAMES[name]}. "
                "Hãy đặt biến rồi chạy lại make crosspost."
            ),
            officer=True,
        )
    for name in channels:
        paused = ledger.channel_pause(name)
        if paused and dt.datetime.fromisoformat(paused) > now():
            deliverer.blocked[name] = Outcome(
                None,
                "deferred",
                (
                    f"{NAMES[name]} tạm dừng đến {paused[11:16]} ngày {paused[8:10]}/"
                    f"{paused[5:7]} vì giới hạn lượt gọi."
                ),
            )
    live: dict[str, int] = {}
    outcomes = []
    for work in due.works:
        blocked = deliverer.blocked.get(work.channel)
        if blocked is not None:
            first = not any(
                o.work is not None and o.kind == blocked.kind and o.work.channel == work.channel
                for o in outcomes
            )
            outcomes.append(
                Outcome(work, blocked.kind, blocked.message if first else "", blocked.officer)
            )
            continue
        url = work.article["url"]
        if work.action == "delete" and work.article.get("takedown"):
            pass  # removed on request: the record in the repository is the decision
        elif work.action == "delete":
            status = live.setdefault(url, http.get_status(url))
            if status not in (404, 410):
                continue  # still online (or unknown): never delete on a guess
        elif config["live_check"] and work.action in ("post", "update", "check"):
            status = live.setdefault(url, http.get_status(url))
            if status != 200:
                outcomes.append(
                    Outcome(
                        work,
                        "offline",
                        (
                            f"bài chưa có trên trang ({url} trả về "
                            f"{status or 'không kết nối được'}). Hãy đưa bản mới lên mạng (deploy) "
                            "rồi chạy lại make crosspost."
                        ),
                        officer=True,
                    )
                )
                continue
        outcomes.append(deliverer.handle(work))
    return outcomes


def summary(due, outcomes: list[Outcome], folder: Path) -> list[str]:
    lines = [_line(o) for o in outcomes if o.work is not None]
    for article, target, entry in due.attention:
        reason = entry.get("reason") or "không rõ tin đã tới nhóm chưa; hãy kiểm tra."
        lines.append(f"✖ {target['target']}: «{article['title']}» — {reason}")
    if due.over_cap:
        lines.append(
            f"⏸ Còn {len(due.over_cap)} tin vượt giới hạn mỗi lần chạy; lần chạy sau sẽ gửi tiếp."
        )
    if due.future:
        lines.append(f"⏸ {len(due.future)} bài hẹn ngày đăng sau; sẽ gửi khi đến ngày.")
    if due.kit:
        groups = sorted({target.get("group_name", "") for _, target in due.kit})
        lines.append(
            f"📋 {len(due.kit)} tin chờ dán vào Zalo ({', '.join(groups)}): mở "
            f"{folder / 'bao-cao.html'}; dán xong chạy make crosspost-done."
        )
    if not lines:
        lines.append("Không có gì mới cần gửi.")
    return lines


def run(folder, environ, now=clock, sleep=time.sleep, out=print) -> int:
    """Send everything due; print the summary; return the exit status."""
    folder = Path(folder)
    try:
        plan = load_plan(folder)
    except NoPlan as problem:
        out(str(problem))
        return CANNOT
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(locked(folder / ".lock", wait=plan["config"]["lock_wait"]))
        except Busy:
            out(BUSY_MESSAGE)
            return CANNOT
        try:
            ledger = Ledger(folder, now)
        except StateCorrupt as error:
            out(corrupt_message(error))
            return CANNOT
        secrets = Secrets.from_env(environ)
        stack.enter_context(masked_logging(secrets))
        unseal(folder, secrets)
        stack.callback(seal, folder, secrets)  # also when the run fails
        due = compute(plan, ledger, now())
        http = Http(plan["config"]["timeout"], secrets.mask)
        stack.callback(http.close)
        outcomes = _deliver(due, plan, ledger, secrets, http, folder, now, sleep)
        lines = [secrets.mask(line) for line in summary(due, outcomes, folder)]
        officer = any(o.officer for o in outcomes) or bool(due.attention)
        write_json(
            folder / LAST_RUN_FILE,
            {"at": now().isoformat(timespec="seconds"), "lines": lines, "act": officer},
        )
        write_report(folder, plan, ledger.data, now())
    out(f"Kết quả gửi bài ({now():%H:%M %d/%m/%Y}):")
    for line in lines:
        out("  " + line)
    if officer:
        out("Cần xử lý các mục ✖ ở trên, rồi chạy lại make crosspost.")
    return ACT if officer else OK
