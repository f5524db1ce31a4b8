"""Digests of what pages are made of: the pieces of a page's key (``pagekeys.py``).

The theme and plugin code (templates and catalogs included), the libraries, the settings;
a content as a whole object (all its metadata and whatever plugins set on it, but its body);
any value a template looks up, with the contents in it as a whole or, for its *shape*, by
identity only (``Fingerprinter(contents_by_identity=True)``). Context entries that change
between builds without changing any page (``VOLATILE``) and plugins' private caches (context
names starting with ``_``) are left out.

Every build digests every content a page read again (the live preview: on each save). Its rich
state (the metadata, tags, photos, data links: whatever is not a plain value or another
content) is what costs, and follows from the object's own source file and what is global
to the site: the code, Pelican, the settings, the data files and images (``inputs_digest``).
So that part's digest is kept from build to build (``Fingerprinter.use_memo``: in memory by
the live preview, in ``CACHE_PATH`` by a one-off build), keyed by the bytes the content
was read from (``note_source_read``) and the global digest. Plain values and references to
other contents (neighbours, translations) are digested afresh every build, and a rich value
that holds another content is never kept: what one content shows of another is never taken
from memory.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import os
import pickle
import sys
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as installed_version
from pathlib import Path

from pelican.contents import Content, Static
from pelican.urlwrappers import URLWrapper

from .atomic import read_pickle
from .package import version
from .state import current_build

# settings and context entries that differ between builds without changing any page
# (paths of the staging folder; the static-file lists, whose order varies)
VOLATILE = {
    "OUTPUT_PATH",
    "localsiteurl",
    "CACHE_PATH",
    "staticfiles",
    "static_links",
    "static_content",
}
# what a content object holds that is not its own input: back-references to the whole
# build (every setting, every other content), and the body, which counts only for the pages
# and feeds that show it (``pagekeys.PageKeys``)
NOT_CONTENT_STATE = frozenset({"settings", "_context", "_content"})
# an attribute that is the very object its header entry is (``Fingerprinter._rich_member``)
_IN_HEADER = "\0header"
_NOT_IN_HEADER = object()


def fingerprinted(key) -> bool:
    """Context entries that count: not volatile, not a plugin's private cache (``_name``)."""
    return key not in VOLATILE and not str(key).startswith("_")


# what a page or a kept content also follows from: the HTML Markdown makes, the pictures
# and cards Pillow makes, the templates Jinja runs
LIBRARIES = ("pelican", "markdown", "pillow", "jinja2")


@functools.lru_cache(maxsize=1)
def library_versions() -> tuple[str, ...]:
    """The installed versions of ``LIBRARIES``: a cache kept on disk outlives an upgrade."""
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name} {installed_version(name)}")
        except PackageNotFoundError:
            versions.append(f"{name} -")
    return tuple(versions)


def files_digest(folders: list[Path]) -> str:
    """One digest of the names and bytes of every file under ``folders`` (the theme and
    the plugins; the data files)."""
    files = hashlib.sha1()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                files.update(path.as_posix().encode())
                try:
                    files.update(path.read_bytes())
                except OSError:  # renamed or deleted while the preview looked: gone
                    files.update(b"\0gone")
    return files.hexdigest()


def site_code(build, settings: dict) -> str:
    """The digest of the theme and plugin code a site is built with, and the package's
    version (it is on every page): worked out once per build (``build``: its ``Build``)."""
    codes = build.parts.setdefault("code", {}) if build is not None else {}
    package = Path(__file__).resolve().parents[1]
    others = [Path(p) for p in settings["PLUGIN_PATHS"] if Path(p).resolve() != package]
    folders = [Path(settings["THEME"]), package, *others]
    key = repr(folders)
    if key not in codes:
        codes[key] = digest([files_digest(folders), version()])
    return codes[key]


LONG_LIST = 32  # lists at least this long are summarised once per build (see below)
# frozen values of one class kept before one is met again; past that, none met twice, each
# is a content's own (a share card's job) and keeping them only costs memory
FROZEN_TRIES = 64
_PLAIN = (str, int, float, bool, type(None))
_CONTENT_NAMES = frozenset({tuple, str})  # a content's identity, a content's digest

