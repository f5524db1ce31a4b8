"""The plan, kit and report written by a real publish build (no network)."""

from __future__ import annotations

import json
import unicodedata

import pytest
from crosspost_helpers import (
    add,
    content,
    environment,
    fake,
    feed_posts,
    live,
    publish,
    published,
    send,
)

from tests.conftest import run_build


def _plan(tmp_path):
    return json.loads((tmp_path / "crosspost" / "plan.json").read_text(encoding="utf-8"))


def _targets(plan, key):
    [article] = [a for a in plan["articles"] if a["key"] == key]
    return {t["target"]: t for t in article["targets"]}


def test_publish_writes_plan_kit_and_report_outside_output(tmp_path, content):
    add(
        content,
        "dai-hoi",
        "Đại hội đại biểu phụ nữ",
        tags="Chuyển đổi số, Phụ nữ",
        branches="chi-hoi-6",
    )
    site = publish(tmp_path, content, "https://hoi.example.vn")
    assert site.result.ok
    targets = _targets(_plan(tmp_path), "2026/11/dai-hoi")
    assert set(targets) == {"facebook", "zalo:ban-chap-hanh", "zalo:chi-hoi-6"}
    assert targets["facebook"]["link"] == "https://hoi.example.vn/2026/11/dai-hoi/"
    assert "#ChuyểnĐổiSố" in targets["facebook"]["text"]
    zalo = targets["zalo:chi-hoi-6"]
    assert zalo["group_name"] == "Chi hội thôn Đông" and zalo["channel"] == "kit"
    assert "\n👉 Xem bài: https://hoi.example.vn/2026/11/dai-hoi/\n" in zalo["text"]
    kit = tmp_path / "crosspost" / "kit" / "2026-11-dai-hoi"
    assert (kit / "chi-hoi-6.txt").read_text(encoding="utf-8") == zalo["text"] + "\n"
    assert (kit / "chi-hoi-6.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    report = (tmp_path / "crosspost" / "bao-cao.html").read_text(encoding="utf-8")
    assert "Chi hội thôn Đông" in report and "Sao chép tin" in report
    assert "make crosspost-done ARTICLE=dai-hoi GROUP=chi-hoi-6" in report
    everything = "".join(p.read_text(errors="replace") for p in site.output.rglob("*.html"))
    assert "BCH Hội LHPN xã" not in everything and "bao-cao" not in everything


def test_eligibility(tmp_path, content):
    add(content, "moi", "Bài mới")
    add(content, "moi", "New article", lang="en", summary="An English summary.")
    add(content, "nhap", "Bản nháp", status="draft")
    add(content, "khong", "Không đăng", crosspost="no")
    add(content, "cu", "Bài cũ", date="2025-12-31 23:00 +07:00")
    add(content, "hen", "Hẹn ngày", date="2030-01-01 08:00 +07:00")
    site = publish(tmp_path, content, "https://hoi.example.vn")
    assert site.result.ok
    plan = _plan(tmp_path)
    # a future article is not published yet: out of the plan until a build after its time
    assert [a["key"] for a in plan["articles"]] == ["2026/11/moi"]
    assert all("/en/" not in t["link"] for a in plan["articles"] for t in a["targets"])
    reasons = {item["key"]: item["reason"] for item in plan["excluded"]}
    assert "Crosspost: no" in reasons["2026/11/khong"]
    assert "2026-01-01" in reasons["2025/12/cu"]
    titles = {item["key"]: item["title"] for item in plan["excluded"]}
    assert titles == {"2026/11/khong": "Không đăng", "2025/12/cu": "Bài cũ"}
    assert [item["key"] for item in plan["unpublished"]] == ["2026/11/nhap", "2030/01/hen"]


def test_future_article_waits_for_its_date(tmp_path, content, live, fake):
    add(content, "hen", "Hẹn ngày", date="2030-01-01 08:00 +07:00")
    folder = published(tmp_path, content, live)
    code, lines = send(folder, environment(fake))
    assert code == 0 and fake.api_requests() == [], lines
    # not published yet, so not planned: the hourly build after its time plans it
    assert [item["key"] for item in _plan(tmp_path)["unpublished"]] == ["2030/01/hen"]


def test_zalo_metadata_picks_groups_and_branch_groups(tmp_path, content):
    add(content, "a", "Bài A", zalo="nhom-van-nghe, chi-hoi-1")
    add(content, "b", "Bài B", zalo="không", branches="chi-hoi-6")
    add(content, "c", "Bài C", category="tuyen-truyen")
    publish(
        tmp_path,
        content,
        "https://hoi.example.vn",
        targets={"*": ["facebook", "zalo:ban-chap-hanh"], "tuyen-truyen": ["facebook"]},
    )
    plan = _plan(tmp_path)
    assert set(_targets(plan, "2026/11/a")) == {"facebook", "zalo:nhom-van-nghe", "zalo:chi-hoi-1"}
    assert _targets(plan, "2026/11/a")["zalo:chi-hoi-1"]["group_name"] == "Chi hội KP1"
    assert set(_targets(plan, "2026/11/b")) == {"facebook"}
    assert set(_targets(plan, "2026/11/c")) == {"facebook"}


def test_unknown_group_is_reported_to_the_officer_and_skipped(tmp_path, content):
    add(content, "a", "Bài A", zalo="ban-chap-hanh, nhom-khong-co")
    site = publish(tmp_path, content, "https://hoi.example.vn")
    assert site.result.ok
    [message] = site.messages_about("nhom-khong-co")
    assert message.startswith("content/articles/a.md:") and "không có nhóm Zalo" in message
    assert set(_targets(_plan(tmp_path), "2026/11/a")) == {"facebook", "zalo:ban-chap-hanh"}


def test_social_text_and_nfd_input_come_out_nfc(tmp_path, content):
    decomposed = unicodedata.normalize("NFD", "Mời chị em dự ngày hội Phụ nữ khởi nghiệp")
    add(
        content,
        "a",
        "Bài A",
        social_text=decomposed,
        tags=unicodedata.normalize("NFD", "Khởi nghiệp"),
    )
    publish(tmp_path, content, "https://hoi.example.vn")
    text = _targets(_plan(tmp_path), "2026/11/a")["facebook"]["text"]
    assert unicodedata.normalize("NFC", decomposed) in text and "#KhởiNghiệp" in text
    assert unicodedata.is_normalized("NFC", text)


def test_long_summary_is_cut_for_zalo_but_the_link_stays(tmp_path, content):
    summary = "Chị em hội viên các chi hội hăng hái tham gia phong trào xây dựng gia đình " * 60
    add(content, "dai", "Bài dài", summary=summary.strip())
    publish(tmp_path, content, "https://hoi.example.vn")
    zalo = _targets(_plan(tmp_path), "2026/11/dai")["zalo:ban-chap-hanh"]
    assert len(zalo["text"]) <= 2000 and "…" in zalo["text"]
    assert "https://hoi.example.vn/2026/11/dai/" in zalo["text"]


def test_preview_build_writes_no_plan(tmp_path, content, monkeypatch):
    add(content, "a", "Bài A")
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    site = run_build(tmp_path, content)  # pelicanconf.py: plan off
    assert site.result.ok
    assert not (tmp_path / "crosspost").exists()
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize(
    ("setting", "needle"),
    [
        ({"start": "đầu năm"}, "CROSSPOST[\"start\"] = 'đầu năm' phải là một ngày"),
        ({"retries": -1}, 'CROSSPOST["retries"] = -1 phải là số nguyên ≥ 0'),
        ({"templates": {"zalo": "{{ title"}}, 'CROSSPOST["templates"]["zalo"]'),
        ({"targets": {"*": ["twitter"]}}, "twitter"),
        ({"bogus": 1}, 'CROSSPOST["bogus"]'),
    ],
)
def test_bad_settings_are_logged_and_the_build_goes_on(tmp_path, content, setting, needle):
    add(content, "a", "Bài A")
    site = publish(tmp_path, content, "https://hoi.example.vn", **setting)
    assert site.result.ok
    assert any(needle in message for message in site.messages_about("CROSSPOST"))


def test_a_corrupt_ledger_does_not_break_the_build(tmp_path, content, live, fake):
    add(content, "a", "Bài A")
    folder = published(tmp_path, content, live)
    (folder / "state.json").write_text("{oops", encoding="utf-8")
    site = publish(tmp_path, content, live.url)
    assert site.result.ok
    assert "bị hỏng" in (folder / "bao-cao.html").read_text(encoding="utf-8")
    assert feed_posts(fake) == []
