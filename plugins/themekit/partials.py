"""Fragments rendered once per build and pasted wherever they recur (a cached partial).

An article's card appears on the home page, in its category, its tags, its branch, its
campaign and its month: some six list pages. Rendered once, it is reused by each. The key
is the template, the language site and the variables passed, so a cached fragment must
depend on nothing else: nothing about the page it lands on. What the fragment read while it
was rendered counts for every page it is pasted into (the pages' keys: ``pagereads.py``).
"""

from __future__ import annotations

from jinja2 import pass_context
from markupsafe import Markup

from tinhoi.sitebuild.pagereads import recording, replay


def partial_cache():
    """A ``partial_cached(name, **variables)`` template global with its own cache."""
    rendered: dict = {}

    @pass_context
    def partial_cached(context, name: str, **variables) -> Markup:
        key = (name, context.get("DEFAULT_LANG"), context.get("SITEURL"))
        key += tuple(sorted(variables.items()))
        try:
            html, reads = rendered[key]
            replay(reads)
            return html
        except KeyError:
            pass
        except TypeError:  # a variable that cannot be a key: render every time
            key = None
        template = context.environment.get_template(name)
        with recording() as reads:
            html = Markup(template.render(context.get_all(), **variables))
        if key is not None:
            rendered[key] = (html, reads)
        return html

    return partial_cached
