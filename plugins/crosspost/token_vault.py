"""The Zalo OA token pair kept in the repository, encrypted, between hosted runs.

A Zalo refresh token is single-use, and a GitHub runner forgets everything: without this
the rotated token would be lost and the next run would need a new one pasted by hand.
With ``ZALO_TOKEN_KEY`` set (a Fernet key held as a repository secret), the pair is
sealed into ``zalo-oa-token.enc`` after each run (the ledger step commits it) and opened
before the next one. The clear file stays ignored by git; neither goes into the artifact.
"""

from __future__ import annotations

import logging
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from .channels.zalo_tokens import TOKEN_FILE
from .files import write_atomic

logger = logging.getLogger(__name__)
SEALED_FILE = "zalo-oa-token.enc"
KEY_NAME = "ZALO_TOKEN_KEY"
BAD_KEY = (
    "Không mở được cặp mã Zalo OA đã lưu (%s): khoá ZALO_TOKEN_KEY sai hoặc tệp hỏng. "
    "Dùng mã trong biến môi trường ZALO_OA_REFRESH_TOKEN thay thế."
)


def _fernet(secrets) -> Fernet | None:
    key = secrets.get(KEY_NAME)
    if not key:
        return None
    try:
        return Fernet(key.encode())
    except ValueError:
        logger.error("crosspost: ZALO_TOKEN_KEY không phải khoá Fernet hợp lệ; bỏ qua")
        return None


def _paths(folder: Path, secrets) -> tuple[Path, Path]:
    configured = secrets.get("ZALO_OA_TOKEN_FILE")
    clear = Path(configured) if configured else Path(folder) / TOKEN_FILE
    return clear, Path(folder) / SEALED_FILE


def _open(fernet: Fernet, sealed: Path) -> bytes | None:
    try:
        return fernet.decrypt(sealed.read_bytes())
    except (InvalidToken, ValueError):
        logger.warning("crosspost: " + BAD_KEY, sealed)
        return None


def unseal(folder: Path, secrets) -> None:
    """Before a run: restore the clear token file from the sealed copy, when absent."""
    fernet = _fernet(secrets)
    clear, sealed = _paths(folder, secrets)
    if fernet is None or not sealed.exists() or clear.exists():
        return
    data = _open(fernet, sealed)
    if data is not None:
        write_atomic(clear, data, mode=0o600)


def seal(folder: Path, secrets) -> None:
    """After a run: seal the token file, rewriting the sealed copy only if the pair
    changed (so a run that refreshed nothing commits nothing)."""
    fernet = _fernet(secrets)
    clear, sealed = _paths(folder, secrets)
    if fernet is None or not clear.exists():
        return
    data = clear.read_bytes()
    if sealed.exists():
        try:
            if fernet.decrypt(sealed.read_bytes()) == data:
                return
        except (InvalidToken, ValueError):
            pass  # sealed with an older key: seal again with the current one
    write_atomic(sealed, fernet.encrypt(data))
