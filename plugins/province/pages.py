"""``tinhoi sites pages --site <mã>``: put one site's output into its own folder ``<mã>/`` of
the gh-pages branch, which GitHub Pages serves ("Deploy from a branch").

GitHub Pages gives a repository one site, and a deployment of the Pages action replaces all
of it; a branch holding one folder per unit lets each job publish only the site it built.
The commit is made with a private index (the checkout is not touched) and has no parent:
the branch holds the sites as they are now, not every earlier build. The push is leased
on the commit it replaces, so two jobs pushing at once retry instead of dropping a folder.
Each commit also writes the branch's root page, listing the sites it holds (``home``).
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from tinhoi.gitrun import BOT_EMAIL, BOT_NAME, GitFailed, run_git

from .home import HOME, render_home
from .layout import site_codes

logger = logging.getLogger(__name__)
BRANCH = "gh-pages"
# Pages would run Jekyll over the branch without it (and drop files named _…)
NO_JEKYLL = ".nojekyll"


def _git(root: Path, *args: str, env: dict | None = None, data: str | None = None) -> str:
    return run_git(root, *args, env=env, data=data).stdout.strip()


def _identity() -> dict:
    return {
        "GIT_AUTHOR_NAME": BOT_NAME,
        "GIT_AUTHOR_EMAIL": BOT_EMAIL,
        "GIT_COMMITTER_NAME": BOT_NAME,
        "GIT_COMMITTER_EMAIL": BOT_EMAIL,
    }


def folder_tree(root: Path, folder: Path, scratch: Path) -> str:
    """The git tree of every file under ``folder`` (written to the repository's objects)."""
    git_dir = _git(root, "rev-parse", "--absolute-git-dir")
    env = {"GIT_INDEX_FILE": str(scratch / "folder-index")}
    base = ["--git-dir", git_dir, "--work-tree", str(folder)]
    _git(folder, *base, "add", "--all", "--force", ".", env=env)
    return _git(folder, *base, "write-tree", env=env)


def published(root: Path, env: dict) -> list[str]:
    """The sites of the checkout that have a folder with a home page in the index ``env``."""
    folders = {
        path.split("/")[0]
        for path in _git(root, "ls-files", env=env).splitlines()
        if path.count("/") == 1 and path.endswith(f"/{HOME}")
    }
    return [code for code in site_codes(root) if code in folders]


def branch_tree(root: Path, parent: str | None, prefix: str, site: str, scratch: Path) -> str:
    """``parent``'s tree with ``prefix/`` replaced by the tree ``site``, and the root page
    listing the sites it then holds."""
    env = {"GIT_INDEX_FILE": str(scratch / "pages-index")}
    Path(env["GIT_INDEX_FILE"]).unlink(missing_ok=True)
    if parent:
        _git(root, "read-tree", parent, env=env)
        _git(root, "rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", prefix, env=env)
    _git(root, "read-tree", f"--prefix={prefix}/", site, env=env)
    empty = _git(root, "hash-object", "-w", "--stdin", data="")
    _git(root, "update-index", "--add", "--cacheinfo", f"100644,{empty},{NO_JEKYLL}", env=env)
    # written as bytes from a file: git reads UTF-8 whatever the runner's locale
    page = scratch / HOME
    page.write_text(render_home(root, published(root, env)), encoding="utf-8", newline="\n")
    home = _git(root, "hash-object", "-w", str(page))
    _git(root, "update-index", "--add", "--cacheinfo", f"100644,{home},{HOME}", env=env)
    return _git(root, "write-tree", env=env)


def _remote_head(root: Path, remote: str, branch: str) -> str | None:
    listed = _git(root, "ls-remote", remote, f"refs/heads/{branch}")
    if not listed:
        return None
    commit = listed.split()[0]
    _git(root, "fetch", "-q", remote, f"refs/heads/{branch}")
    return commit


def publish_folder(
    root: Path,
    folder: Path,
    prefix: str,
    remote: str = "origin",
    branch: str = BRANCH,
    tries: int = 5,
    out=print,
) -> int:
    """Make ``prefix/`` of ``branch`` on ``remote`` hold exactly the files of ``folder``."""
    root, folder = Path(root).resolve(), Path(folder).resolve()
    if not (folder / "index.html").is_file():
        out(f"LỖI: {folder} chưa có trang đã dựng (index.html); chạy make publish trước.")
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        site = folder_tree(root, folder, Path(scratch))
        for attempt in range(1, tries + 1):
            parent = _remote_head(root, remote, branch)
            tree = branch_tree(root, parent, prefix, site, Path(scratch))
            if parent and _git(root, "rev-parse", f"{parent}^{{tree}}") == tree:
                out(f"Trang {prefix}/ trên nhánh {branch} không đổi.")
                return 0
            message = f"Trang {prefix}: bản dựng mới"
            commit = _git(root, "commit-tree", tree, "-m", message, env=_identity())
            lease = f"--force-with-lease=refs/heads/{branch}:{parent or ''}"
            try:
                _git(root, "push", "-q", lease, remote, f"{commit}:refs/heads/{branch}")
            except GitFailed as refused:
                logger.warning(
                    "province: push to %s refused (try %d): %s", branch, attempt, refused
                )
                continue
            out(f"Đã đưa trang {prefix}/ lên nhánh {branch} ({commit[:10]}).")
            return 0
    out(f"Không đưa được trang {prefix}/ lên nhánh {branch} sau {tries} lần thử.")
    return 1
