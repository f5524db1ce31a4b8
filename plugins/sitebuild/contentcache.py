"""Keep the articles and pages read by the last build: a save re-reads only what it changed.

Reading a source makes a content object: the reader, the plugins' checks of its header
(``article/page_generator_context``), Pelican's URLs and paths. That object follows from
the source file's bytes, from what is global to the site (the code, Pelican, the settings,
the data files and images: ``fingerprints.inputs_digest``) and from what plugins declare
through ``content_read_inputs`` (which files a language sub-site reads). So a snapshot
of each object, pickled as it was right after it was read, is kept from build to build
(by the live preview in ``Build.kept``, by a one-off build in ``CACHE_PATH``) and taken
instead of reading the file again when all of these are the same.

A snapshot is a fresh object each build: whatever the build does to it afterwards
(translations, neighbours, URLs of other sites) starts from what a cold build would read.
Only reads that told the officer nothing and left the site's shared context as it was are
kept: a problem is told again each build, by reading the file again. An article dated in
the future is never kept (it is published once its date has passed). A kept object gets
``content_object_init`` again, as if just made: the receivers of that signal (photos,
takedowns) do their work for this build, and must be safe to run on such an object.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import logging
import os
import pickle
import zlib
from dataclasses import fields
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from .atomic import read_pickle, write_atomic
from .fingerprints import (
    Fingerprinter,
    _field_names,
    inputs_digest,
    note_source_read,
    reachable,
    read_digest,
    site_code,
    source_digest,
)
from .hooks import content_read_inputs

logger = logging.getLogger(__name__)

PART = "contents"  # in ``Build.kept`` (the live preview) and ``Build.parts`` (this build's)
FOLDER = "content-objects"  # in a site's CACHE_PATH, for the next one-off build
SHARDS = 32
VALUE_DEPTH = 3  # the unit data → its campaigns → one campaign
GENERATORS = (ArticlesGenerator, PagesGenerator)
_CONTAINERS = frozenset({list, set, dict})


@functools.cache
def _is_value_type(kind: type) -> bool:
    """A frozen dataclass: a value (a campaign, a branch, a card's style), which contents
    share when read (each campaign's link holds the unit data's own campaign)."""
    params = getattr(kind, "__dataclass_params__", None)
    return params is not None and params.frozen and not issubclass(kind, type)


@functools.cache
def _comparable(kind: type) -> bool:
    """Whether every field of ``kind`` takes part in telling its values apart."""
    return all(field.compare for field in fields(kind))


def _value_key(kind: type, items: tuple) -> tuple | None:
    """What tells a value apart: its type and every field (None: it cannot be shared)."""
    if not _comparable(kind):
        return None
    key = (kind, items)
    try:
        hash(key)
    except TypeError:  # a value holding a list
        return None
    return key


def _fields_of(value) -> tuple:
    return tuple(getattr(value, name) for name in _field_names(type(value)))


class _Pickler(pickle.Pickler):
    """Pickles a content without the build's settings and context it points to; the
    values it holds, by their fields."""

    def __init__(self, handle, settings: dict, context: dict):
        super().__init__(handle, pickle.HIGHEST_PROTOCOL)
        self._shared = {id(settings): "settings", id(context): "context"}

    def persistent_id(self, obj):
        # called for every object pickled, so told by its type alone (the settings and
        # the context are plain dictionaries): a snapshot in 0.11 ms against 0.24–0.37
        kind = type(obj)
        if kind is dict:
            return self._shared.get(id(obj))
        if _is_value_type(kind):
            return (kind, _fields_of(obj))
        return None


class _Unpickler(pickle.Unpickler):
    """Unpickles a content onto this build's settings and context. A value is the build's
    own object of that value (``values``), shared as when the content was read: copied
    into each snapshot, a site's campaigns would be held once per article that links them."""

    def __init__(self, handle, settings: dict, context: dict, values: dict):
        super().__init__(handle)
        self._shared = {"settings": settings, "context": context}
        self._values = values

    def persistent_load(self, pid):
        if not isinstance(pid, tuple):
            return self._shared[pid]
        kind, items = pid
        value = object.__new__(kind)
        for name, item in zip(_field_names(kind), items, strict=True):
            object.__setattr__(value, name, item)
        key = _value_key(kind, items)
        return value if key is None else self._values.setdefault(key, value)


def _values_in(context: dict) -> dict:
    """The values the context holds (the unit's data: its campaigns, branches…), each as
    its own key, for the kept contents to share."""
    values: dict = {}
    for held in context.values():
        for value in reachable(held, VALUE_DEPTH):
            kind = type(value)
            key = _value_key(kind, _fields_of(value)) if _is_value_type(kind) else None
            if key is not None:
                values.setdefault(key, value)
    return values


class _ReadWatch:
    """Whether reading one file logged a warning or changed the shared context."""

    def __init__(self, context: dict):
        self._context = context
        self._factory = None
        self.warned = False

    def _sizes(self) -> tuple:
        # what a receiver may do to the context: add an entry, replace one, add to one
        values = self._context.values()
        sizes = [len(value) for value in values if type(value) in _CONTAINERS]
        return tuple(map(id, values)), tuple(sizes)

    def __enter__(self):
        self._before = self._sizes()
        factory = self._factory = logging.getLogRecordFactory()

        def record(*args, **kwargs):
            made = factory(*args, **kwargs)
            if made.levelno >= logging.WARNING:
                self.warned = True
            return made

        logging.setLogRecordFactory(record)
        return self

    def __exit__(self, *exc):
        logging.setLogRecordFactory(self._factory)
        self.clean = not self.warned and exc[0] is None and self._sizes() == self._before
        return False


class SiteContents:
    """The kept contents of one language site: last build's, and this build's.

    On disk they are spread over ``SHARDS`` files by source name, so a build that read a
    few files again rewrites a few shards, not every snapshot of the site.
    """

    def __init__(self, folder: Path | None):
        self.folder = folder  # where a one-off build keeps them (None: kept in memory)
        self.inputs: str | None = None
        self._old: dict = {}  # the last build's: (kind, file, digest, inputs) → snapshot
        self.entries: dict = {}  # this build's
        self.clean: set = set()  # files read this build that may be kept
        self._changed: set[int] = set()  # shards this build changed
        self.kept = self.read = 0

    def start(self, settings: dict, code: str) -> None:
        inputs = inputs_digest(code, settings, Fingerprinter())
        if self.folder is not None:
            self._old = {}
            for number in range(SHARDS):
                stored = read_pickle(self.folder / f"{number:02d}.pickle")
                if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == inputs:
                    self._old.update(stored[1])
        elif inputs != self.inputs:
            self._old = {}
        self.inputs = inputs
        self.entries, self.clean, self._changed = {}, set(), set()
        self._values: dict | None = None  # this build's values (``_Unpickler``)
        self.kept = self.read = 0

    @staticmethod
    def _source(generator, name: str) -> str:
        return os.path.abspath(os.path.join(generator.path, name))

    def _key(self, generator, name: str, digest=source_digest) -> tuple | None:
        """``digest``: how the file's bytes are told (as they are now, for a lookup; as
        they were read, to store a content made from them)."""
        source = self._source(generator, name)
        data = digest(source)
        if data is None:
            return None
        extra = [value for _, value in content_read_inputs.send(generator.settings, path=source)]
        return (type(generator).__name__, name, data, repr(extra))

    def lookup(self, generator, name: str):
        key = self._key(generator, name)
        known = self._old.get(key) if key is not None else None
        if known is None:
            return None
        note_source_read(self._source(generator, name), key[2])
        snapshot = io.BytesIO(zlib.decompress(known))
        if self._values is None:  # the unit's data is in the context before any source
            self._values = _values_in(generator.context)
        content = _Unpickler(snapshot, generator.settings, generator.context, self._values).load()
        self.entries[key] = known
        self.kept += 1
        # as if just made: the receivers of this signal do their work for this build
        signals.content_object_init.send(content)
        return content

    def read_file(self, generator, original, *args, **kwargs):
        """The generator's ``readers.read_file``, noting whether the read may be kept."""
        watch = _ReadWatch(generator.context)
        with watch:
            content = original(*args, **kwargs)
        if watch.clean:
            self.clean.add(kwargs.get("path"))
        self.read += 1
        return content

    def store(self, generator, name: str, content) -> None:
        if name not in self.clean or not _keepable(content):
            return
        key = self._key(generator, name, read_digest)
        if key is None:
            return
        handle = io.BytesIO()
        _Pickler(handle, generator.settings, generator.context).dump(content)
        # compressed: the preview holds the whole site's snapshots, a one-off build reads them
        self.entries[key] = zlib.compress(handle.getvalue(), 1)
        self._changed.add(_shard(key))

    def save(self) -> None:
        """Hand this build's contents to the next build; a one-off build writes the shards
        it changed (a file read again, or gone)."""
        gone = set(self._old) - set(self.entries)
        self._old, self.entries = self.entries, {}
        if self.folder is None:
            return
        changed = self._changed | {_shard(key) for key in gone}
        if not (self.folder / f"{SHARDS - 1:02d}.pickle").exists():
            changed = set(range(SHARDS))  # a new folder: every shard, empty ones too
        shards: dict[int, dict] = {number: {} for number in changed}
        for key, snapshot in self._old.items():
            number = _shard(key)
            if number in shards:
                shards[number][key] = snapshot
        for number, entries in shards.items():
            data = pickle.dumps((self.inputs, entries), pickle.HIGHEST_PROTOCOL)
            write_atomic(self.folder / f"{number:02d}.pickle", data)


def _shard(key: tuple) -> int:
    return zlib.crc32(key[1].encode()) % SHARDS


def _keepable(content) -> bool:
    """Dated no later than now: a future date's status changes with the clock."""
    date = getattr(content, "date", None)
    if not isinstance(date, dt.datetime):
        return False
    now = dt.datetime.now(dt.UTC) if date.tzinfo is not None else dt.datetime.now()
    return date <= now


def site_contents(build, settings: dict, site: str) -> SiteContents:
    """This build's kept contents of the site writing to ``site`` (under staging)."""
    sites = build.parts.setdefault(PART, {})
    if site in sites:
        return sites[site]
    if build.kept is not None:  # the live preview: the last build's, in memory
        contents = build.kept.setdefault(PART, {}).setdefault(site, SiteContents(None))
    else:
        contents = SiteContents(Path(settings["CACHE_PATH"]) / FOLDER)
    contents.start(settings, site_code(build, settings))
    sites[site] = contents
    return contents


def attach(generator, contents: SiteContents) -> None:
    """Make ``generator`` take kept contents and keep what it reads."""
    readers = generator.readers
    original = readers.read_file

    def lookup(name, default=None):
        content = contents.lookup(generator, name)
        return default if content is None else content

    generator.get_cached_data = lookup
    generator.cache_data = lambda name, content: contents.store(generator, name, content)
    readers.read_file = lambda *args, **kwargs: contents.read_file(
        generator, original, *args, **kwargs
    )
