"""Commit the ledger (state.json, log.jsonl) and push it, surviving a push that landed
meanwhile (``make crosspost-save-ledger``; the hosted workflow runs it after each send).

The commit is built on top of the remote branch with a private index, so a race is
handled the same way as a rebase would, but with the ledger merged as JSON
(ledger_merge.py) instead of line by line: no entry is ever dropped. Only the two ledger
files change in the commit; the message carries ``[skip ci]`` so it starts no workflow.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from tinhoi.gitrun import BOT_EMAIL, BOT_NAME, run_git

from .ledger_merge import merge_log, merge_state
from .state import LOG_FILE, STATE_FILE
from .token_vault import SEALED_FILE

logger = logging.getLogger(__name__)
MESSAGE = "Sổ đăng bài: ghi kết quả lần đăng [skip ci]"
# the sealed Zalo token pair: one send at a time, so this run's is the newest
MERGERS = {
    STATE_FILE: merge_state,
    LOG_FILE: merge_log,
    SEALED_FILE: lambda base, ours, theirs: ours,
}


_git = run_git


def _show(root: Path, commit: str, path: str) -> str | None:
    result = _git(root, "show", f"{commit}:{path}", check=False)
    return result.stdout if result.returncode == 0 else None


def _identity() -> dict:
    name = os.environ.get("CROSSPOST_GIT_NAME") or BOT_NAME
    email = os.environ.get("CROSSPOST_GIT_EMAIL") or BOT_EMAIL
    return {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }


def _commit_on(root: Path, parent: str, files: dict[str, str]) -> str:
    """A commit whose tree is ``parent``'s with ``files`` replaced; the work tree and the
    real index are not touched."""
    with tempfile.TemporaryDirectory() as scratch:
        env = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}
        _git(root, "read-tree", parent, env=env)
        for path, text in files.items():
            blob = _git(root, "hash-object", "-w", "--stdin", data=text).stdout.strip()
            _git(root, "update-index", "--add", "--cacheinfo", f"100644,{blob},{path}", env=env)
        tree = _git(root, "write-tree", env=env).stdout.strip()
    message = MESSAGE
    return _git(
        root, "commit-tree", tree, "-p", parent, "-m", message, env=_identity()
    ).stdout.strip()


def _follow(root: Path, start: str, commit: str, files: dict[str, str]) -> None:
    """Move the checkout to ``commit`` unless local edits stand in the way; the ledger
    files always end up holding what origin now holds."""
    for path in files:
        if _show(root, start, path) is None:
            (root / path).unlink(missing_ok=True)
        else:
            _git(root, "checkout", start, "--", path, check=False)
    if _git(root, "reset", "--keep", commit, check=False).returncode != 0:
        for path, text in files.items():
            (root / path).write_text(text, encoding="utf-8")


def save_ledger(folder: Path, remote: str = "origin", branch: str = "", tries: int = 5, out=print):
    """Commit and push the ledger of ``folder``; return 0 when origin has it."""
    folder = Path(folder).resolve()
    if not folder.is_dir():
        out("Chưa có sổ đăng bài; không cần lưu.")
        return 0
    root = Path(_git(folder, "rev-parse", "--show-toplevel").stdout.strip())
    prefix = folder.relative_to(root).as_posix()
    branch = (
        branch
        or os.environ.get("GITHUB_REF_NAME", "")
        or _git(root, "rev-parse", "--abbrev-ref", "HEAD").stdout.strip()
    )
    start = _git(root, "rev-parse", "HEAD").stdout.strip()
    ours = {}
    for name in MERGERS:
        if (folder / name).exists():
            ours[f"{prefix}/{name}"] = (folder / name).read_text(encoding="utf-8")
    base = {path: _show(root, start, path) for path in ours}
    if all(base[path] == text for path, text in ours.items()):
        out("Sổ đăng bài không đổi; không cần lưu.")
        return 0
    parent, files = start, ours
    for attempt in range(1, tries + 1):
        commit = _commit_on(root, parent, files)
        pushed = _git(root, "push", remote, f"{commit}:refs/heads/{branch}", check=False)
        if pushed.returncode == 0:
            _follow(root, start, commit, files)
            out(f"Đã lưu sổ đăng bài vào nhánh {branch} ({commit[:10]}).")
            return 0
        logger.warning(
            "crosspost: push of the ledger refused (try %d): %s", attempt, pushed.stderr.strip()
        )
        _git(root, "fetch", remote, branch)
        parent = _git(root, "rev-parse", "FETCH_HEAD").stdout.strip()
        files = {}
        for path, text in ours.items():
            merge = MERGERS[path.rsplit("/", 1)[-1]]
            files[path] = merge(base[path], text, _show(root, parent, path))
    out(f"Không lưu được sổ đăng bài sau {tries} lần thử; chạy lại make crosspost-save-ledger.")
    return 1
