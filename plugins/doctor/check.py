"""Run every rule over the content folder and sort what they found."""

from __future__ import annotations

import datetime as dt

from .links import broken_links, draft_links
from .model import ERROR, Finding, load_site
from .reading_changes import reading_changes
from .rules import RULES
from .site_rules import SITE_RULES

SOURCE_RULES = (*RULES, broken_links, draft_links)


def check_content(settings: dict, now: dt.datetime | None = None) -> list[Finding]:
    """Every finding about the sources and data under ``settings["PATH"]``, in file order."""
    site, findings = load_site(settings, now)
    for source in site.sources:
        if not source.decoded.usable:  # garbled text: only the encoding message makes sense
            findings += RULES[0](source, site)
            continue
        for rule in SOURCE_RULES:
            findings += rule(source, site)
    for rule in SITE_RULES:
        findings += rule(site)
    findings += reading_changes(site)  # what this version reads differently from the site's
    return sorted(set(findings), key=lambda f: (f.label, f.line, f.severity != ERROR, f.message))


def summary(findings: list[Finding], files: int | None = None) -> str:
    errors = sum(f.severity == ERROR for f in findings)
    warnings = len(findings) - errors
    return f"{errors} lỗi, {warnings} cảnh báo."
