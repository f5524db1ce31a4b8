"""A page's key from what its rendering read (``pagereads.py``).

The key is worked out twice from the same recipe: once the page is rendered, from its reads
and this build's objects; and by the next build, from the reads it kept and that build's
objects, before rendering. The page is rendered again only when the two differ.

- The fixed part (``static``): the theme and plugin code, the libraries, the settings, the
  template, the page's name and what the writer was handed (its contents by identity).
- Each name read, by its shape: plain values whole, contents by identity.
- Each content read, whole (``Fingerprinter``); its body when read, with the addresses of
  the other contents it links to (``{filename}`` links follow their target's URL).

A content is found again by its identity: type, source file, language, URL and the language
site it belongs to. One that cannot be found (deleted, renamed, moved) gives no key, and
the page is rendered.
"""

from __future__ import annotations

import hashlib

from pelican.paginator import Page as ListPage

from .fingerprints import (
    Fingerprinter,
    content_identity,
    digest,
    fingerprinted,
    site_code,
    site_digest,
)
from .pagereads import ReadLog, is_content
from .state import current_build

# names the writer adds for each page: they follow from the page's name, which is in the
# fixed part of the key (a paginated page's own names are among the writer's arguments)
WRITER_NAMES = frozenset({"output_file", "localsiteurl"})
MISSING = "\0missing"


def identity(content) -> tuple[str, ...]:
    """How a content is found again by the next build."""
    site = getattr(content, "settings", {}).get("DEFAULT_LANG", "")
    return tuple(str(part) for part in (*content_identity(content), site))


def reads_of(log: ReadLog, interned: dict) -> dict:
    """A page's reads as plain data (kept in the build's record, sent by the workers).
    ``interned`` is shared by the pages one process renders: an identity, or a set of
    names, read by page after page is one object, and is sent once."""

    def named(content) -> tuple[str, ...]:
        known = interned.get(id(content))
        if known is None:
            known = interned[id(content)] = identity(content)
        return known

    names = tuple(sorted(log.names))
    return {
        "names": interned.setdefault(names, names),
        "contents": sorted(named(content) for content in log.contents.values()),
        "bodies": sorted(named(content) for content in log.bodies.values()),
    }


