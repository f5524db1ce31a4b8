"""Pelican's slugs of names (tags, categories, authors), worked out once per name.

Pelican makes a new ``Category`` and ``Author`` for each content it reads, and each works
out its slug again (``URLWrapper.slug``: strip tags, NFKC, unidecode, the regular
expressions of ``SLUG_REGEX_SUBSTITUTIONS``) the first time a URL or an output path is
formatted: twice per content, about 0.4 s of a one-edit build at 10,000 articles, for the
same handful of names. The slug follows from the name and the settings passed alone, so
it is kept, per name and settings, for the life of the process.
"""

from __future__ import annotations

import functools

import pelican.urlwrappers
import pelican.utils

SLUGS_KEPT = 1 << 14  # names: tags, categories and authors of the largest site, bounded
PELICANS_SLUGIFY = pelican.utils.slugify  # as Pelican wrote it, taken before ``install``


@functools.lru_cache(maxsize=SLUGS_KEPT)
def _slug(value: str, regex_subs: tuple, preserve_case: bool, use_unicode: bool) -> str:
    return PELICANS_SLUGIFY(
        value, regex_subs=regex_subs, preserve_case=preserve_case, use_unicode=use_unicode
    )


def _slugify(value: str, regex_subs=(), preserve_case: bool = False, use_unicode: bool = False):
    # the signature and the behaviour of ``pelican.utils.slugify``
    subs = tuple((src, dst) for src, dst in regex_subs)
    return _slug(value, subs, preserve_case, use_unicode)


def install() -> None:
    """Make the names' slugs (``URLWrapper``, which looks ``slugify`` up in its own module
    at each call) take the kept answer."""
    pelican.urlwrappers.slugify = _slugify
