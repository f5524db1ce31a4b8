"""The Nu HTML checker (vnu.jar) finds no error in the built site, HTML and CSS."""

from __future__ import annotations

import pytest
from browser import nu_check as check

pytestmark = pytest.mark.browser


def test_the_checker_reports_broken_markup(tmp_path):
    (tmp_path / "bad.html").write_text(
        '<!DOCTYPE html><html lang="vi"><title>x</title><p><div></p>'
    )
    errors, checked = check(tmp_path, "html")
    assert len(checked) == 1
    assert any("“p”" in error for error in errors)


@pytest.mark.parametrize("kind", ["html", "css"])
def test_nu_html_checker_finds_no_error(sample_site, kind):
    errors, checked = check(sample_site.output, kind)
    assert errors == []
    assert len(checked) == len(list(sample_site.output.rglob(f"*.{kind}")))
