"""Compile the theme's gettext catalogs (``.po``) into ``.mo`` files under the cache.

Compiled files are build products: they go to ``CACHE_PATH/locale``, never into the
theme folder, and are rebuilt only when their ``.po`` changed.

Python's ``gettext`` keeps every catalog it loaded for the life of the process, by the
path of its ``.mo``: the live preview, which builds again and again, would go on showing
the strings of the first build. So the ``.mo`` files of each version of the catalogs get a
folder of their own, named by the digest of the ``.po`` files (``compiled_catalogs``).
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import shutil
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


def compiled_catalogs(source_dir: Path, locale_root: Path, domain: str = "messages") -> Path:
    """Compile the catalogs into a folder of ``locale_root`` named by their digest (see the
    module docstring); return it. The folders of older versions are removed."""
    digest = hashlib.sha1()
    for po_path in sorted(source_dir.glob(f"*/LC_MESSAGES/{domain}.po")):
        digest.update(po_path.relative_to(source_dir).as_posix().encode() + b"\0")
        digest.update(po_path.read_bytes())
    target = locale_root / digest.hexdigest()[:16]
    compile_catalogs(source_dir, target, domain)
    for folder in locale_root.iterdir() if locale_root.is_dir() else ():
        if folder != target:
            shutil.rmtree(folder, ignore_errors=True)
    return target
