"""preview, done, retry, and what happens to already shared articles that change."""

from __future__ import annotations

from pathlib import Path

import pytest
from crosspost_helpers import (
    add,
    content,
    environment,
    fake,
    feed_posts,
    ledger,
    live,
    published,
    send,
)

from tinhoi.crosspost.cli import main


def cli(folder, *args) -> tuple[int, str]:
    lines: list[str] = []
    code = main(["--dir", str(folder), *args], {}, lines.append)
    return code, "\n".join(lines)


@pytest.fixture
def site(tmp_path, content, live):
    add(content, "dai-hoi", "Đại hội đại biểu phụ nữ", branches="chi-hoi-6")
    return published(tmp_path, content, live)


def test_preview_prints_every_target_and_sends_nothing(site, fake):
    code, text = cli(site, "preview")
    assert code == 0
    assert "Facebook: sẽ đăng «Đại hội đại biểu phụ nữ»" in text
    assert "nhóm Chi hội thôn Đông" in text and "kit/2026-11-dai-hoi/chi-hoi-6.txt" in text
    assert fake.api_requests() == []


def test_done_marks_kit_items_and_refreshes_kit_and_report(site, fake):
    code, text = cli(site, "done", "dai-hoi", "chi-hoi-6")
    assert code == 0 and "1 nhóm" in text
    targets = ledger(site)["articles"]["2026/11/dai-hoi"]["targets"]
    assert targets["zalo:chi-hoi-6"]["status"] == "done"
    assert not (site / "kit" / "2026-11-dai-hoi" / "chi-hoi-6.txt").exists()
    assert (site / "kit" / "2026-11-dai-hoi" / "ban-chap-hanh.txt").exists()
    cli(site, "done", "2026/11/dai-hoi")  # every group of the article
    report = (site / "bao-cao.html").read_text(encoding="utf-8")
    assert "Không có tin nào đang chờ" in report and "đã dán" in report
    assert fake.api_requests() == []


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("done", "khong-co-bai"), "Không thấy bài"),
        (("done", "dai-hoi", "nhom-la"), "không có nhóm"),
    ],
)
def test_done_with_a_wrong_name_says_so(site, args, needle):
    code, text = cli(site, *args)
    assert code == 2 and needle in text


def _edit(content, summary):
    add(content, "dai-hoi", "Đại hội đại biểu phụ nữ", branches="chi-hoi-6", summary=summary)


def test_changed_summary_updates_the_facebook_post_never_reposts(
    tmp_path, content, live, site, fake
):
    send(site, environment(fake))
    post_id = fake.graph.posts[0]["id"]
    _edit(content, "Tóm tắt mới sau khi sửa.")
    published(tmp_path, content, live)
    fake.reset()
    code, lines = send(site, environment(fake))
    assert code == 0, lines
    assert feed_posts(fake) == []
    [update] = fake.received("POST", f"/v24.0/{post_id}")
    assert "Tóm tắt mới sau khi sửa." in update.form["message"]
    assert any("đã sửa nội dung" in line for line in lines)
    assert "đã sửa nội dung lúc" in (site / "bao-cao.html").read_text(encoding="utf-8")
    fake.reset()
    send(site, environment(fake))
    assert fake.api_requests() == []


def test_update_can_be_switched_off(tmp_path, content, live, fake):
    add(content, "dai-hoi", "Đại hội")
    folder = published(tmp_path, content, live, facebook_update=False)
    send(folder, environment(fake))
    add(content, "dai-hoi", "Đại hội (sửa tiêu đề)")
    published(tmp_path, content, live, facebook_update=False)
    fake.reset()
    send(folder, environment(fake))
    assert fake.api_requests() == []


@pytest.mark.parametrize("enabled", [True, False])
def test_withdrawn_article_post_is_deleted_only_when_enabled(
    tmp_path, content, live, fake, enabled
):
    add(content, "dai-hoi", "Đại hội")
    folder = published(tmp_path, content, live, facebook_delete=enabled)
    send(folder, environment(fake))
    add(content, "dai-hoi", "Đại hội", status="draft")
    published(tmp_path, content, live, facebook_delete=enabled)
    fake.reset()
    assert send(folder, environment(fake))[0] == 0
    deletes = fake.received("DELETE")
    assert len(deletes) == (1 if enabled else 0)
    assert (fake.graph.posts == []) == enabled


def test_never_deletes_while_the_page_is_still_online(tmp_path, content, live, fake):
    add(content, "dai-hoi", "Đại hội")
    folder = published(tmp_path, content, live, facebook_delete=True)
    send(folder, environment(fake))
    saved = (tmp_path / "output").rename(tmp_path / "kept")
    add(content, "dai-hoi", "Đại hội", status="draft")
    published(tmp_path, content, live, facebook_delete=True)
    import shutil

    shutil.rmtree(tmp_path / "output")
    saved.rename(tmp_path / "output")  # the old site is still what is deployed
    fake.reset()
    send(folder, environment(fake))
    assert fake.received("DELETE") == []


def test_preview_prints_kit_paths_that_exist(site):
    code, text = cli(site, "preview")
    assert code == 0
    paths = [
        line.split(": ", 1)[1]
        for line in text.splitlines()
        if line.strip().startswith(("tin:", "mã QR:"))
    ]
    assert len(paths) == 4  # two groups, a text and a QR code each
    for path in paths:
        assert Path(path).is_file(), path
    assert str(site / "kit" / "2026-11-dai-hoi" / "chi-hoi-6.png") in paths


def test_report_lists_facebook_posts_waiting_or_unknown(site, fake):
    report = (site / "bao-cao.html").read_text(encoding="utf-8")
    section = report.split("Facebook: chờ đăng hoặc chưa rõ kết quả", 1)[1].split("<h2>", 1)[0]
    assert "Đại hội đại biểu phụ nữ" in section and "chờ đăng" in section
    fake.script(
        {
            "match": {"path_contains": "/feed"},
            "delay_s": 1.2,
            "respond": {"status": 200, "json": {"id": "123_999"}},
        }
    )
    send(site, environment(fake))  # timed out: the outcome is unknown
    report = (site / "bao-cao.html").read_text(encoding="utf-8")
    section = report.split("Facebook: chờ đăng hoặc chưa rõ kết quả", 1)[1].split("<h2>", 1)[0]
    assert "đang gửi, chưa rõ kết quả" in section
    fake.reset()
    send(site, environment(fake))
    report = (site / "bao-cao.html").read_text(encoding="utf-8")
    section = report.split("Facebook: chờ đăng hoặc chưa rõ kết quả", 1)[1].split("<h2>", 1)[0]
    assert "Không có bài nào đang chờ" in section
