"""Carry out one piece of due work against its channel, saving the ledger as it goes.

Order for every send: save the intent (``sending``), send, save the answer. A run that
dies in between leaves ``sending`` behind; the next run looks for the post on the Page
before posting again (Facebook), or asks the officer (Zalo, which cannot be asked).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from dataclasses import dataclass

from .channels.facebook import find_post
from .channels.http import ApiError, NotSent, Unknown
from .channels.zalo_oa import TOKEN_INVALID
from .hooks import checkpoint
from .policy import DEFER, DUPLICATE, LATER, REJECT, RETRY, STOP, UNKNOWN, Decision, decide

logger = logging.getLogger(__name__)
NAMES = {"facebook": "Facebook", "zalo_oa": "Zalo OA", "zalo_bot": "Zalo Bot"}


@dataclass
class Outcome:
    work: object
    kind: str  # sent, duplicate, updated, deleted, reconciled, deferred, failed, stopped…
    message: str = ""
    officer: bool = False  # the officer must act


def where(work) -> str:
    target = work.target
    if target["channel"] == "facebook":
        return "Facebook"
    return f"{NAMES[target['channel']]} – nhóm {target.get('group_name') or target['target']}"


class Deliverer:
    def __init__(self, ledger, channels: dict, config: dict, now, sleep, rng=None):
        self.ledger, self.channels, self.config = ledger, channels, config
        self.now, self.sleep = now, sleep
        self.rng = rng or random.Random()
        self.blocked: dict[str, Outcome] = {}  # channel → why it stopped for this run

    # ------------------------------------------------------------ helpers
    def _backoff(self, attempt: int) -> float:
        base = self.config["backoff"] * (2**attempt)
        return min(base, self.config["backoff_max"]) * self.rng.uniform(0.5, 1.5)

    def _tries(self, call):
        """Run ``call`` with bounded retries of transient failures.

        Returns ``("ok", value)``, ``("unknown", None)``, ``("decision", Decision)`` or
        ``("exhausted", None)``."""
        tries = max(1, int(self.config["retries"]))
        for attempt in range(tries):
            try:
                return "ok", call()
            except NotSent as error:
                logger.info("crosspost: not sent, will retry: %s", error)
            except Unknown as error:
                logger.warning("crosspost: outcome unknown: %s", error)
                return "unknown", None
            except ApiError as error:
                logger.warning("crosspost: %s (trace %s)", error, error.trace or "-")
                decision = decide(error)
                if decision.kind == UNKNOWN:
                    return "unknown", None
                if decision.kind != RETRY:
                    return "decision", decision
            if attempt + 1 < tries:
                self.sleep(self._backoff(attempt))
        return "exhausted", None

    def _stop(self, work, decision: Decision) -> Outcome:
        channel = work.channel
        if decision.kind == DEFER:
            if decision.pause_minutes > 0:
                until = self.now() + dt.timedelta(minutes=decision.pause_minutes)
                self.ledger.pause_channel(channel, until, "rate limit")
            outcome = Outcome(
                work,
                "deferred",
                f"{NAMES[channel]} đang giới hạn lượt gọi; tạm dừng, lần chạy sau sẽ gửi tiếp.",
            )
        else:
            outcome = Outcome(work, "stopped", decision.message, officer=True)
        self.blocked[channel] = outcome
        return outcome

    def _restore(self, work, event: str) -> None:
        """The send did not happen: put back what the ledger held before the intent."""
        previous = work.entry
        if previous and previous.get("status") != "sending":
            fields = {k: v for k, v in previous.items() if k != "at"}
            self.ledger.record(work.article, work.target["target"], event, **fields)
        else:
            self.ledger.forget(work.article, work.target["target"], event)

    def _failed(self, work, decision: Decision) -> Outcome:
        retry = decision.kind == LATER
        self.ledger.record(
            work.article,
            work.target["target"],
            "failed",
            status="failed",
            via=work.channel,
            retry=retry,
            reason=decision.message,
            fingerprint=work.article["fingerprint"],
        )
        return Outcome(work, "failed", decision.message, officer=True)

    def _sent(self, work, remote_id: str, event: str = "sent") -> Outcome:
        permalink = (
            self.channels["facebook"].permalink(remote_id) if work.channel == "facebook" else None
        )
        self.ledger.record(
            work.article,
            work.target["target"],
            event,
            status="sent",
            via=work.channel,
            id=remote_id or None,
            url=permalink,
            fingerprint=work.article["fingerprint"],
        )
        if work.channel == "facebook":
            self._watch_usage(work)
        return Outcome(work, "reconciled" if event == "reconciled" else "sent")

    def _watch_usage(self, work) -> None:
        highest, regain = self.channels["facebook"].usage
        if highest >= self.config["usage_limit"]:
            self._stop(work, Decision(DEFER, "", regain))
            logger.warning("crosspost: Graph usage at %.0f%%, stopping for this run", highest)

    # ------------------------------------------------------------ actions
    def handle(self, work) -> Outcome:
        if work.channel in self.blocked:
            first = self.blocked[work.channel]
            return Outcome(work, first.kind, "", first.officer)
        return getattr(self, "_" + work.action)(work)

    def _unsure(self, work) -> Outcome:
        self.ledger.record(
            work.article,
            work.target["target"],
            "uncertain",
            status="uncertain",
            via=work.channel,
            fingerprint=work.article["fingerprint"],
        )
        return Outcome(work, "uncertain", _ask_officer(work), officer=True)

    def _check(self, work) -> Outcome:
        found = self._lookup(work)
        if found is None:
            return Outcome(
                work,
                "deferred",
                "Chưa kiểm tra được bài đã lên Facebook chưa; "
                "lần chạy sau sẽ kiểm tra lại trước khi đăng.",
            )
        if found:
            return self._sent(work, str(found.get("id", "")), "reconciled")
        return self._post(work, intent=False)

    def _lookup(self, work):
        """The Page's post carrying the article link, {} when absent, None if unknown."""
        state, posts = self._tries(lambda: self.channels["facebook"].recent_posts())
        if state != "ok":
            return None
        return find_post(posts, work.target["link"]) or {}

    def _post(self, work, intent: bool = True) -> Outcome:
        channel = work.channel
        adapter = self.channels[channel]
        target, article = work.target, work.article
        if channel == "facebook" and self.config["facebook_scrape"]:
            self._tries(lambda: adapter.scrape(target["link"]))
        if intent:
            self.ledger.record(
                article,
                target["target"],
                "intent",
                status="sending",
                via=channel,
                fingerprint=article["fingerprint"],
            )
        if channel == "facebook":
            state, value = self._tries(lambda: adapter.post(target["text"], target["link"]))
        else:
            state, value = self._tries(lambda: self._zalo_send(work))
        if state == "ok":
            checkpoint("after-send")
            return self._sent(work, value)
        if state == "unknown":
            if channel != "facebook":
                return self._unsure(work)
            found = self._lookup(work)
            if found:
                return self._sent(work, str(found.get("id", "")), "reconciled")
            return Outcome(
                work,
                "deferred",
                "Chưa rõ bài đã lên Facebook chưa; lần chạy sau "
                "sẽ kiểm tra trên Trang trước khi đăng lại.",
            )
        if state == "exhausted":
            self._restore(work, "retry-later")
            return Outcome(
                work,
                "deferred",
                f"{NAMES[channel]} đang trục trặc tạm thời; lần chạy sau sẽ thử lại.",
            )
        decision = value
        if decision.kind == DUPLICATE:
            self.ledger.record(
                article,
                target["target"],
                "duplicate",
                status="duplicate",
                via=channel,
                fingerprint=article["fingerprint"],
            )
            return Outcome(work, "duplicate")
        if decision.kind in (DEFER, STOP):
            self._restore(work, "not-sent")
            return self._stop(work, decision)
        if decision.kind in (REJECT, LATER):
            return self._failed(work, decision)
        self._restore(work, "not-sent")
        return Outcome(work, "failed", decision.message, officer=True)

    def _zalo_send(self, work) -> str:
        adapter, target = self.channels[work.channel], work.target
        try:
            return adapter.send(target["remote"], target["text"])
        except ApiError as error:
            if error.code != TOKEN_INVALID or work.channel != "zalo_oa" or adapter.refreshed:
                raise
        # refused before anything was sent: no intent stands while the token is renewed
        self.ledger.forget(work.article, target["target"], "token-refused")
        adapter.refresh()
        self.ledger.record(
            work.article,
            target["target"],
            "intent",
            status="sending",
            via=work.channel,
            fingerprint=work.article["fingerprint"],
        )
        return adapter.send(target["remote"], target["text"])

    def _update(self, work) -> Outcome:
        adapter = self.channels["facebook"]
        state, value = self._tries(lambda: adapter.update(work.entry["id"], work.target["text"]))
        if state == "ok":
            fields = {k: v for k, v in work.entry.items() if k != "at"}
            fields.update(
                fingerprint=work.article["fingerprint"],
                updated=self.now().isoformat(timespec="seconds"),
            )
            self.ledger.record(work.article, "facebook", "updated", **fields)
            return Outcome(work, "updated")
        if state == "decision" and value.kind in (DEFER, STOP):
            return self._stop(work, value)
        message = value.message if state == "decision" else ""
        self.ledger.log("update-failed", work.article["key"], "facebook", reason=message)
        return Outcome(
            work,
            "deferred",
            "Chưa sửa được nội dung bài trên Facebook; lần chạy sau sẽ thử lại. " + message,
        )

    def _deleted(self, work, **extra) -> Outcome:
        self.ledger.record(
            work.article,
            "facebook",
            "deleted",
            status="deleted",
            via="facebook",
            id=work.entry["id"],
            **extra,
        )
        return Outcome(work, "deleted")

    def _delete(self, work) -> Outcome:
        adapter = self.channels["facebook"]
        state, value = self._tries(lambda: adapter.delete(work.entry["id"]))
        if state == "ok" and work.article.get("cover") and self.config["facebook_scrape"]:
            # the article stays with another card: new shares should not show the old one
            self._tries(lambda: adapter.scrape(work.article["url"]))
        if state == "ok":
            return self._deleted(work)
        if state == "decision" and value.kind in (DEFER, STOP):
            return self._stop(work, value)
        if state == "decision" and value.kind == REJECT and work.article.get("takedown"):
            # Graph's #100 on a delete: no such post any more (removed by hand on the Page)
            return self._deleted(work, reason="bài đã không còn trên Facebook")
        return Outcome(work, "deferred", "Chưa xoá được bài trên Facebook; lần sau thử lại.")


def _ask_officer(work) -> str:
    return (
        f"Không rõ tin «{work.article['title']}» đã tới {where(work)} chưa (mất kết nối "
        "sau khi gửi). Hãy mở nhóm kiểm tra: nếu đã có, chạy "
        f"make crosspost-done ARTICLE={work.article.get('slug', work.article['key'])} "
        f"GROUP={work.target.get('group', '')}; nếu chưa có, chạy make crosspost-retry "
        "với cùng ARTICLE và GROUP để gửi lại."
    )
