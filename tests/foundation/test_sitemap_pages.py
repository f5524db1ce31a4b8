"""The sitemap's entries come from the pages' heads: read in this process for a few pages,
on every core for many (a cold build's thousands), the same entries in the same order."""

from __future__ import annotations

import os

import pytest

from tinhoi.sitemaps import sitemap

BASE = "https://hoi.example/"


def _page(number: int) -> str:
    head = [
        f'<link rel="canonical" href="{BASE}bai-{number:04d}/">',
        f'<link rel="alternate" hreflang="vi" href="{BASE}bai-{number:04d}/">',
        f'<link rel="alternate" hreflang="en" href="{BASE}en/bai-{number:04d}/">',
        f'<meta property="article:published_time" content="2026-11-{number % 28 + 1:02d}">',
    ]
    if number % 7 == 0:  # a page that asks not to be indexed (a list's later page)
        head.append('<meta name="robots" content="noindex">')
    return f"<!doctype html><html><head>{''.join(head)}</head><body>Bài {number}</body></html>"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")
@pytest.mark.parametrize("count", [12, sitemap.READ_IN_PARALLEL + 45])
def test_every_page_gives_its_entry_whoever_reads_it(tmp_path, count):
    output = tmp_path / "output"
    for number in range(count):
        page = output / f"bai-{number:04d}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(_page(number), encoding="utf-8")
    expected = [
        sitemap.read_entry(_page(number), f"bai-{number:04d}/", BASE) for number in range(count)
    ]
    expected = [entry for entry in expected if entry is not None]
    assert len(expected) == count - len(range(0, count, 7))

    known: dict = {}
    assert sitemap.collect(output, BASE, known=known) == expected
    assert len(known) == count  # each page's entry (or its noindex) is kept for the next build
    # the next build takes the kept entries of pages it did not change
    assert sitemap.collect(output, BASE, known=known) == expected
