"""Early pages: in the live preview, the page of an article (or a page such as the about
page) whose text or header was edited is shown before the full build that follows has
finished.

A full build reads every source, which at thousands of articles takes seconds. Most saves
change an article's text, title, summary or captions, and its page follows from its own
source and from what the last build made of the rest of the site. So the last build's
article and page generators are kept (``capture_site``, in ``Build.parts``, handed to the
preview as ``BuildResult.capture``), and each saved source that keeps its place in the site
(``PLACE``) is read again with the same readers and signals. It takes from the last build
what the build added after reading (URLs, neighbours, translations, related articles: all
follow from its place), plugins bring up to date what they add from the header
(``hooks.content_reread``), and its page is rendered with the same template and context the
build used (the contents read again standing in for theirs). The full build still runs
after it and writes the same page: ``test_early_pages.py`` checks that for each kind of
text edit and for every header key the site knows.

A save that adds or removes a tag (or a campaign, a model, a branch) gets an early page too:
the page shows what it links as read, and its related articles are worked out again from
the last build's articles; the listing pages follow with the full build, as in Hugo's fast
render mode. A new article or page gets one too, and so does an article saved with another
date, category, slug or status (a draft published, an article made a draft again): its page
is a new article's (``newcontents.py``), and its old page leaves the tree at once, as does
a deleted article's (a renamed one is a new article at the old address). An article
saved with a new one shows its own edit, and the new article among its neighbours and
related articles with the full build. A photo no build made yet is made for the page that
shows it, while the page is rendered, and placed in the tree with it (the files are
handed over by the plugins: ``hooks``); the photo file itself, new since the build
started, holds nothing back. A photo replaced under its name stands for the articles and
pages that show it (``hooks.site_file_saved``): each gets an early page with the new
photo, the lists that show a cover follow with the full build. A warning while reading
holds nothing back either: it is handed to the preview's banner (``render``'s ``told``).
A page (``content/pages/``) saved with another slug or status, or deleted, is as an article:
its old page leaves the tree at once, and the menu of the pages rendered early no longer
lists it. A deleted article or page with translations leaves at once too; its translations'
pages, which link it, follow with the full build. Anything else (an article or page with
translations moved, a hidden one, an error while reading, a photo a data file or a template
shows) is left to the full build: ``render`` returns None.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from pelican import signals
from pelican.contents import Article, Content, Page
from pelican.generators import ArticlesGenerator, PagesGenerator

from . import newcontents
from .cli import forget_logged
from .earlytree import PageWriter, link_into, take_out, write_into
from .hooks import content_reread, early_pages_rendered, early_pages_waiting, site_file_saved
from .memberlists import translation_names
from .sites import source_label
from .state import Build, current_build, running

logger = logging.getLogger(__name__)

PART = "early-pages"  # in ``Build.parts`` while a build runs, then ``BuildResult.capture``
# What decides where an article stands and what stands around it: its URL and template,
# its neighbours (date), its category and authors, the unit it belongs to, its translations
# (and ``ARTICLE_TRANSLATION_ID``). A save that keeps these keeps what the build worked out
# after reading the article. Its tags, campaigns, models and branches may change: its page
# shows them as read, and its related articles are worked out again (``themekit``, on
# ``content_reread``); the lists they put it in follow with the full build.
PLACE = (
    "status",
    "date",
    "lang",
    "slug",
    "url",
    "save_as",
    "template",
    "category",
    "authors",
    "unit",
)


class Kind(NamedTuple):
    """How Pelican reads and writes one kind of content (``generators.py``)."""

    content_class: type
    written: tuple[str, ...]  # the generator's lists it writes, in its order
    preread: object  # the signals sent as it reads a file
    context: object
    translation_id: str  # the setting naming the header keys that pair translations


KINDS = {
    ArticlesGenerator: Kind(
        Article,
        (
            "translations",
            "articles",
            "hidden_translations",
            "hidden_articles",
            "drafts_translations",
            "drafts",
        ),
        signals.article_generator_preread,
        signals.article_generator_context,
        "ARTICLE_TRANSLATION_ID",
    ),
    PagesGenerator: Kind(
        Page,
        (
            "translations",
            "pages",
            "hidden_translations",
            "hidden_pages",
            "draft_translations",
            "draft_pages",
        ),
        signals.page_generator_preread,
        signals.page_generator_context,
        "PAGE_TRANSLATION_ID",
    ),
}


@dataclass
class SiteCapture:
    """One language site's article or page generator, and its context as its pages were
    written."""

    generator: object
    context: dict
    folder: str  # the site's folder under the output ("." for the main site)

    @property
    def kind(self) -> Kind:
        return KINDS[type(self.generator)]


@dataclass
class Capture:
    """What the last build made, kept for early pages until the next build starts."""

    build: Build
    sites: list[SiteCapture] = field(default_factory=list)
    # each source's content, with how many sites were captured when it was listed
    _sources: tuple[int, dict] = field(default=(-1, {}), init=False, repr=False)
    # where each content stands (``newcontents.places``), once prepared
    places: dict = field(default_factory=dict, init=False, repr=False)

    def contents(self) -> Iterator[tuple[SiteCapture, Content]]:
        """Every content the last build wrote a page of, or paired, with its site."""
        for site in self.sites:
            for name in site.kind.written:
                for content in getattr(site.generator, name, ()):
                    yield site, content

    def find(self, source: str) -> tuple[SiteCapture, Content] | None:
        """The generator that wrote the page of the content read from ``source``, and the
        content (the first written, when two were read from it)."""
        return self._by_source().get(source)

    def _by_source(self) -> dict:
        # listed again when a site was captured since (the build is still running)
        captured, sources = self._sources
        if captured != len(self.sites):
            sources = {}
            for site, content in self.contents():
                sources.setdefault(content.source_path, (site, content))
            self._sources = (len(self.sites), sources)
        return sources

    def prepare(self) -> None:
        """Work out ahead what an early page asks of the whole site (which content each
        source gave, the plugins' indexes: ``early_pages_waiting``), before the officer
        saves: at ten thousand articles, most of an early page's time. The preview does
        it once the build is done, before it forks the early-page process, which then
        shares it instead of copying what it touches."""
        self._by_source()
        main = self.main_site(ArticlesGenerator)
        if main is not None:
            contents = (content for _, content in self.contents())
            self.places = newcontents.places(contents, main.generator.settings)
        generators = [site.generator for site in self.sites]
        early_pages_waiting.send(self.build, generators=generators)

    def main_site(self, kind: type) -> SiteCapture | None:
        """The main site's article or page generator (``kind``): a new article or page
        is read there."""
        for site in self.sites:
            if site.folder == os.curdir and isinstance(site.generator, kind):
                return site
        return None


def capture_site(generator, writer) -> None:
    """``article_writer_finalized``, ``page_writer_finalized``: keep the site's generator
    for the preview's next save."""
    build = current_build()
    if build is None or build.kept is None or not build.driven or type(generator) not in KINDS:
        return
    if not generator.settings["SITEBUILD_EARLY_PAGES"]:  # the officer's machine lacks memory
        return
    folder = build.folder_of(generator.output_path)
    capture = build.parts.setdefault(PART, Capture(build))
    capture.sites.append(SiteCapture(generator, dict(generator.context), folder))


class _Told(logging.Handler):
    """What reading a file told the officer: its warnings, whether it met an error."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.warnings: list[str] = []
        self.failed = False

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            self.failed = True
        else:  # as the preview's banner lists a build's problems (``preview._Problems``)
            self.warnings.append(record.getMessage().splitlines()[0])


def _place(content: Content, kind: Kind) -> list:
    keys = [*PLACE, *translation_names(content.settings.get(kind.translation_id))]
    return [getattr(content, key, None) for key in keys]


def _read(site: SiteCapture, source: str, told: dict) -> Content | None:
    """``source`` read as the site's generator reads it; None when reading it met an
    error. Its warnings (all of them: the last build told some already) go to ``told``,
    under the file's name as the officer sees it."""
    generator = site.generator
    heard = _Told()
    root = logging.getLogger()
    # told to the banner only: the full build that follows tells the terminal
    handlers, root.handlers = root.handlers, [heard]
    build = current_build()
    reported, build.reported = build.reported, set()
    forget_logged()
    try:
        new = generator.readers.read_file(
            base_path=generator.path,
            path=os.path.relpath(source, generator.path),
            content_class=site.kind.content_class,
            context=generator.context,
            preread_signal=site.kind.preread,
            preread_sender=generator,
            context_signal=site.kind.context,
            context_sender=generator,
        )
    except Exception:  # a half-written file: the full build tells what is wrong
        return None
    finally:
        root.handlers = handlers
        build.reported = reported
    if heard.failed or not isinstance(new, site.kind.content_class) or not new.is_valid():
        return None
    told[source_label(generator.settings, source)] = heard.warnings
    return new


def _moved(old: Content) -> bool:
    """Whether ``old``, saved with another date, category, slug or status, can be shown as
    a new article or page (``newcontents``): one without translations (the full build
    pairs them anew)."""
    return isinstance(old, (Article, Page)) and not old.translations


def _reread(site: SiteCapture, old: Content, new: Content, files: dict) -> Content | None:
    """``new``, ``old``'s source read again in its place, finished as the build finished
    ``old``; None when only the full build can (``files``: see ``hooks.content_reread``)."""
    generator = site.generator
    # what the build added after reading follows from the article's place, which is the
    # same; plugins then redo what they add from the rest of the header
    header = {key.lower() for key in old.metadata} | {key.lower() for key in new.metadata}
    for name, value in vars(old).items():
        if (name not in vars(new) and name not in header) or name == "translations":
            setattr(new, name, value)
    answers = content_reread.send(new, old=old, generator=generator, files=files)
    finished = [answer for _, answer in answers]
    return new if all(answer is not False for answer in finished) else None


def _read_new(sites: list[SiteCapture], source: str, told: dict) -> tuple | None:
    """A new source read by the one of the main site's generators (``sites``) that reads
    it, with that site; None when none does, or reading it met an error."""
    for site in sites:
        if newcontents.reads(site.generator, source):
            content = _read(site, source, told)
            return None if content is None else (site, content)
    return None


def _replaced(value, new: dict[int, Content], depth: int = 3):
    """``value`` with ``new[id(old)]`` wherever it holds an ``old`` content, in lists,
    tuples and dicts a few levels deep (``tags`` holds pairs of a tag and its articles);
    unchanged parts are the same objects."""
    if not new:
        return value
    if id(value) in new:
        return new[id(value)]
    if depth == 0:
        return value
    if type(value) in (list, tuple):
        items = [_replaced(item, new, depth - 1) for item in value]
        if all(item is before for item, before in zip(items, value, strict=True)):
            return value
        return type(value)(items)
    if type(value) is dict:
        changed = {key: _replaced(item, new, depth - 1) for key, item in value.items()}
        if all(changed[key] is item for key, item in value.items()):
            return value
        return changed
    return value


def _render(
    site: SiteCapture, content: Content, new: dict, lists: dict, output: Path
) -> dict[str, str]:
    """``content``'s page as its generator renders it (``generate_articles``, ``generate_drafts``,
    ``PagesGenerator.generate_output``), by its path under ``output``: with the context of
    the last build, where the contents read again stand in for theirs (``new``: the menu
    lists the pages), and ``lists`` (by name: the pages with a new one) for the build's."""
    generator = site.generator
    writer = PageWriter(str(output / site.folder), generator.settings)
    context = _replaced(site.context, new)
    if lists and site.folder == os.curdir:
        context = {**context, **lists}
    if isinstance(content, Article):
        shown = {"article": content, "category": getattr(content, "category", None), "blog": True}
        if content.status == "draft":  # ``generate_drafts`` hands its template these too
            shown["all_articles"] = generator.articles
    else:
        shown = {"page": content}
    writer.write_file(
        content.save_as,
        generator.get_template(content.template),
        context,
        relative_urls=generator.settings["RELATIVE_URLS"],
        override_output=hasattr(content, "override_save_as"),
        url=content.url,
        **shown,
    )
    return {os.path.relpath(path, output): text for path, text in writer.pages.items()}


@dataclass
class _Saves:
    """The saved sources sorted out: what is read again in its place, what is a new
    article's page (a new source, or a moved article), and which old pages go."""

    main: SiteCapture | None  # the main site's article generator: new articles go there
    pages: SiteCapture | None  # and its page generator: new pages go there
    new: frozenset = frozenset()  # the saved files the last build's sources did not have
    read: list = field(default_factory=list)  # (site, old content, content read again)
    added: list = field(default_factory=list)  # (site, new or moved content); None: not shown
    lists: dict = field(default_factory=dict)  # the main site's pages, when one came or went
    gone: dict = field(default_factory=dict)  # id of a moved or deleted content → its page
    files: dict = field(default_factory=dict)  # what the pages show and the site lacks
    told: dict = field(default_factory=dict)  # each file read: its warnings, by its name

    def take(self, source: str, known: tuple[SiteCapture, Content] | None) -> bool:
        """Sort out the save of ``source`` (``known``: what the last build read from it);
        False when only the full build can show it."""
        if known is None:  # a new source
            main = self.main
            if source in self.new and main and newcontents.is_site_file(main.generator, source):
                return True  # a new photo: the pages that show it place it
            sites = [site for site in (self.main, self.pages) if site is not None]
            self.added.append(_read_new(sites, source, self.told))
            return True
        site, old = known
        if not os.path.exists(source):  # deleted, or renamed: its new name is new
            return self._goes(site, old, deleted=True)
        content = _read(site, source, self.told)
        if content is None:
            return False
        if _place(content, site.kind) != _place(old, site.kind):
            self.added.append((site, content))
            return self._goes(site, old)
        content = _reread(site, old, content, self.files)
        self.read.append((site, old, content))
        return content is not None

    def _goes(self, site: SiteCapture, old: Content, deleted: bool = False) -> bool:
        """``old``'s page leaves the tree; False when only the full build can show where
        it goes. A deleted one's page goes in any site, translated or not: the full build
        writes none either, and what links it (its translations, the lists) follows."""
        page = old.save_as and os.path.normpath(os.path.join(site.folder, old.save_as))
        self.gone[id(old)] = page
        if deleted:
            return True
        return _moved(old) and (site is self.main or site is self.pages)

    def finish(self, capture: Capture) -> list | None:
        """Every content to render, as ``read``; None when one cannot be shown early."""
        if None in self.added:
            return None
        if not self.added and not self.gone:
            return self.read
        gone = self.gone
        others = [other for _, other in capture.contents() if id(other) not in gone]
        read = list(self.read)
        again = {id(old): content for _, old, content in read}  # read again, in their place
        for site, name in ((self.main, "articles"), (self.pages, "pages")):
            added = [content for where, content in self.added if where is site]
            # the menu of every page lists the pages: one gone leaves it
            went = name == "pages" and site and any(id(c) in gone for c in site.generator.pages)
            if not added and not went:
                continue
            # the other generator's new contents count as others (an address taken twice)
            besides = [*others, *(content for where, content in self.added if where is not site)]
            listed = [again.get(id(c), c) for c in getattr(site.generator, name)]
            listed = [content for content in listed if id(content) not in gone]
            finished = newcontents.finish(
                site.generator, added, besides, listed, self.files, capture.places
            )
            if finished is None:
                return None
            read += [(site, None, content) for content in finished[0]]
            if name == "pages":  # the menu of every page lists them
                self.lists[name] = finished[1]
        return read


def render(
    capture: Capture,
    sources: set[str],
    output: Path,
    tree: int,
    new: frozenset = frozenset(),
    told: dict | None = None,
) -> list[str] | None:
    """Write the early page of each edited article or page source in ``sources`` into the
    tree of ``output`` open as ``tree`` (and take a moved or deleted article's old page out
    of it); return their paths in it, or None when one of the sources needs the full build
    (nothing is written then). ``new``: which of ``sources`` did not exist when the last
    build started (a new photo among them is placed by the pages that show it). ``told``
    gets the warnings of each file read, by its name as the officer sees it."""
    saves = _Saves(
        capture.main_site(ArticlesGenerator), capture.main_site(PagesGenerator), frozenset(new)
    )
    with running(capture.build):
        found = _found(capture, saves, sources)
        if not found:
            return None
        try:
            pages = _pages(capture, saves, found, output)
        finally:  # the photos started for the pages are made (none is left making)
            answers = early_pages_rendered.send(capture.build)
    if pages is None or not all(answer is not False for _, answer in answers):
        return None
    if not pages and not saves.gone:
        return None  # only new files of the site: no page to show until one shows them
    if told is not None:
        told.update(saves.told)
    if not all(os.path.isfile(source) for source in saves.files.values()):
        return None
    for path, source in saves.files.items():  # before the pages that show them
        link_into(tree, path, source)
    for path, text in pages.items():
        write_into(tree, path, text)
    take_out(tree, {path for path in saves.gone.values() if path} - set(pages))
    return sorted(pages)


def _found(capture: Capture, saves: _Saves, sources: set[str]) -> dict:
    """What the last build read from each saved source (None: a new source), by source;
    a file of the site it placed and saved again under its name (a photo replaced) stands
    for the contents that show it (``hooks.site_file_saved``), and a file nothing else
    than the full build can show for itself (an empty dict then)."""
    found = {}
    main = saves.main
    for source in sorted(sources):
        known = capture.find(source)
        replaced = known is None and source not in saves.new and main is not None
        if replaced and newcontents.is_site_file(main.generator, source):
            contents = [content for _, content in capture.contents()]
            answers = site_file_saved.send(capture.build, path=source, contents=contents)
            showing = [answer for _, answer in answers if answer is not None]
            if len(showing) != len(answers):
                return {}
            for content in (content for answer in showing for content in answer):
                if content.source_path not in found:
                    found[content.source_path] = capture.find(content.source_path)
            continue
        found[source] = known
    return dict(sorted(found.items()))


def _pages(capture: Capture, saves: _Saves, found: dict, output: Path) -> dict | None:
    """The early pages of the saves ``found`` (source → what the last build read from
    it), by their paths under ``output``; None when one needs the full build."""
    if not all(saves.take(source, known) for source, known in found.items()):
        return None
    read = saves.finish(capture)
    if read is None:
        return None
    new = {id(old): content for _, old, content in read if old is not None}
    pages: dict[str, str] = {}
    for site, _, content in read:
        pages.update(_render(site, content, new, saves.lists, output))
    return pages
