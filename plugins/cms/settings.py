"""Settings of the browser editor (``CMS_*``), with their defaults and checks."""

from __future__ import annotations

import os
import re
import subprocess

from tinhoi.sitebuild.schema import Setting, check, defaults

_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
# https://github.com/owner/name(.git) or git@github.com:owner/name(.git)
_GITHUB_REMOTE = re.compile(r"github\.com[:/]([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+?)(?:\.git)?/?$")
BACKENDS = ("github", "test-repo")


def _address(value: str) -> bool:
    return not value or value.startswith(("https://", "http://127.0.0.1"))


SETTINGS = (
    Setting("CMS_ENABLED", True, "Viết trang /admin/ (trình soạn thảo và cấu hình của nó).", bool),
    Setting(
        "CMS_REPO",
        "",
        "Kho GitHub mà trình soạn thảo ghi bài vào, dạng tài-khoản/tên-kho. Để trống: lấy từ "
        "GITHUB_REPOSITORY (GitHub Actions) hoặc từ địa chỉ origin của thư mục trang.",
        str,
        lambda value: not value or bool(_REPO.match(value)),
        "phải có dạng tài-khoản/tên-kho",
    ),
    Setting("CMS_BRANCH", "main", "Nhánh mà trình soạn thảo ghi vào (nhánh được đăng).", str),
    Setting(
        "CMS_BACKEND",
        "github",
        "github: ghi vào kho GitHub; test-repo: chỉ giữ trong trình duyệt (để thử, kiểm thử).",
        str,
        lambda value: value in BACKENDS,
        f"chỉ nhận {', '.join(BACKENDS)}",
    ),
    Setting(
        "CMS_API_ROOT",
        "",
        "Địa chỉ API của GitHub; để trống: của chính GitHub (kiểm thử trỏ vào 127.0.0.1).",
        str,
        _address,
        "phải là địa chỉ https://",
    ),
    Setting(
        "CMS_OAUTH_BASE_URL",
        "",
        "Dịch vụ đăng nhập OAuth (Sveltia CMS Authenticator) cho nút “Đăng nhập bằng GitHub”; "
        "để trống: đăng nhập bằng mã truy cập (token).",
        str,
        _address,
        "phải là địa chỉ https://",
    ),
    Setting(
        "CMS_VENDOR_DIR",
        "",
        "Thư mục make cms-install giải nén trình soạn thảo vào; để trống: CACHE_PATH/cms.",
        str,
    ),
    Setting(
        "CMS_DOCUMENT_CATEGORIES",
        ("van-ban",),
        "Các chuyên mục có bài là văn bản chính thức (số hiệu, ngày ban hành, tệp đính kèm).",
        (list, tuple),
        lambda value: all(isinstance(item, str) for item in value),
        "phải là một danh sách mã chuyên mục",
    ),
)
DEFAULTS = defaults(SETTINGS)


def check_settings(settings: dict) -> None:
    """Fill in the defaults; replace a wrong value by its default, with a message."""
    check(settings, SETTINGS)


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
