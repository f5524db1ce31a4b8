"""Compile the theme's gettext catalogs (``.po``) into ``.mo`` files under the cache.

Compiled files are build products: they go to ``CACHE_PATH/locale``, never into the
theme folder, and are rebuilt only when their ``.po`` changed.
"""

from __future__ import annotations

import io
import logging
import os
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .atomic import write_atomic

logger = logging.getLogger(__name__)


def compile_catalogs(source_dir: Path, target_dir: Path, domain: str = "messages") -> list[str]:
    """Compile every ``<lang>/LC_MESSAGES/<domain>.po``; return the languages found."""
    langs = []
    for po_path in sorted(source_dir.glob(f"*/LC_MESSAGES/{domain}.po")):
        lang = po_path.parent.parent.name
        langs.append(lang)
        mo_path = target_dir / lang / "LC_MESSAGES" / f"{domain}.mo"
        if mo_path.exists() and mo_path.stat().st_mtime_ns >= po_path.stat().st_mtime_ns:
            continue
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        compiled = io.BytesIO()
        write_mo(compiled, catalog)
        write_atomic(mo_path, compiled.getvalue())
        os.utime(mo_path, ns=(po_path.stat().st_mtime_ns,) * 2)
        logger.debug("sitebuild: compiled %s", po_path)
    return langs
