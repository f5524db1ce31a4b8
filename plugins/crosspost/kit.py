"""The Zalo kit: for each article and group, a paste-ready text and a QR code.

Written with the plan, outside ``output/`` (it names internal groups): per article a
folder ``kit/<yyyy>-<mm>-<slug>/`` with ``<group>.txt`` (the message, NFC, link on its
own line so Zalo unfolds it) and ``<group>.png`` (a QR code of the link, for notice
boards and branch meetings). Items the officer marked done are left out.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from .files import write_atomic
from .state import FINISHED

KIT_DIR = "kit"


def folder_name(key: str) -> str:
    return key.replace("/", "-")


def qr_png(link: str) -> bytes:
    """A PNG QR code of ``link`` (medium error correction, quiet zone of 4)."""
    import qrcode  # only when a kit item is new: most builds make no QR code
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=8, border=4)
    code.add_data(link)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    return buffer.getvalue()


def pending(plan: dict, state: dict) -> list[tuple[dict, dict]]:
    """(article, target) pairs of the kit not yet marked done."""
    items = []
    for article in plan["articles"]:
        targets = state["articles"].get(article["key"], {}).get("targets", {})
        for target in article["targets"]:
            entry = targets.get(target["target"])
            if target["channel"] == "kit" and not (entry and entry["status"] in FINISHED):
                items.append((article, target))
    return items


def relative_paths(article: dict, target: dict) -> tuple[str, str]:
    base = f"{KIT_DIR}/{folder_name(article['key'])}/{target['group']}"
    return base + ".txt", base + ".png"


def write_kit(folder: Path, plan: dict, state: dict) -> int:
    """Rewrite ``folder/kit`` from the plan; return how many items it holds."""
    fresh = folder / f".{KIT_DIR}.new"
    shutil.rmtree(fresh, ignore_errors=True)
    items = pending(plan, state)
    for article, target in items:
        text_path, png_path = relative_paths(article, target)
        write_atomic(fresh / Path(text_path).relative_to(KIT_DIR), target["text"] + "\n")
        write_atomic(fresh / Path(png_path).relative_to(KIT_DIR), qr_png(target["link"]))
    fresh.mkdir(parents=True, exist_ok=True)
    old = folder / f".{KIT_DIR}.old"
    shutil.rmtree(old, ignore_errors=True)
    if (folder / KIT_DIR).exists():
        (folder / KIT_DIR).rename(old)
    fresh.rename(folder / KIT_DIR)
    shutil.rmtree(old, ignore_errors=True)
    return len(items)