# What ``Fingerprinter`` does with a value follows from its type alone: the type's kind is
# worked out once (the ``isinstance`` tests, in order) instead of on each of the hundreds
# of thousands of values a build digests.
_PLAIN_KIND, _STATIC_KIND, _CONTENT_KIND, _DATE_KIND = "plain", "static", "content", "date"
_WRAPPER_KIND, _DICT_KIND, _SEQUENCE_KIND, _SET_KIND = "wrapper", "dict", "sequence", "set"
_DATACLASS_KIND, _OTHER_KIND = "dataclass", "other"


@functools.cache
def _kind_of(cls: type) -> str:
    if issubclass(cls, _PLAIN):
        kind = _PLAIN_KIND
    elif issubclass(cls, Static):
        kind = _STATIC_KIND
    elif issubclass(cls, Content):
        kind = _CONTENT_KIND
    elif issubclass(cls, (dt.date, dt.time)):
        kind = _DATE_KIND
    elif issubclass(cls, URLWrapper):
        kind = _WRAPPER_KIND
    elif issubclass(cls, dict):
        kind = _DICT_KIND
    elif issubclass(cls, (list, tuple)):
        kind = _SEQUENCE_KIND
    elif issubclass(cls, (set, frozenset)):
        kind = _SET_KIND
    elif dataclasses.is_dataclass(cls):
        kind = _DATACLASS_KIND
    else:
        kind = _OTHER_KIND
    return kind


@functools.cache
def _is_frozen(cls: type) -> bool:
    return bool(getattr(getattr(cls, "__dataclass_params__", None), "frozen", False))


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(cls))


def reachable(value, depth: int) -> Iterator:
    """``value`` and what it holds (the items of dicts, lists, tuples and sets, the fields
    of dataclasses), ``depth`` levels down; a content is not looked into."""
    yield value
    if depth == 0:
        return
    kind = _kind_of(type(value))
    if kind is _DICT_KIND:
        items = value.values()
    elif kind is _SEQUENCE_KIND or kind is _SET_KIND:
        items = value
    elif kind is _DATACLASS_KIND:  # the unit's data: a branch's page and its articles
        items = [getattr(value, name) for name in _field_names(type(value))]
    else:
        return
    for item in items:
        yield from reachable(item, depth - 1)


