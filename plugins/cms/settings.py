"""Settings of the browser editor (``CMS_*``), with their defaults and checks."""

from __future__ import annotations

import logging
import os
import re
import subprocess

logger = logging.getLogger(__name__)

DEFAULTS = {
    "CMS_ENABLED": True,  # write /admin/ (the editor page and its configuration)
    "CMS_REPO": "",  # "owner/repository" on GitHub; empty: GITHUB_REPOSITORY, set by Actions
    "CMS_BRANCH": "main",  # the branch the editor commits to, the one that is deployed
    "CMS_BACKEND": "github",  # "test-repo" keeps everything in the browser (tests, trying out)
    "CMS_API_ROOT": "",  # GitHub API address; empty: GitHub's own. Tests point it at 127.0.0.1
    "CMS_OAUTH_BASE_URL": "",  # an OAuth helper (Sveltia CMS Authenticator); empty: token only
    "CMS_VENDOR_DIR": "",  # where make cms-install unpacks the editor; empty: CACHE_PATH/cms
    "CMS_DOCUMENT_CATEGORIES": ("van-ban",),  # categories whose articles are official documents
}
_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
# https://github.com/owner/name(.git) or git@github.com:owner/name(.git)
_GITHUB_REMOTE = re.compile(r"github\.com[:/]([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+?)(?:\.git)?/?$")
BACKENDS = ("github", "test-repo")


def _wrong(settings: dict, key: str, message: str) -> None:
    logger.error("%s = %r %s; dùng mặc định %r.", key, settings[key], message, DEFAULTS[key])
    settings[key] = DEFAULTS[key]


def check_settings(settings: dict) -> None:
    """Fill in the defaults; replace a wrong value by its default, with a message."""
    for key, default in DEFAULTS.items():
        settings.setdefault(key, default)
    if not isinstance(settings["CMS_ENABLED"], bool):
        _wrong(settings, "CMS_ENABLED", "phải là True hoặc False")
    for key in ("CMS_REPO", "CMS_BRANCH", "CMS_API_ROOT", "CMS_OAUTH_BASE_URL", "CMS_VENDOR_DIR"):
        if not isinstance(settings[key], str):
            _wrong(settings, key, "phải là một chuỗi")
    if settings["CMS_REPO"] and not _REPO.match(settings["CMS_REPO"]):
        _wrong(settings, "CMS_REPO", "phải có dạng tài-khoản/tên-kho")
    if settings["CMS_BACKEND"] not in BACKENDS:
        _wrong(settings, "CMS_BACKEND", f"chỉ nhận {', '.join(BACKENDS)}")
    for key in ("CMS_API_ROOT", "CMS_OAUTH_BASE_URL"):
        if settings[key] and not settings[key].startswith(("https://", "http://127.0.0.1")):
            _wrong(settings, key, "phải là địa chỉ https://")
    categories = settings["CMS_DOCUMENT_CATEGORIES"]
    if not isinstance(categories, (list, tuple)) or not all(isinstance(c, str) for c in categories):
        _wrong(settings, "CMS_DOCUMENT_CATEGORIES", "phải là một danh sách mã chuyên mục")


def repository(settings: dict) -> str:
    """The GitHub repository the editor writes to: the setting, else the Actions variable,
    else the ``origin`` remote of the site's own checkout (a fresh clone needs no setting)."""
    found = settings.get("CMS_REPO") or os.environ.get("GITHUB_REPOSITORY", "")
    if not found and settings.get("PATH"):
        found = remote_repository(os.path.dirname(os.path.abspath(settings["PATH"])))
    return found if _REPO.match(found) else ""


def remote_repository(folder: str) -> str:
    """``owner/name`` of the GitHub ``origin`` remote of the checkout at ``folder``, or ''."""
    try:
        done = subprocess.run(
            ["git", "-C", folder, "remote", "get-url", "origin"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    found = _GITHUB_REMOTE.search(done.stdout.strip()) if done.returncode == 0 else None
    return found.group(1) if found else ""


def vendor_dir(settings: dict) -> str:
    """The folder ``make cms-install`` fills: ``CMS_VENDOR_DIR`` or ``CACHE_PATH/cms``."""
    return settings.get("CMS_VENDOR_DIR") or os.path.join(settings["CACHE_PATH"], "cms")