class PageKeys:
    """The keys of one language site's pages, worked out with ``fingerprint``'s digests of
    whole contents (kept from build to build: ``Fingerprinter.use_memo``)."""

    def __init__(self, settings: dict, fingerprint: Fingerprinter):
        self._settings = settings
        self._whole = fingerprint
        self._shape = Fingerprinter(contents_by_identity=True)
        self._site: str | None = None
        self._shapes: dict[int, tuple[object, object]] = {}
        self._names: dict[tuple, tuple[object, object, str]] = {}
        self._splits: dict[tuple, tuple[tuple, tuple]] = {}
        self._bodies: dict[int, tuple[object, object]] = {}
        self._found: dict[tuple, object] | None = None
        self._identities: dict[tuple, tuple] = {}
        self._links: str | None = None

    def site(self) -> str:
        """What every page of the site follows from: code, libraries, settings."""
        if self._site is None:
            code = site_code(current_build(), self._settings)
            self._site = site_digest(code, self._settings, self._shape)
        return self._site

    def static(self, *parts) -> str:
        """The fixed part of a key: the site's, and ``parts`` by their shape."""
        return digest([self.site(), [self._shape(part) for part in parts]])

    def key(self, static: str, reads: dict, context: dict, kwargs: dict, env) -> str | None:
        """The key of a page whose rendering read ``reads``; None when a content it read
        cannot be found in this build."""
        found = self._contents(context)
        own, shared = self._split_names(reads["names"], kwargs)
        names = [[name, self._shape_of(kwargs[name])] for name in own]
        names.append(self._shared_names(shared, context, env))
        wholes, bodies = [], []
        for ident in reads["contents"]:
            content = found.get(ident)
            if content is None:
                return None
            wholes.append(self._whole(content))
        for ident in reads["bodies"]:
            content = found.get(ident)
            if content is None:
                return None
            bodies.append(self._body(content, context))
        return digest([static, names, wholes, bodies])

    def digest_contents(self, context: dict) -> None:
        """Work out the digest of every content the site can show, before the pages' keys
        are checked in forked workers: they share them, and they are kept for the next
        build (``Fingerprinter.use_memo``). Here, not in the workers: a forked worker's
        share of the digests costs it more in memory pages copied than the work saves."""
        for content in self._contents(context).values():
            self._whole(content)

    def _split_names(self, names: tuple, kwargs: dict) -> tuple[tuple, tuple]:
        """``names`` split into the writer's arguments and the rest, in their order: the
        same for page after page that read the same names with the same arguments."""
        memo_key = (names, tuple(kwargs))
        known = self._splits.get(memo_key)
        if known is None:
            own = tuple(name for name in names if name in kwargs)
            shared = tuple(name for name in names if name not in kwargs)
            known = self._splits[memo_key] = (own, shared)
        return known

    def _shared_names(self, names: tuple, context: dict, env) -> str:
        """The digest of ``names`` as the site has them (not the writer's arguments): the
        same for page after page that read the same names (every article's page)."""
        memo_key = (id(names), id(context), id(env))  # ``names``: one of ``_splits``
        known = self._names.get(memo_key)
        if known is None or known[0] is not context or known[1] is not env:
            shapes = [[name, self._shape_of(self._resolve(name, context, env))] for name in names]
            known = (context, env, digest(shapes))
            self._names[memo_key] = known
        return known[2]

    def _resolve(self, name: str, context: dict, env):
        # as the template saw it, after the writer's arguments: the writer's own names,
        # the context, the environment's globals
        if name in WRITER_NAMES:
            return "\0writer"
        if name in context:
            return context[name] if fingerprinted(name) else "\0volatile"
        if env is not None and name in env.globals:
            return env.globals[name]
        return MISSING

    def _shape_of(self, value):
        if type(value) is str:
            return value
        if type(value) is ListPage:  # one page's own: kept, it would hold its articles' list
            return digest(self._shape(value))
        known = self._shapes.get(id(value))
        if known is None or known[0] is not value:
            known = (value, digest(self._shape(value)))
            self._shapes[id(value)] = known
        return known[1]

    def _body(self, content, context: dict) -> object:
        known = self._bodies.get(id(content))
        if known is None or known[0] is not content:
            text = getattr(content, "_content", None) or ""
            body = [hashlib.sha1(text.encode()).hexdigest()]
            # ``{filename}`` and ``{static}`` links become their targets' URLs
            if text and content._get_intrasite_link_regex().search(text):
                body.append(self._site_links(context))
            known = (content, body)
            self._bodies[id(content)] = known
        return known[1]

    def _site_links(self, context: dict) -> str:
        if self._links is None:
            targets = []
            for table in ("generated_content", "static_content"):
                for path, item in (context.get(table) or {}).items():
                    targets.append([str(path), str(getattr(item, "url", ""))])
            self._links = digest(sorted(targets))
        return self._links

    def _contents(self, context: dict) -> dict:
        """Every content this build can show, by identity (ambiguous ones left out)."""
        if self._found is not None:
            return self._found
        seen: dict[int, object] = {}

        def add(value):
            if is_content(value) and id(value) not in seen:
                seen[id(value)] = value
                for other in getattr(value, "translations", None) or ():
                    add(other)

        for value in context.values():
            if is_content(value):
                add(value)
            elif isinstance(value, (list, tuple)):
                for item in value:
                    add(item)
            elif isinstance(value, dict):
                for item in value.values():
                    add(item)
        found: dict[tuple, object] = {}
        twice: set[tuple] = set()
        for content in seen.values():
            ident = identity(content)
            if ident in found:
                twice.add(ident)
            found[ident] = content
        for ident in twice:
            del found[ident]
        self._found = found
        self._identities = {ident: ident for ident in found}
        return found

    def same_identity(self, ident: tuple) -> tuple:
        """This build's own tuple equal to ``ident`` (a page's reads, as a worker sent them
        or the record kept them), when there is one: what the record keeps to the end of
        the build is then not a copy per identity."""
        return self._identities.get(ident, ident)