class Fingerprinter:
    """JSON-able summaries of what templates see; each content object summarised once.

    Long lists (all articles, a tag's articles) are handed to page after page of a
    listing: each is summarised once, as one digest. The list is kept referenced so its
    ``id`` cannot be reused by another list while this build runs.
    """

    def __init__(self, contents_by_identity: bool = False):
        # ``contents_by_identity``: a content counts by its ``content_identity`` alone (the
        # *shape* of a value: what a page's key takes of a name it looked up)
        self._by_identity = contents_by_identity
        self._contents: dict[int, object] = {}  # a digest, or an identity
        self._lists: dict[tuple[int, int], tuple[object, str]] = {}
        self._frozen: dict[tuple[int, int], tuple[object, str, bool]] = {}
        self._frozen_uses: dict[type, list[int]] = {}
        self._memo: dict | None = None  # see ``use_memo``
        self._memo_old: dict = {}
        self._met_content = False  # a content was met while digesting a rich value
        # the names of rich attributes, one tuple for all the contents that have the same
        # (the memo keeps them to the end of the build)
        self._rich_names: dict[tuple[str, ...], tuple[str, ...]] = {}

    def use_memo(self, memo: dict, inputs: str) -> None:
        """Take rich-state digests from ``memo`` (kept by the caller from build to build)
        and put this build's there; ``inputs`` is this build's ``inputs_digest``: what
        the memo holds under other inputs is dropped, and so is what this build did not
        use (a deleted article's)."""
        self._memo_old = memo.get("entries", {}) if memo.get("inputs") == inputs else {}
        memo["inputs"] = inputs
        memo["entries"] = self._memo = {}

    def __call__(self, value, depth: int = 0) -> object:
        if depth > 5:
            return type(value).__name__
        cls = type(value)
        kind = _kind_of(cls)
        if kind is _PLAIN_KIND:
            return value
        if kind is _CONTENT_KIND:
            self._met_content = True
            known = self._contents.get(id(value))
            if known is None:  # the same wherever it is met
                if self._by_identity:
                    known = content_identity(value)
                else:
                    known = self._content_digest(value, 0)
                self._contents[id(value)] = known
            return known
        if kind is _DICT_KIND:
            return {
                str(key): self(item, depth + 1) for key, item in value.items() if fingerprinted(key)
            }
        if kind is _SEQUENCE_KIND:
            if len(value) >= LONG_LIST:
                key = (id(value), len(value))
                known = self._lists.get(key)
                if known is None or known[0] is not value:
                    known = (value, _list_digest(self._items(value, depth)))
                    self._lists[key] = known
                return known[1]
            return self._items(value, depth)
        if kind is _DATACLASS_KIND:
            if not _is_frozen(cls):
                return {name: self(getattr(value, name), depth + 1) for name in _field_names(cls)}
            return self._frozen_digest(value, cls, depth)
        if kind is _STATIC_KIND:
            self._met_content = True
            return value.url
        if kind is _DATE_KIND:
            return value.isoformat()
        if kind is _WRAPPER_KIND:
            # its URL follows from the slug and the settings (in the digest already);
            # ``.url`` would grow the __dict__ of each of thousands of tag objects
            return [cls.__name__, str(value.name), value.slug]
        if kind is _SET_KIND:
            return sorted(self._items(value, depth), key=repr)
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return cls.__name__  # functions, modules, generators…

    def _frozen_digest(self, value, cls: type, depth: int) -> str:
        """A frozen dataclass summarised once per build (and depth), as one digest: the
        unit data's campaigns and branches and a share card's style are held by most
        articles, and each content's digest took their fields apart again (a cold build
        of 1,000 articles: 160 µs a content against 270). Kept referenced, like a long
        list, unless its class's values are never met twice (``FROZEN_TRIES``); a
        content met inside it counts for each content that holds it."""
        key = (id(value), depth)
        known = self._frozen.get(key)
        uses = self._frozen_uses.setdefault(cls, [0, 0])  # [values kept, met again]
        if known is not None and known[0] is value:
            uses[1] += 1
        else:
            outer, self._met_content = self._met_content, False
            fields = {name: self(getattr(value, name), depth + 1) for name in _field_names(cls)}
            known = (value, digest(fields), self._met_content)
            self._met_content = outer
            if uses[1] or uses[0] < FROZEN_TRIES:
                self._frozen[key] = known
                uses[0] += 1
        self._met_content = self._met_content or known[2]
        return known[1]

    def _items(self, values, depth: int) -> list:
        # lists are mostly of contents already summarised: look them up directly
        known = self._contents
        return [known.get(id(item)) or self(item, depth + 1) for item in values]

    def _content_digest(self, content, depth: int) -> str:
        # the whole object, whatever a reader or a plugin set on it, and the summary
        # (derived from the body when the header has none); never a list of field names.
        # Other contents it points to (translations, neighbours) count by identity: a page
        # that reads their state records them as read too (``pagereads.py``).
        state = vars(content)
        fields = [("summary", self._member(content.summary, depth))]
        rich = []
        for key in sorted(state):
            if key in NOT_CONTENT_STATE:
                continue
            value = state[key]
            if type(value) in _PLAIN or _points_to_content(value):
                fields.append((key, self._member(value, depth)))
            else:
                rich.append(key)
        names = tuple(rich)
        names = self._rich_names.setdefault(names, names)
        fields.append(("", self._rich_digest(content, state, names, depth)))
        return tree_digest(fields)

    def _rich_digest(self, content, state: dict, names: tuple[str, ...], depth: int) -> str:
        """The digest of the attributes ``names``, from the memo when it holds them for
        this very source file (see the module docstring)."""
        source = read_digest(content.source_path) if self._memo is not None else None
        key = (type(content).__name__, content.source_path)
        if source is not None:
            known = self._memo.get(key) or self._memo_old.get(key)
            if known is not None and known[0] == source and known[1] == names:
                self._memo[key] = known
                return known[2]
        outer, self._met_content = self._met_content, False
        metadata = state.get("metadata")
        header = metadata if type(metadata) is dict else {}
        value = tree_digest(
            [(name, self._rich_member(state, name, header, depth)) for name in names]
        )
        if source is not None and not self._met_content:
            self._memo[key] = (source, names, value)
        self._met_content = outer or self._met_content
        return value

    def _rich_member(self, state: dict, name: str, header: dict, depth: int) -> object:
        # Pelican sets each header value as an attribute too (``tags``, ``date``…): the
        # very object is counted once, in ``metadata``. One a plugin has replaced since is
        # another object, and counts whole.
        value = state[name]
        if name != "metadata" and header.get(name, _NOT_IN_HEADER) is value:
            return _IN_HEADER
        return self._member(value, depth)

    def _member(self, value, depth: int) -> object:
        cls = type(value)
        if cls in _PLAIN:
            return value
        kind = _kind_of(cls)
        if kind is _CONTENT_KIND:
            self._met_content = True
            return content_identity(value)
        if kind is _SEQUENCE_KIND and _holds_content(value):
            return [self._member(item, depth) for item in value]
        if kind is _DICT_KIND:
            return {str(key): self._member(item, depth + 1) for key, item in value.items()}
        return self(value, depth + 1)


