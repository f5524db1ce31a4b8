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

import functools
import types
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import NamedTuple

import jinja2
from jinja2.runtime import Context, Macro
from jinja2.utils import missing

from .fingerprints import (
    _CONTENT_KIND,
    _DATACLASS_KIND,
    _DICT_KIND,
    _PLAIN,
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
    """A template context that records the names looked up and the helpers called.

    Its methods run some 150 times a page: they are written for speed (Jinja's own lookup
    inlined, a content told by its type's kind, the quiet helpers known by function)."""

    def resolve_or_missing(self, key):
        if key in self.vars:  # set by the template itself ({% set %}): made of other reads
            return self.vars[key]
        value = self.parent.get(key, missing)  # as Jinja's own Context looks it up
        log = _ACTIVE.get()
        if log is not None:
            log.names.add(key)
            if _kind_of(type(value)) is _CONTENT_KIND:
                log.content(value)
            if log.helpers:
                log.handed(value)
        return value

    def call(__self, __obj, *args, **kwargs):  # Jinja's own signature
        log = _ACTIVE.get()
        reading = QUIET if log is None else _reading_of(__obj)
        if reading is QUIET:
            return Context.call(__self, __obj, *args, **kwargs)
        return _helper_call(log, __obj, reading, Context.call, (__self, __obj), args, kwargs)


def reads_shallow(function):
    """Mark a template helper that reads plain values, and of a content only what the
    content holds itself (its metadata, the identities of its translations): the contents
    it is handed or looks up count whole, not those it could reach through them, nor their
    bodies. Its arguments otherwise count by the shape they came with."""
    function.reads_shallow = True
    return function


# how a template function reads the page (``_reading_of``)
QUIET, SHALLOW, DEEP, DEEP_IN_CONTEXT = "quiet", "shallow", "deep", "deep, in the context"
# what Jinja hands ``Context.call`` beside a call's arguments: the ``{% set %}`` values of
# the loop or block the call is in, for a function that takes the context (only)
JINJA_CALL_VARS = frozenset({"_loop_vars", "_block_vars"})


def _reading_of(function) -> str:
    """``QUIET``: Jinja's own callables (macros, blocks, loops) and builtins read nothing
    unseen; ``SHALLOW``: a helper marked ``reads_shallow``; ``DEEP``: any other helper,
    ``DEEP_IN_CONTEXT`` when it takes the template's context (``pass_context``)."""
    if type(function) is Macro:  # made anew for each render
        return QUIET
    # the same few helpers are called page after page: known by their function (a
    # method's); anything else (a method of a builtin value, a callable object) is asked
    underlying = getattr(function, "__func__", function)
    if type(underlying) is types.FunctionType:
        return _reading_of_function(underlying)
    return _reading_of_function.__wrapped__(function)


@functools.lru_cache(maxsize=1024)
def _reading_of_function(function) -> str:
    if isinstance(function, Macro) or getattr(function, "memoized", False):
        return QUIET
    module = getattr(function, "__module__", None) or ""
    if module.startswith("jinja2") or module == "builtins":
        return QUIET
    if getattr(function, "__name__", None) in QUIET_GLOBALS:
        return QUIET
    if getattr(function, "reads_shallow", False):
        return SHALLOW
    # Jinja hands the context to a callable object's ``__call__`` marked for it too
    method = next(
        (vars(cls)["__call__"] for cls in type(function).__mro__ if "__call__" in vars(cls)), None
    )
    takes_context = hasattr(function, "jinja_pass_arg") or hasattr(method, "jinja_pass_arg")
    return DEEP_IN_CONTEXT if takes_context else DEEP


def _helper_call(log: ReadLog, function, reading: str, call, lead: tuple, args, kwargs):
    """``call(*lead, *args, **kwargs)``: a call of the helper ``function``, which reads
    what it is handed (``_note_handed``) and, unless shallow, what it looks up meanwhile."""
    _note_handed(log, function, args, kwargs, reading)
    if reading is SHALLOW:
        return call(*lead, *args, **kwargs)
    log.helpers += 1
    try:
        return call(*lead, *args, **kwargs)
    finally:
        log.helpers -= 1


def _note_handed(log: ReadLog, function, args: tuple, kwargs: dict, reading: str) -> None:
    """What a helper of Python is handed counts whole (``ReadLog.handed``), and so do the
    values of the names it looks up while it runs (``log.helpers``); a helper marked
    ``reads_shallow`` counts only the contents it is handed, without what they point to."""
    shallow = reading is SHALLOW
    for value in args:
        _note_value(log, value, shallow)
    for name, value in kwargs.items():
        if name not in JINJA_CALL_VARS or reading is DEEP_IN_CONTEXT:
            _note_value(log, value, shallow)
    owner = getattr(function, "__self__", None)
    if owner is not None and not shallow:
        log.handed(owner)


def _note_value(log: ReadLog, value, shallow: bool) -> None:
    if type(value) in _PLAIN or isinstance(value, Context):
        return
    if not shallow:
        log.handed(value)
    elif _kind_of(type(value)) is _CONTENT_KIND:
        log.content(value)


def _watched_helper(function):
    """A filter or test of Python, watched as ``ReadingContext.call`` watches globals."""

    reading = _reading_of(function)  # ``instrument`` wraps only those that read

    def helper(*args, **kwargs):
        log = _ACTIVE.get()
        if log is None:
            return function(*args, **kwargs)
        return _helper_call(log, function, reading, function, (), args, kwargs)

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
        if _kind_of(type(obj)) is _CONTENT_KIND:
            log = _ACTIVE.get()
            if log is not None:
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
            if builtin.get(name) is not function and _reading_of(function) is not QUIET:
                table[name] = _watched_helper(function)
