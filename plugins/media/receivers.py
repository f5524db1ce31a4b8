"""Pelican signal receivers of the media plugin.

Order within one build (i18n_subsites nests the English site inside the main one):
``initialized`` checks ``MEDIA`` and creates the run; ``content_object_init`` scans each
article and page (the main site reads every file, so it reports every problem once);
``static_generator_finalized`` keeps photos out of Pelican's plain copy; each site's
``all_generators_finalized`` makes what is queued (in parallel) and rewrites its contents;
the main site's ``finalized`` links the finished files into the output and sweeps it.
"""

from __future__ import annotations

import logging
import os
import time
from contextlib import contextmanager

from pelican.contents import Article, Page

from tinhoi.sitebuild.sites import ERROR, is_main_site, main_siteurl, report
from tinhoi.sitebuild.state import current_build
from tinhoi.unitdata.loading import data_dir

from . import articles, checks, logfilter, sharecards
from .files import is_photo
from .images import RASTER_EXTENSIONS
from .markup import picture, share_image
from .privacy import sweep
from .run import PART, MediaRun, current_run
from .settings import check_settings

logger = logging.getLogger(__name__)
CONTENT_LISTS = (
    "articles",
    "translations",
    "drafts",
    "drafts_translations",
    "hidden_articles",
    "hidden_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
    "draft_translations",
)


@contextmanager
def _timed(run: MediaRun):
    started = time.perf_counter()
    try:
        yield
    finally:
        run.stats["seconds"] += time.perf_counter() - started


def setup(pelican) -> None:
    """``initialized``: template helpers, the alt-text log filter, the checked settings."""
    settings = pelican.settings
    jinja_globals = dict(settings.get("JINJA_GLOBALS", {}))
    jinja_globals.setdefault("picture", picture)
    jinja_globals.setdefault("share_image", share_image)
    settings["JINJA_GLOBALS"] = jinja_globals
    logfilter.install()
    build = current_build()
    if build is None:
        return
    if PART in build.parts:
        build.parts[PART].start_site()  # a sub-site: it shares the main site's run
        return
    media, _ = check_settings(settings.get("MEDIA"), settings["CACHE_PATH"])  # logs each fault
    base = main_siteurl(settings) or ""
    run = MediaRun(media, settings["PATH"], base)
    run.begin(settings["OUTPUT_PATH"])  # one run per build, also each run of ``pelican -r``
    build.parts[PART] = run


def scan_content(content) -> None:
    """``content_object_init``: find, check and queue the photos of an article or page."""
    run = current_run()
    if run is None or not isinstance(content, (Article, Page)):
        return
    with _timed(run):
        articles.scan(content, run)
        sharecards.queue_card(content, run)


def forget_photo_links(generator) -> None:
    """``article/page_generator_finalized``: Pelican need not read linked photos (this
    plugin publishes them); a missing one would otherwise get a second, English warning."""
    links = generator.context.get("static_links")
    if links and current_run() is not None:
        links.difference_update({link for link in links if is_photo(link)})


def keep_photos_out(generator) -> None:
    """``static_generator_finalized``: photos are published only through this plugin."""
    if current_run() is None:
        return
    kept = [item for item in generator.staticfiles if not is_photo(item.source_path)]
    generator.staticfiles[:] = kept  # the context holds the same list


def _contents(generators):
    seen = set()
    for generator in generators:
        for name in CONTENT_LISTS:
            for item in getattr(generator, name, None) or ():
                if isinstance(item, (Article, Page)) and id(item) not in seen:
                    seen.add(id(item))
                    yield item


def _emblem(run: MediaRun, settings: dict, context: dict) -> None:
    data = context.get("UNIT_DATA")
    emblem = getattr(getattr(data, "unit", None), "emblem", "") or ""
    if not emblem or not is_photo(emblem):
        return
    source = str(data_dir(settings) / "unit.yml")
    run.uses[emblem].append((source, 0))
    info = run.probe(emblem)
    if info.error:
        problem = checks.unusable(emblem, info.error, "", run.media.max_megapixels)
        report(logger, settings, source, 0, ERROR, problem.message)
        return
    run.want(run.linked_job(emblem), emblem)


def finish_contents(generators) -> None:
    """``all_generators_finalized``: make the queued images, then rewrite the contents."""
    settings = generators[0].settings
    run = current_run()
    if run is None:
        return
    with _timed(run):
        contents = list(_contents(generators))
        for content in contents:
            if not hasattr(content, articles.SCAN_ATTR):  # from Pelican's content cache
                articles.scan(content, run)
                sharecards.queue_card(content, run)
        if is_main_site(settings):
            _emblem(run, settings, generators[0].context)
        run.process()
        articles.report_failures(run, settings)
        for content in contents:
            articles.apply(content, run)
            if getattr(content, "save_as", ""):  # a draft not written (publish) gets no card
                sharecards.share_card(content, run)
        emblem = getattr(
            getattr(generators[0].context.get("UNIT_DATA"), "unit", None), "emblem", ""
        )
        if emblem and is_photo(emblem):
            run.linked(emblem)  # the theme shows it at its own path