def read_memo(path: Path) -> dict:
    """A memo a one-off build kept at ``path`` for ``Fingerprinter.use_memo`` ({} if none)."""
    memo = read_pickle(path)
    return memo if isinstance(memo, dict) else {}


def _holds_content(values) -> bool:
    """True when ``values`` holds a content object (a static file included)."""
    return any(_kind_of(type(item)) in (_CONTENT_KIND, _STATIC_KIND) for item in values)


def _points_to_content(value) -> bool:
    """A content, or a list of contents (translations): named by identity, never kept."""
    kind = _kind_of(type(value))
    if kind is _CONTENT_KIND or kind is _STATIC_KIND:
        return True
    return kind is _SEQUENCE_KIND and _holds_content(value)


def source_digest(path) -> str | None:
    """``_file_digest`` of a content's source, read once per build (each language site's
    kept contents ask: ``contentcache.py``), so both see the same bytes."""
    build = current_build()
    if build is None:
        return _file_digest(path)
    known = build.parts.setdefault("source-digests", {})
    if path not in known:
        known[path] = _file_digest(path)
    return known[path]


def note_source_read(path: str, digest: str) -> None:
    """A reader made a content of ``path`` from bytes whose SHA-1 is ``digest``.

    What is kept for a content from build to build is keyed on the bytes it was made from,
    not on the file as it is when the key is worked out: a save made in between would
    file the old reading under the new bytes, and the next build would take it for the
    new one. A file read twice in one build (by each language site) with a save between
    the two readings has no digest this build: nothing is kept for it."""
    build = current_build()
    if build is None or not digest:
        return
    known = build.parts.setdefault("read-digests", {})
    if known.setdefault(path, digest) != digest:
        known[path] = None


def read_digest(path) -> str | None:
    """The digest of the bytes this build made the content of ``path`` from
    (``note_source_read``); None when no reader told, or two readings differed."""
    build = current_build()
    return build.parts.get("read-digests", {}).get(path) if build is not None else None


def _file_digest(path) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha1(handle.read()).hexdigest()
    except (OSError, TypeError):  # no source file (a content made by a plugin)
        return None


# content sources: left out of ``inputs_digest``, each counts in its own content's key
SOURCE_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown", ".rst", ".html", ".htm")
SMALL_FILE = 256 * 1024  # files up to this size count by their bytes in ``inputs_digest``


def _is_source(relative: str, folders: list[str]) -> bool:
    """A file Pelican reads as an article or a page (a content of one language site or
    another): under ``ARTICLE_PATHS`` or ``PAGE_PATHS``, with a reader's suffix."""
    if not relative.endswith(SOURCE_SUFFIXES):
        return False
    return any(folder in ("", ".") or relative.startswith(folder + "/") for folder in folders)


def site_digest(code: str, settings: dict, fingerprint: Fingerprinter) -> str:
    """What every page and every content's rich state follows from: the code (``code``),
    the libraries, Python and the settings (a record kept on disk outlives the process:
    Pelican and Python may change meanwhile)."""
    plain = {str(key): fingerprint(value) for key, value in settings.items() if fingerprinted(key)}
    return digest([code, library_versions(), sys.version, plain])


