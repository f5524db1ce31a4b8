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
    """A ``partial_cached(name, **variables)`` template global with its own cache.

    A site's cards are kept while its pages render, in each render worker: as UTF-8 (half
    the size of a Vietnamese text in memory) with their reads in compact form.
    """
    rendered: dict = {}
    interned: dict = {}  # the reads' sets of names: the same for every card

    @pass_context
    def partial_cached(context, name: str, **variables) -> Markup:
        # one flat tuple: a card's key is kept as long as its card (names, then values)
        names = sorted(variables)
        key = (name, context.get("DEFAULT_LANG"), context.get("SITEURL"), *names)
        key += tuple(variables[variable] for variable in names)
        try:
            html, reads = rendered[key]
            replay(reads)
            return Markup(html.decode("utf-8"))
        except KeyError:
            pass
        except TypeError:  # a variable that cannot be a key: render every time
            key = None
        with recording() as reads:
            html = Markup(_render(context, name, variables))
        if key is not None:
            rendered[key] = (html.encode("utf-8"), reads.frozen(interned))
        return html

    return partial_cached


def _render(context, name: str, variables: dict) -> str:
    """``name`` rendered on the page's names and ``variables``, as Jinja's ``include``
    renders: on the page's own names, which hold the globals already. ``render`` would
    merge the globals in again, one lookup at a time through their chain (a fifth of a
    card's cost)."""
    template = context.environment.get_template(name)
    names = template.new_context(context.get_all(), shared=True, locals=variables)
    try:
        return template.environment.concat(template.root_render_func(names))
    except Exception:
        return template.environment.handle_exception()
