"""The editor's script, pinned and served from the site itself (``make cms-install``).

``npm pack`` fetches the exact release from the npm registry the computer is set up with
(or npm's own cache); its SHA-512 must equal the one written here, so a changed or
tampered package is refused. Only what the editor page needs is unpacked into the cache
folder (never into the repository): the script, its fonts, the Vietnamese interface
text and the licence. The build copies that folder to ``/admin/`` and never downloads
anything.

The published script fetches its fonts, non-English interface texts and a "new version"
check from public CDNs. The patches below point those at the files unpacked next to it,
so the editor page makes no request to another host before the officer signs in. Each
patch must apply exactly once to this pinned release: upgrading means checking them
again, and the install refuses a release they do not fit.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "@sveltia/cms"
VERSION = "0.221.1"
INTEGRITY = (
    "sha512-J+Qoik9kGMk2L7vNpOQrnDmFRi+NB6vwJ0f657YtsxWH0P8WYSYRRSRC2pQ/"
    "jGGbVlM//Pg/WIgmkpswqoo3gQ=="
)
SCRIPT = "sveltia-cms.js"
STAMP = "VERSION"  # written last: a folder without it is an unfinished install
SCHEMA = "config.schema.json"  # the JSON schema of the configuration, for the tests
PRIVATE = (STAMP, SCHEMA)  # kept in the cache folder, not copied to /admin/
# package member → path under /admin/
FILES = {
    "package/dist/sveltia-cms.js": SCRIPT,
    "package/locales/vi.json": "locales/vi.json",
    "package/npm/assets/source-sans-3-latin-wght-normal-BqRLTx4X.woff2": (
        "fonts/source-sans-3.woff2"
    ),
    "package/npm/assets/noto-mono-latin-400-normal-DiC8lJru.woff2": "fonts/noto-mono.woff2",
    "package/npm/assets/material-symbols-outlined-latin-wght-normal-_Z1IJPLg.woff2": (
        "fonts/material-symbols-outlined.woff2"
    ),
    "package/LICENSE.txt": "LICENSE.txt",
    "package/schema/sveltia-cms.json": SCHEMA,
    "package/npm/assets/material-symbols-outlined.LICENSE.txt": (
        "fonts/material-symbols-outlined.LICENSE.txt"
    ),
    "package/npm/assets/source-sans-3.LICENSE.txt": "fonts/source-sans-3.LICENSE.txt",
    "package/npm/assets/noto-mono.LICENSE.txt": "fonts/noto-mono.LICENSE.txt",
}
_FONTS = "https://cdn.jsdelivr.net/fontsource/fonts/"
PATCHES = (
    # fonts from the files next to the page instead of a CDN (CSS urls resolve from /admin/)
    (_FONTS + "source-sans-3:vf@5.3.0/latin-wght-normal.woff2", "fonts/source-sans-3.woff2"),
    (_FONTS + "noto-mono@5.3.0/latin-400-normal.woff2", "fonts/noto-mono.woff2"),
    (
        _FONTS + "material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2",
        "fonts/material-symbols-outlined.woff2",
    ),
    # interface texts from /admin/locales/ instead of a CDN
    ("USe=`${iP}@${rP}/locales`", "USe=`locales`"),
    # offer only the texts shipped here: English (built in) and Vietnamese
    (
        "jQ=`ar,bg,ca,cs,da,de,el,en-CA,en-GB,en-US,es-CO,fa,fi,fr,hr,it,ja,ko,nl,pl,pt-BR,"
        "pt-PT,ru,sv,tr,uk,vi,zh-CN,zh-TW`",
        "jQ=`en-US,vi`",
    ),
    # no "new version" check against a CDN: the version is pinned here on purpose
    ("NSe=`${iP}/package.json`", "NSe=`data:application/json,{}`"),
    # no status check of a third-party status page on the sign-in screen
    (
        "Oye=`https://www.githubstatus.com/api/v2/status.json`",
        'Oye=`data:application/json,{"status":{"indicator":"none"}}`',
    ),
)


class InstallError(Exception):
    """The editor could not be installed (message in Vietnamese)."""


@dataclass(frozen=True)
class Installed:
    folder: Path
    version: str
    fetched: bool = False  # fetched by this call, not already there


def integrity_of(data: bytes) -> str:
    """The npm ``integrity`` string (``sha512-…``) of ``data``."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def installed(folder: Path) -> Installed | None:
    """The editor unpacked in ``folder`` if it is complete and of the pinned version."""
    target = folder / f"sveltia-cms-{VERSION}"
    try:
        version = (target / STAMP).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return Installed(target, version) if version == VERSION else None


