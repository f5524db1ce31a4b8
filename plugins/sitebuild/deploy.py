"""``make deploy``: put the published site (``output/``) where readers can see it.

    python -m tinhoi.sitebuild.deploy zip     dist/<site>-<date>.zip for a portal's upload
    python -m tinhoi.sitebuild.deploy rsync   to DEPLOY_RSYNC_TARGET (user@host:/path/) over ssh
    python -m tinhoi.sitebuild.deploy github  GitHub Pages: done by .github/workflows/pages.yml

Addresses come from the environment, never from the repository; ssh keys stay in the
officer's ssh agent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from .poststeps import precompress

# the zip is for servers that do not serve precompressed files: leave them out
SKIPPED_IN_ZIP = (".gz", ".br")
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)  # fixed: the same site gives the same zip


class DeployError(Exception):
    """Deployment cannot go on (message in Vietnamese for the officer)."""


def _check_output(output: Path) -> None:
    if not (output / "index.html").is_file():
        raise DeployError(f"chưa có trang đã dựng trong {output}; chạy make publish trước.")


def make_zip(output: Path, target: Path) -> Path:
    """Pack ``output`` into ``target`` (deterministic order and dates); return ``target``."""
    _check_output(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    os.close(fd)
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(output.rglob("*")):
            if not path.is_file() or path.suffix in SKIPPED_IN_ZIP:
                continue
            info = zipfile.ZipInfo(path.relative_to(output).as_posix(), date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    os.replace(tmp, target)
    return target


def rsync_command(output: Path, target: str, ssh: str = "ssh") -> list[str]:
    """The rsync call that mirrors ``output/`` to ``target`` (files removed there too)."""
    return [
        "rsync",
        "--recursive",
        "--times",
        "--compress",
        "--delete",
        "--delay-updates",  # readers never see half the new site
        "--chmod=D755,F644",
        "-e",
        ssh,
        f"{output}/",
        target,
    ]


def rsync(output: Path, target: str, ssh: str = "ssh") -> None:
    """Mirror ``output`` to ``target`` with rsync over ssh, with compressed copies.

    The copies (``x.html.gz``, ``x.html.br``) are for web servers that send them as they
    are (nginx ``gzip_static``); they are written here, not by every build, because the
    zip and GitHub Pages do not use them.
    """
    _check_output(output)
    if not target:
        raise DeployError(
            "chưa khai báo nơi nhận: DEPLOY_RSYNC_TARGET=tai-khoan@may-chu:/thu-muc/ make deploy "
            "DEPLOY=rsync"
        )
    if shutil.which("rsync") is None:
        raise DeployError("máy chưa cài rsync (Debian/Ubuntu: sudo apt-get install rsync).")
    precompress(output)
    done = subprocess.run(rsync_command(output, target, ssh), check=False)
    if done.returncode != 0:
        raise DeployError(f"rsync dừng với mã lỗi {done.returncode}; trang trên mạng giữ bản cũ.")


GITHUB_HELP = (
    "GitHub Pages: đẩy (push) nhánh main lên GitHub; tệp .github/workflows/pages.yml tự dựng "
    "trang, đưa lên GitHub Pages rồi chạy make crosspost. Bật một lần trong Settings → Pages → "
    "Source: GitHub Actions, và đặt biến SITEURL (Settings → Secrets and variables → Actions → "
    "Variables)."
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sitebuild.deploy", description="Đưa trang lên mạng.")
    parser.add_argument("target", choices=("zip", "rsync", "github"))
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    args = parser.parse_args(argv)
    try:
        if args.target == "zip":
            name = os.environ.get("DEPLOY_ZIP_NAME") or f"trang-tin-{dt.date.today():%Y%m%d}"
            path = make_zip(args.output, args.dist / f"{name}.zip")
            print(
                f"Đã đóng gói {path}. Tải tệp này lên máy chủ (ví dụ cPanel → File Manager → "
                "Upload) rồi giải nén vào thư mục của trang."
            )
        elif args.target == "rsync":
            target = os.environ.get("DEPLOY_RSYNC_TARGET", "")
            rsync(args.output, target, os.environ.get("DEPLOY_SSH", "ssh"))
            print(f"Đã chép trang lên {target}.")
        else:
            print(GITHUB_HELP)
    except DeployError as error:
        print(f"LỖI: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
