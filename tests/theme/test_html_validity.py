"""The Nu HTML checker (vnu.jar) finds no error in the built site, HTML and CSS."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from browser import vnu_command

pytestmark = pytest.mark.browser


def check(folder: Path, kind: str) -> tuple[list[str], list[str]]:
    """Run vnu on every ``kind`` file under ``folder``: (errors, files checked)."""
    result = subprocess.run(
        [
            *vnu_command(),
            "--format", "json", "--stdout", "--exit-zero-always", "--verbose",
            f"--skip-non-{kind}", str(folder),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )  # fmt: skip
    errors = [
        f"{m.get('url', '').split(str(folder))[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in json.loads(result.stdout)["messages"]
        if m["type"] in ("error", "non-document-error")
    ]
    checked = [line for line in result.stderr.splitlines() if line.endswith(f".{kind}")]
    return errors, checked


def test_the_checker_reports_broken_markup(tmp_path):
    (tmp_path / "bad.html").write_text(
        '<!DOCTYPE html><html lang="vi"><title>x</title><p><div></p>'
    )
    errors, checked = check(tmp_path, "html")
    assert len(checked) == 1
    assert any("“p”" in error for error in errors)


@pytest.mark.parametrize("kind", ["html", "css"])
def test_nu_html_checker_finds_no_error(sample_site, kind):
    errors, checked = check(sample_site.output, kind)
    assert errors == []
    assert len(checked) == len(list(sample_site.output.rglob(f"*.{kind}")))
