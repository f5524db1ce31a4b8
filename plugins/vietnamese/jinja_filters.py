"""Jinja filters: each reads the page's language and time zone from the template context."""

from __future__ import annotations

from jinja2 import pass_context, pass_environment
from jinja2.filters import make_attrgetter

from tinhoi.sitebuild.pagereads import reads_shallow

from . import dates
from .text import d_aliases, vi_sort_key


def _lang(context) -> str:
    return context.get("DEFAULT_LANG", "vi")


@reads_shallow
@pass_context
def date_long(context, moment):
    """``Thứ Bảy, 28/11/2026`` / ``Saturday, 28 November 2026``."""
    return dates.format_day(dates.localize(moment, context.get("TIMEZONE")), _lang(context))


@reads_shallow
@pass_context
def date_short(context, moment):
    """``28/11/2026`` / ``28 Nov 2026``."""
    return dates.format_day(
        dates.localize(moment, context.get("TIMEZONE")), _lang(context), "short"
    )


@reads_shallow
@pass_context
def month_year(context, moment):
    """``tháng 11/2026`` / ``November 2026``."""
    return dates.format_day(moment, _lang(context), "month")


@reads_shallow
@pass_context
def date_published(context, moment):
    """``Thứ Bảy, 28/11/2026, 08:30 (GMT+7)``."""
    return dates.format_published(dates.localize(moment, context.get("TIMEZONE")), _lang(context))


@reads_shallow
def date_formal(moment):
    """``ngày 05 tháng 02 năm 2024`` (documents)."""
    return dates.format_formal(moment)


@reads_shallow
@pass_context
def number(context, value):
    """``1.535`` / ``1,535``."""
    return dates.format_number(value, _lang(context))


@reads_shallow  # through the environment's getattr, which the page's key sees
@pass_environment
def vi_sort(environment, items, attribute=None):
    """Sort in Vietnamese order; ``attribute`` is a dotted path (``0.name``) to the text."""
    text_of = make_attrgetter(environment, attribute) if attribute else (lambda item: item)
    return sorted(items, key=lambda item: vi_sort_key(str(text_of(item))))


@reads_shallow
def search_aliases(parts) -> str:
    """Folded spellings of the words with đ in ``parts`` (for the search index).

    ``parts`` is a text or a list of texts, e.g. ``[title, summary, content]``: a list,
    because joining with ``~`` would first escape a whole article body for nothing.
    """
    texts = [parts] if isinstance(parts, str) else parts
    return d_aliases(" ".join(str(text) for text in texts if text))


FILTERS = {
    "search_aliases": search_aliases,
    "date_long": date_long,
    "date_short": date_short,
    "month_year": month_year,
    "date_published": date_published,
    "date_formal": date_formal,
    "number": number,
    "vi_sort": vi_sort,
}