def finish_reread(content, old, files: dict, **_) -> bool:
    """``content_reread``: rewrite an article read again for an early page of the preview
    as its build did, and work out its share card again (the title is on a branded card).
    A photo it did not show before is made now, and handed to the page with its files."""
    run = current_run()
    if run is None:
        return True
    # a photo it shows for the first time, or one replaced under its name (``photo_saved``)
    if not articles.make_photos(content, run):
        return False
    _hand_over(content, _finish_early(content, run), files)
    return True


def finish_added(content, files: dict, **_) -> bool:
    """``content_added``: the same for a new article; the photos no build made yet (the
    officer's new photo) are made now, in the early page's process."""
    run = current_run()
    if run is None:
        return True
    if not articles.make_photos(content, run):
        return False
    _hand_over(content, _finish_early(content, run), files)
    return True


def _finish_early(content, run: MediaRun) -> dict[str, str]:
    """Rewrite ``content`` and work out its share card for an early page; return the files
    it shows that the last build did not place (site path → cache file: a new photo, or
    one replaced under its name, is made under new names). Nothing is placed in the site:
    the early page places what it shows, the full build everything."""
    output, run.output = run.output, ""
    placed, run.placed = run.placed, {}
    try:
        articles.apply(content, run)
        setattr(content, sharecards.CARD_ATTR, None)
        if getattr(content, "save_as", ""):
            sharecards.share_card(content, run)
        return {path: file for path, file in run.placed.items() if placed.get(path) != file}
    finally:
        run.output = output
        run.placed = placed  # the last build's: an early page written or not, the next asks


def _hand_over(content, shown: dict[str, str], files: dict) -> None:
    """Add the files ``content``'s early page shows to ``files`` (those being made are
    there once ``finish_making`` returns). Its own share card is left out: it is new, as
    after a title edit, and only the pages shared on social networks show it."""
    card = getattr(getattr(content, sharecards.CARD_ATTR, None), "path", None)
    files.update((path, cache_file) for path, cache_file in shown.items() if path != card)


def photo_saved(_, path: str, contents: list, **__) -> list | None:
    """``site_file_saved``: a photo the last build made, saved again under its name.
    What the run worked out from the old file is forgotten; the contents that show it
    are returned (their early pages show the new one, made then), or None when a data
    file or a template shows it too (only the full build can show those)."""
    run = current_run()
    if run is None:
        return None
    rel = os.path.relpath(path, run.root)
    showing = [
        content
        for content in contents
        if any(ref.rel == rel for ref in getattr(content, articles.SCAN_ATTR, None) or [])
    ]
    users = {source for source, _ in run.uses.get(rel, [])}
    if users - {content.source_path for content in showing} or run.shown_by_template(rel):
        return None
    run.forget(rel)
    return showing


def finish_making(_, **__) -> bool:
    """``early_pages_rendered``: wait for the photos started for the early pages; False
    when one could not be made."""
    run = current_run()
    return run is None or run.finish_making()


def place_files(pelican, build) -> None:
    """``build_finished``: link the files into the main site's output, save the cache."""
    settings = pelican.settings
    run = build.parts.get(PART)
    if run is None:
        return
    with _timed(run):
        run.publish_template_uses()
        run.process()
        articles.report_failures(run, settings)
        run.close()
        run.place_all(settings["OUTPUT_PATH"])
        run.cache.save()


def sweep_output(settings: dict, build) -> None:
    """``build_written`` (every file of every language site written, the editor's too):
    strip every image this plugin did not place (``privacy.py``), and tell what was done."""
    run = build.parts.get(PART)
    if run is None:
        return
    output = settings["OUTPUT_PATH"]
    placed = set(run.placed)  # site paths: made clean by this plugin
    with _timed(run):
        stripped = sweep(
            output,
            build.output_tree(output).with_suffix(RASTER_EXTENSIONS, any_case=True),
            placed,
            run.media.max_pixels,
            run.media.background,
        )
    stats = {
        "made": 0,
        "reused": 0,
        "seconds": 0.0,
        **run.stats,
        "placed": len(placed),
        "stripped": len(stripped),
    }
    logger.info(
        "media: %d image jobs done, %d reused, %d files placed, %d stripped, %.2f s",
        stats["made"],
        stats["reused"],
        stats["placed"],
        stats["stripped"],
        stats["seconds"],
        extra={"media_stats": stats},
    )


def record_site(settings, part: dict) -> None:
    """``site_recorded``: the photos and cards a sub-site placed, for a build that keeps
    it whole (``sitebuild.keptsites``)."""
    run = current_run()
    if run is not None:
        part["media"] = run.placed_by_site()


def keep_site(settings, part: dict):
    """``site_kept``: place them again, when the cache still holds them all."""
    run = current_run()
    placed = part.get("media") or {}
    if run is None:
        return not placed
    if not all(os.path.isfile(cache_file) for cache_file in placed.values()):
        return False

    def place_again() -> None:
        for path, cache_file in sorted(placed.items()):
            run.publish(path, cache_file)

    return place_again
