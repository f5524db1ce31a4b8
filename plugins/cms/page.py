"""The editor's page, ``/admin/index.html``: the local script, or how to install it."""

from __future__ import annotations

from markupsafe import escape

from .vendor import SCRIPT, VERSION

_HEAD = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="same-origin">
<title>{title}</title>
<link rel="icon" href="{icon}">
<link href="config.yml" type="application/yaml" rel="cms-config-url">
</head>
"""


def _head(title: str, emblem: str) -> str:
    # the unit's emblem as the tab icon; else an empty one, so no request for /favicon.ico
    icon = f"../{emblem.lstrip('/')}" if emblem else "data:,"
    return _HEAD.format(title=escape(title), icon=escape(icon))


def editor_page(title: str, emblem: str = "") -> str:
    """The page that starts the editor from the script next to it (never from a CDN)."""
    return (
        _head(title, emblem)
        + f'<body>\n<script src="{SCRIPT}?v={VERSION}"></script>\n</body>\n</html>\n'
    )


def missing_page(title: str, emblem: str = "") -> str:
    """What /admin/ says when the editor was not installed before the build."""
    return (
        _head(title, emblem)
        + """<body>
<main style="max-width:40rem;margin:2rem auto;font:1.1rem/1.6 system-ui,sans-serif;padding:0 1rem">
<h1>Trình soạn thảo chưa được cài</h1>
<p>Trang này dùng để viết bài trên trình duyệt. Người dựng trang cần chạy
<code>make cms-install</code> một lần (cần Node.js và npm), rồi dựng lại trang
(<code>make html</code> hoặc <code>make publish</code>).</p>
<p>Trong khi chờ, vẫn có thể viết bài bằng <code>make newpost</code>.</p>
</main>
</body>
</html>
"""
    )
