"""What a page's rendering read: the names, contents and bodies its key is made of.

A page used to count every content of the site in its key, so a new tag, a title or a
date rendered every page again. Instead the templates are watched while they render:

- each name a template looks up (``articles``, ``unit``, ``SITENAME``) counts by its
  *shape*: its plain values, and the contents it holds by identity only;
- each content whose attribute a template reads (``a.title``) counts as a whole object
  (``Fingerprinter``: all its metadata and whatever plugins set on it), its body too when
  the template reads the body (``a.content``) or calls one of its methods;
- a helper of Python (a filter, a global, a method of the unit data) may read whatever it
  is given: the contents it is handed, and those found in the names it looks up while it
  runs, count as whole objects with their bodies and the contents they point to. A helper
  marked ``reads_shallow`` (dates, URLs, the language switch) reads plain values and a
  content's own state only: the contents it is handed count whole, nothing more.

Builtin Jinja filters (``map``, ``sort``, ``groupby``…) read through the same hooks as the
templates, so they are watched attribute by attribute. What a page read is kept with its
key (``incremental.py``); the next build works the key out again from the same reads of
its own objects, and renders the page only when it differs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from typing import NamedTuple

import jinja2
from jinja2.runtime import Context, Macro

from .fingerprints import (
    _CONTENT_KIND,
    _DATACLASS_KIND,
    _DICT_KIND,
    _SEQUENCE_KIND,
    _SET_KIND,
    _kind_of,
    reachable,
)

# reads of these attributes show the body (other attributes are the object's state)
BODY_ATTRIBUTES = frozenset({"content", "_content", "get_content"})
# template functions that read nothing of the page (Jinja's own and gettext's)
QUIET_GLOBALS = frozenset(
    {"gettext", "ngettext", "pgettext", "npgettext", "_", "partial_cached", "range", "dict"}
)
WALK_DEPTH = 4  # how deep a helper's arguments are searched for contents

_ACTIVE: ContextVar[ReadLog | None] = ContextVar("sitebuild_page_reads", default=None)


def is_content(value) -> bool:
    return _kind_of(type(value)) is _CONTENT_KIND


_CONTAINERS = (_DICT_KIND, _SEQUENCE_KIND, _SET_KIND, _DATACLASS_KIND)


class ReadLog:
    """The reads of one page (or one cached fragment): names, contents, bodies.

    ``reach`` is shared by the pages one process renders: the contents found in a value
    handed to Python (the unit's data on every page) are searched for once.
    """

    def __init__(self, reach: dict | None = None):
        self.names: set[str] = set()
        self.contents: dict[int, object] = {}
        self.bodies: dict[int, object] = {}
        self.helpers = 0  # > 0 while a helper of Python runs
        self.reach = reach if reach is not None else {}
        self._handed: set[int] = set()

    def content(self, value, body: bool = False) -> None:
        self.contents[id(value)] = value
        if body:
            self.bodies[id(value)] = value

    def handed(self, value) -> None:
        """``value`` went to Python code: every content in it counts whole, its body and
        the contents it points to (translations, neighbours) too."""
        for content in self._reachable(value):
            if id(content) in self._handed:
                continue
            self._handed.add(id(content))
            self.content(content, body=True)
            for attribute in vars(content).values():
                if is_content(attribute):
                    self.content(attribute)
                elif _kind_of(type(attribute)) is _SEQUENCE_KIND:
                    for item in attribute:
                        if is_content(item):
                            self.content(item)

    def _reachable(self, value) -> tuple:
        kind = _kind_of(type(value))
        if kind is _CONTENT_KIND:
            return (value,)
        if kind not in _CONTAINERS:
            return ()
        known = self.reach.get(id(value))
        if known is None or known[0] is not value:
            found = {id(item): item for item in reachable(value, WALK_DEPTH) if is_content(item)}
            known = (value, tuple(found.values()))
            self.reach[id(value)] = known
        return known[1]

    def merge(self, other: ReadLog) -> None:
        self.names |= other.names
        self.contents.update(other.contents)
        self.bodies.update(other.bodies)

    def add(self, reads: Reads) -> None:
        """Count reads kept in compact form (``frozen``)."""
        self.names.update(reads.names)
        self.contents.update((id(content), content) for content in reads.contents)
        self.bodies.update((id(content), content) for content in reads.bodies)

    def frozen(self, interned: dict) -> Reads:
        """These reads in a compact form, to keep (a cached fragment's: thousands are kept
        while a site renders); ``interned`` makes equal sets of names one object."""
        names = tuple(sorted(self.names))
        return Reads(
            interned.setdefault(names, names),
            tuple(self.contents.values()),
            tuple(self.bodies.values()),
        )


class Reads(NamedTuple):
    """Reads kept for later (``ReadLog.frozen``), replayed into a page's log."""

    names: tuple[str, ...]
    contents: tuple
    bodies: tuple


@contextmanager
def recording(reach: dict | None = None) -> Iterator[ReadLog]:
    """Record the reads made inside the block; they count for the enclosing record too.
    ``reach``: see ``ReadLog``."""
    outer = _ACTIVE.get()
    log = ReadLog(outer.reach if outer is not None else reach)
    token = _ACTIVE.set(log)
    try:
        yield log
    finally:
        _ACTIVE.reset(token)
        if outer is not None:
            outer.merge(log)


def replay(reads: Reads) -> None:
    """Count ``reads`` for the page being rendered (a cached fragment pasted again)."""
    current = _ACTIVE.get()
    if current is not None:
        current.add(reads)


class ReadingContext(Context):
    """A template context that records the names looked up and the helpers called."""

    def resolve_or_missing(self, key):
        if key in self.vars:  # set by the template itself ({% set %}): made of other reads
            return self.vars[key]
        value = super().resolve_or_missing(key)
        log = _ACTIVE.get()
        if log is not None:
            log.names.add(key)
            if is_content(value):
                log.content(value)
            if log.helpers:
                log.handed(value)
        return value

    def call(__self, __obj, *args, **kwargs):  # Jinja's own signature
        log = _ACTIVE.get()
        if log is None or _quiet(__obj):
            return Context.call(__self, __obj, *args, **kwargs)
        return _helper_call(log, __obj, partial(Context.call, __self, __obj), args, kwargs)


def reads_shallow(function):
    """Mark a template helper that reads plain values, and of a content only what the
    content holds itself (its metadata, the identities of its translations): the contents
    it is handed or looks up count whole, not those it could reach through them, nor their
    bodies. Its arguments otherwise count by the shape they came with."""
    function.reads_shallow = True
    return function


def _quiet(function) -> bool:
    """Jinja's own callables (macros, blocks, loops) and builtins read nothing unseen."""
    if isinstance(function, Macro) or getattr(function, "memoized", False):
        return True
    module = getattr(function, "__module__", None) or ""
    if module.startswith("jinja2") or module == "builtins":
        return True
    return getattr(function, "__name__", None) in QUIET_GLOBALS


def _helper_call(log: ReadLog, function, call, args: tuple, kwargs: dict):
    """Call a helper of Python: what it is handed counts whole (``ReadLog.handed``), as do
    the values of the names it looks up, unless it is marked ``reads_shallow``."""
    values = [value for value in (*args, *kwargs.values()) if not isinstance(value, Context)]
    if getattr(function, "reads_shallow", False):
        for value in values:
            if is_content(value):
                log.content(value)
        return call(*args, **kwargs)
    owner = getattr(function, "__self__", None)
    if owner is not None:
        log.handed(owner)
    for value in values:
        log.handed(value)
    log.helpers += 1
    try:
        return call(*args, **kwargs)
    finally:
        log.helpers -= 1


def _watched_helper(function):
    """A filter or test of Python, watched as ``ReadingContext.call`` watches globals."""

    def helper(*args, **kwargs):
        log = _ACTIVE.get()
        if log is None:
            return function(*args, **kwargs)
        return _helper_call(log, function, function, args, kwargs)

    # Jinja passes the context (or environment) to a function marked for it
    if hasattr(function, "jinja_pass_arg"):
        helper.jinja_pass_arg = function.jinja_pass_arg
    helper.__name__ = getattr(function, "__name__", "helper")
    helper.__wrapped__ = function
    return helper


def _watched_read(read):
    """``a.title`` and ``a["title"]`` of a template: a content read counts whole, with its
    body when the body or a method is read."""

    def watched(obj, name):
        value = read(obj, name)
        log = _ACTIVE.get()
        if log is not None and is_content(obj):
            log.content(obj, name in BODY_ATTRIBUTES or callable(value))
        return value

    return watched


def instrument(environment) -> None:
    """Make ``environment``'s templates record what they read (once per environment)."""
    if getattr(environment, "reads_recorded", False):
        return
    environment.reads_recorded = True
    environment.context_class = ReadingContext
    environment.getattr = _watched_read(environment.getattr)
    environment.getitem = _watched_read(environment.getitem)
    tables = (
        (environment.filters, jinja2.filters.FILTERS),
        (environment.tests, jinja2.tests.TESTS),
    )
    for table, builtin in tables:
        for name, function in list(table.items()):
            if builtin.get(name) is not function and not _quiet(function):
                table[name] = _watched_helper(function)