def inputs_digest(code: str, settings: dict, fingerprint: Fingerprinter) -> str:
    """What a content object's rich state can follow from besides its own source file:
    ``site_digest``, and every file under ``PATH`` (data files, images) but the content
    sources."""
    files = _site_files(settings["PATH"], _source_folders(settings))
    return digest([site_digest(code, settings, fingerprint), files])


def take_site_inputs(build, settings: dict) -> None:
    """List the code and the files under ``PATH`` as a site starts, before anything is
    read. They are listed once per build; listed later (when the first page's key is
    worked out), a data file or template saved while the site was read would count as what
    the build read, and digests kept for the next build would be filed under it."""
    site_code(build, settings)
    _site_files(settings["PATH"], _source_folders(settings))


def content_sources(settings: dict) -> list[str]:
    """Every content source under ``PATH`` (absolute paths, sorted): the files Pelican reads
    as articles or pages, of one language site or another."""
    folders = _source_folders(settings)
    return sorted(
        path for path, relative in _files_under(settings["PATH"]) if _is_source(relative, folders)
    )


def _files_under(root: str) -> Iterator[tuple[str, str]]:
    """(path, path relative to ``root`` with ``/``) of every file under ``root``; each
    folder's relative path worked out once (13,000 sources: 0.03 s, not 0.1)."""
    for folder, _subfolders, names in os.walk(root):
        prefix = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        for name in names:
            yield os.path.join(folder, name), prefix + name


def _source_folders(settings: dict) -> list[str]:
    return [
        folder.strip("/")
        for folder in [*settings.get("ARTICLE_PATHS", []), *settings.get("PAGE_PATHS", [])]
    ]


def _site_files(root: str, folders: list[str]) -> list:
    """Every file under ``root`` but the content sources, by bytes or stamp: listed once
    per build (both language sites, their kept contents and their writers ask)."""
    build = current_build()
    known = build.parts.setdefault("site-files", {}) if build is not None else {}
    key = (root, tuple(folders))
    if key in known:
        return known[key]
    files = []
    for path, relative in _files_under(root):
        if _is_source(relative, folders):
            continue
        try:
            stat = os.stat(path)
        except OSError:
            files.append([relative, -1, -1])
            continue
        # small files (data files, catalogs) by their bytes: a stamp can miss a second
        # save within the clock's granularity; photos by their stamp
        small = stat.st_size <= SMALL_FILE and _file_digest(path)
        files.append([relative, small or stat.st_mtime_ns, stat.st_size])
    files.sort()
    known[key] = files
    return files


def content_identity(content) -> tuple:
    """How a content object is named inside another one's digest."""
    return (type(content).__name__, content.source_path, content.lang, content.url)


def digest(value) -> str:
    """The SHA-1 of ``value`` as canonical JSON (dictionaries in the order of their keys)."""
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(text.encode()).hexdigest()


def _list_digest(items: list) -> str:
    """A long list's digest: ``tree_digest`` for one of contents (their identities or
    digests: the lists of articles a site's pages show), ``digest`` for anything else,
    which may hold a dictionary whose order differs from build to build (one made from a
    set)."""
    return tree_digest(items) if set(map(type, items)) <= _CONTENT_NAMES else digest(items)


def tree_digest(value) -> str:
    """The SHA-1 of ``value``, a tree of plain values, lists, tuples and dictionaries (in
    their own order), made of what this module makes of contents, for the values digested
    by the thousand: a content's fields (3.5 µs against 4.3 for their ``repr``) and the
    long lists of contents (a 10,000-item list: 3.0 ms against 5.6 for ``digest``).

    Pickled without its memo, so a value shared twice in one tree is written twice, as two
    equal copies are, and in pickle's first form: the binary ones keep each non-ASCII
    text's UTF-8 form inside the text for as long as it lives (every title and summary of
    a site: 4.6 MB more at the peak of an edit build of 10,000 articles). Anything pickle
    refuses is digested by its ``repr``.
    """
    hashed = hashlib.sha1()
    pickler = pickle.Pickler(_Into(hashed.update), protocol=0)
    pickler.fast = True
    try:
        pickler.dump(value)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return hashlib.sha1(repr(value).encode()).hexdigest()
    return hashed.hexdigest()


class _Into:
    """A file for a pickler that writes into a hash."""

    __slots__ = ("write",)

    def __init__(self, write):
        self.write = write
