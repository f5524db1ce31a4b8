"""The province layout: ``sites/<mã>/`` folders, each an ordinary site (pelicanconf.py,
publishconf.py, content/, crosspost/), and the rules a unit's code follows."""

from __future__ import annotations

import re
from pathlib import Path

SITES = "sites"
SETTINGS = "pelicanconf.py"
# a code is a folder name and the site's folder in the province's address
CODE = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")


def code_problem(code: str) -> str | None:
    """A Vietnamese message when ``code`` cannot be a site's folder, else None."""
    if CODE.fullmatch(code):
        return None
    return (
        f"mã đơn vị “{code}” không dùng được: chỉ chữ thường không dấu, số và dấu gạch ngang "
        "(ví dụ: xa-an-phu)."
    )


def site_codes(root: Path) -> list[str]:
    """The codes of the sites in ``root/sites`` (folders holding a pelicanconf.py), sorted."""
    folder = Path(root) / SITES
    if not folder.is_dir():
        return []
    return sorted(p.parent.name for p in folder.glob(f"*/{SETTINGS}") if p.is_file())