def patch_script(text: str) -> str:
    """Apply every patch to the published script; refuse if one does not fit exactly."""
    for old, new in PATCHES:
        count = text.count(old)
        if count != 1:
            raise InstallError(
                f"bản vá không khớp ({count} chỗ thay vì 1): {old[:60]}…; "
                f"tệp không phải {PACKAGE}@{VERSION} như đã ghim."
            )
        text = text.replace(old, new)
    return text


def unpack(tarball: bytes, target: Path) -> None:
    """Check ``tarball`` against the pinned hash and unpack the needed files into ``target``."""
    found = integrity_of(tarball)
    if found != INTEGRITY:
        raise InstallError(
            f"gói {PACKAGE}@{VERSION} tải về có mã kiểm tra {found[:24]}…, khác mã đã ghim; "
            "không cài."
        )
    with tempfile.TemporaryDirectory() as scratch:
        archive = Path(scratch) / "package.tgz"
        archive.write_bytes(tarball)
        staging = Path(tempfile.mkdtemp(prefix=".cms-", dir=target.parent))
        staging.chmod(0o755)  # mkdtemp makes it private; the build copies from it
        try:
            with tarfile.open(archive, "r:gz") as tar:
                for member, relative in FILES.items():
                    source = tar.extractfile(member)  # only named regular files: no path tricks
                    if source is None:
                        raise InstallError(f"gói thiếu tệp {member}.")
                    data = source.read()
                    if relative == SCRIPT:
                        data = patch_script(data.decode("utf-8")).encode("utf-8")
                    path = staging / relative
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(data)
            (staging / STAMP).write_text(VERSION + "\n", encoding="utf-8")
            if target.exists():
                shutil.rmtree(target)
            os.replace(staging, target)
        except (KeyError, tarfile.TarError) as error:
            raise InstallError(f"gói {PACKAGE}@{VERSION} hỏng: {error}.") from None
        finally:
            if staging.exists():
                shutil.rmtree(staging)


def npm_pack(timeout: float = 300) -> bytes:
    """The published tarball of the pinned release, through the computer's npm."""
    npm = shutil.which("npm")
    if npm is None:
        raise InstallError("cần Node.js và npm để tải trình soạn thảo (apt-get install npm).")
    with tempfile.TemporaryDirectory() as scratch:
        try:
            done = subprocess.run(
                [npm, "pack", f"{PACKAGE}@{VERSION}", "--pack-destination", scratch, "--silent"],
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
                cwd=scratch,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise InstallError(f"npm không chạy được ({error}).") from None
        files = sorted(Path(scratch).glob("*.tgz"))
        if done.returncode != 0 or not files:
            detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["?"]
            raise InstallError(f"npm không tải được {PACKAGE}@{VERSION}: {detail[0]}")
        return files[0].read_bytes()


def install(folder: Path, fetch=npm_pack) -> Installed:
    """Make sure the pinned editor is unpacked under ``folder``; fetch it only if missing."""
    done = installed(folder)
    if done is not None:
        return done
    folder.mkdir(parents=True, exist_ok=True)
    unpack(fetch(), folder / f"sveltia-cms-{VERSION}")
    result = installed(folder)
    if result is None:  # pragma: no cover - unpack writes the stamp last
        raise InstallError("cài đặt chưa xong.")
    return Installed(result.folder, result.version, fetched=True)
