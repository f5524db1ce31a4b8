"""Running git for the commands that read or write a repository's history: the cross-post
ledger (``crosspost.gitsave``), a province's changed sites and its Pages branch
(``province``). One runner, so each says what failed the same way."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

BOT_NAME = "github-actions[bot]"
BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com"


class GitFailed(Exception):
    """A git command failed; the message names it and gives git's own reason."""


def run_git(
    root: Path, *args: str, env: dict | None = None, check: bool = True, data: str | None = None
) -> subprocess.CompletedProcess:
    """``git args…`` in ``root``; with ``check``, a failure raises ``GitFailed``."""
    result = subprocess.run(
        ["git", *args],
        cwd=root,
        env={**os.environ, **(env or {})},
        input=data,
        capture_output=True,
        text=True,
    )
    if check and result.returncode != 0:
        raise GitFailed(f"git {args[0]}: {result.stderr.strip()[:400]}")
    return result
