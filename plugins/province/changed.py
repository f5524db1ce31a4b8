"""Which sites a push changed (``tinhoi sites changed``): the workflow's matrix.

A change under ``sites/<mã>/`` rebuilds that site; anything else (the engine's pin, the
workflow, the Makefile, a file directly in sites/) can change every site, so it rebuilds
all. A ledger commit (the cross-post jobs') rebuilds nothing. Without a usable start of the
range (a new branch, a shallow clone, a schedule or a manual run) every site is built.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from tinhoi.gitrun import run_git

from .layout import SETTINGS, SITES

# written back by the cross-post jobs: the ledger is not content
LEDGER_FILES = ("state.json", "log.jsonl", "zalo-oa-token.enc")


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return run_git(root, *args, check=False)


def sites_at(root: Path, commit: str) -> list[str]:
    """The site codes in ``commit``: folders of sites/ holding a pelicanconf.py."""
    listed = _git(root, "ls-tree", "-r", "--name-only", commit, "--", f"{SITES}/")
    codes = set()
    for name in listed.stdout.splitlines():
        parts = name.split("/")
        if len(parts) == 3 and parts[2] == SETTINGS:
            codes.add(parts[1])
    return sorted(codes)


def _usable(root: Path, base: str) -> bool:
    if not base.strip() or set(base.strip()) == {"0"}:  # GitHub's "before" of a new branch
        return False
    return _git(root, "cat-file", "-e", f"{base.strip()}^{{commit}}").returncode == 0


def affected(path: str) -> str | None:
    """The site a changed path belongs to; "" for a ledger file; None for outside sites."""
    parts = path.split("/")
    if parts[0] != SITES or len(parts) < 3:
        return None
    if len(parts) == 4 and parts[2] == "crosspost" and parts[3] in LEDGER_FILES:
        return ""
    return parts[1]


def changed_sites(root: Path, base: str, head: str = "HEAD") -> list[str]:
    """The sites to build for the push ``base..head``, in sorted order."""
    root = Path(root)
    every = sites_at(root, head)
    if not _usable(root, base):
        return every
    diff = _git(root, "diff", "--name-only", "-z", "--no-renames", base.strip(), head)
    if diff.returncode != 0:
        return every
    picked = set()
    for path in filter(None, diff.stdout.split("\0")):
        site = affected(path)
        if site is None:
            return every
        picked.add(site)
    return [code for code in every if code in picked]
