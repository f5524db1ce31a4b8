"""In a province the officer runs ``make check SITE=b`` and ``make site SITE=b`` from the
province's root: the messages name a file as it is seen from there, ``sites/b/content/…``,
and a single site's commands, run in its own folder, still say ``content/…``. Real runs of
the sample province (examples/province) copied into ``tmp_path``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

EXAMPLE = ROOT / "examples" / "province"
VENV = Path(sys.executable).parent.parent
BROKEN = """\
Title: Bài có ảnh thiếu
Date: 2026-11-20 08:30 +07:00
Slug: bai-co-anh-thieu
Lang: vi
Category: hoat-dong-hoi
Summary: Bài có một ảnh chưa đưa vào thư mục.

Nội dung bài viết.

![Hội viên dự họp](/images/khong-co.jpg)
"""
LINE = 10  # the image's line
ARTICLE = "content/articles/anh-thieu.md"

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


@pytest.fixture
def province(tmp_path) -> Path:
    root = tmp_path / "tinh"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("output", "cache"))
    (root / "sites/b" / ARTICLE).write_text(BROKEN, encoding="utf-8")
    return root


def run(cwd: Path, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, cwd=cwd, env={**os.environ}, capture_output=True, text=True, timeout=600
    )


def make(root: Path, *args: str) -> str:
    # -o: the shared virtualenv counts as up to date, so make never installs into it
    done = run(root, "make", "-o", f"{VENV}/.runtime", *args, f"VENV={VENV}")
    return done.stdout + done.stderr


def problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(("LỖI: ", "CẢNH BÁO: "))]


@pytest.mark.parametrize("target", ["check", "site"])
def test_from_the_province_root_a_message_names_the_site_s_folder(province, target):
    output = make(province, target, "SITE=b")
    lines = [line for line in problem_lines(output) if "khong-co.jpg" in line]
    assert lines, output[-3000:]
    assert all(line.split(": ")[1] == f"sites/b/{ARTICLE}:{LINE}" for line in lines), lines


def test_in_the_site_s_own_folder_the_doctor_still_says_content(province):
    done = run(province / "sites/b", sys.executable, "-m", "tinhoi.doctor")
    (line,) = problem_lines(done.stdout)
    assert done.returncode == 1
    assert line.startswith(f"LỖI: {ARTICLE}:{LINE}: liên kết hỏng"), line


def test_from_elsewhere_the_doctor_names_the_file_from_the_site_s_folder(province, tmp_path):
    elsewhere = tmp_path / "noi-khac"
    elsewhere.mkdir()
    settings = province / "sites/b/pelicanconf.py"
    done = run(elsewhere, sys.executable, "-m", "tinhoi.doctor", "--settings", str(settings))
    (line,) = problem_lines(done.stdout)
    assert line.startswith(f"LỖI: {ARTICLE}:{LINE}: "), line
