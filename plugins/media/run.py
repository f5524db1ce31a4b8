"""The images of one build: what is used, what must be made, what was made.

One ``MediaRun`` per build, kept by the build (``current_run``), not in the settings: every
language site of the build shares it, so a photo used in both languages is made once, and
the next build (the live preview builds again and again in one process) starts afresh.
It plans file names and markup from a photo's header alone, so HTML can be written
before, and independently of, the pixel work.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
from collections import Counter, defaultdict
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from tinhoi.sitebuild.state import current_build
from tinhoi.vietnamese.text import slugify

from .cache import Cache, key_head, make_key, make_key_after, place, write_atomic
from .cards import CardStyle, layout_engine
from .files import EXT, LINKED_FORMATS, ImagePlan, MediaFile, ShareCard, Variant, widths_for
from .images import Probe, file_sha, probe, scaled_height
from .markup_html import Source, picture_html
from .settings import MediaSettings
from .work import (
    CardJob,
    ImageJob,
    LinkedJob,
    Output,
    Result,
    execute,
    pool_context,
    run_job,
    start_pool_server,
)

logger = logging.getLogger(__name__)
PART = "media"  # the build's part that holds the run
TEMPLATE_USES = "template-uses"  # in the cache: a marker for each photo a template shows


class MediaRun:
    """Planner, registry and bookkeeping of the images of one build."""

    def __init__(self, media: MediaSettings, content_root: str, base_url: str):
        self.media = media
        self.root = os.path.abspath(content_root)
        self.base = base_url.rstrip("/")
        self.cache = Cache(media.cache_dir)
        self._probes: dict[str, Probe] = {}
        self._results: dict[str, Result] = {}
        self._fonts: dict[str, str] = {}
        # ``_card_key_head`` of the last style asked for (every card is of ``card_style``)
        self._card_style_parts: tuple[CardStyle, str] | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._owner = os.getpid()
        self._making: dict[str, tuple[threading.Thread, list[Result]]] = {}  # make_soon
        # one for every card job: each article and page holds its job to the end of the build
        self.card_style = CardStyle(
            media.card_size, media.card_font, media.card_font_bold, dict(media.card_colors)
        )
        self.begin()

    def begin(self, output: str = "") -> None:
        """Start a run (also each run of ``pelican -r``): files go to ``output``."""
        self.output = output
        self.pending: dict[str, object] = {}
        self.job_source: dict[str, str] = {}  # job key → the photo it is made from
        self.placed: dict[str, str] = {}  # site path → cache file
        self._placed_before_site: dict[str, str] = {}  # see ``start_site``
        self.uses: dict[str, list[tuple[str, int]]] = defaultdict(list)
        self.reported: set = set()
        self.stats: Counter = Counter()
        self._probes.clear()
        self._plans: dict[str, ImagePlan | None] = {}  # every page asks: plan each photo once
        self._linked: dict[str, LinkedJob | None] = {}
        self._running: dict[str, Future] = {}  # pending jobs already started by the pool
        if self.media.workers >= 2 and os.getpid() == self._owner:
            start_pool_server()  # ready by the time the first photo is read

    # ------------------------------------------------------------------ sources
    def path(self, rel: str) -> str:
        return os.path.join(self.root, rel)

    def probe(self, rel: str) -> Probe:
        """The header facts of ``content/rel``, from memory, the index or the file."""
        if rel in self._probes:
            return self._probes[rel]
        path = self.path(rel)
        try:
            stat = os.stat(path)
        except OSError:
            found = Probe("", "", 0, 0, "", error="missing")
        else:
            found = self.cache.known_probe(rel, stat)
            if found is None:
                found = probe(path, self.media.max_pixels)
                self.cache.remember_probe(rel, stat, found)
        self._probes[rel] = found
        return found

    def forget(self, rel: str) -> None:
        """Forget what was worked out from ``content/rel``: the file was replaced (the
        live preview's early page of a photo saved under its old name)."""
        for known in (self._probes, self._plans, self._linked):
            known.pop(rel, None)

    def _template_use(self, rel: str) -> Path:
        """The marker kept while a template shows ``content/rel`` (``TEMPLATE_USES``)."""
        return self.cache.folder / TEMPLATE_USES / f"{make_key(rel)}.txt"

    def shown_by_template(self, rel: str) -> bool:
        """Whether a template showed ``content/rel`` in this or an earlier build."""
        return self._template_use(rel).exists()

    def resolve(self, candidates: list[str]) -> str:
        """The first candidate path that exists (else the first, for the message)."""
        for rel in candidates:
            if os.path.isfile(self.path(rel)):
                return rel
        return candidates[0]

    def error(self, key: str, info: Probe) -> str:
        """The problem code of a source (``info``) or of the job ``key`` made from it."""
        if info.error:
            return info.error
        if key in self._results:
            return self._results[key].error
        return self.cache.failure(key)

    # ------------------------------------------------------------------ planning
    def _name(self, rel: str, suffix: str, key: str, ext: str) -> str:
        folder, name = os.path.split(rel)
        parts = [p for p in folder.split("/") if p]
        if parts and parts[0] == "images":
            parts = parts[1:]
        stem = slugify(os.path.splitext(name)[0]) or "anh"
        dirs = "/".join(slugify(p) or "x" for p in parts)
        name = f"{stem}{suffix}.{key[:8]}.{ext}"
        return "/".join(p for p in (self.media.output_dir, dirs, name) if p)

    def _variant(self, rel: str, info: Probe, fmt: str, width: int) -> Variant:
        quality = self.media.quality[fmt]
        key = make_key("variant", info.sha, fmt, width, quality, self.media.background)
        return Variant(
            fmt,
            width,
            scaled_height(info.width, info.height, width),
            self._name(rel, f"-{width}", key, EXT[fmt]),
            self.cache.file(key, EXT[fmt]),
        )

    def image_plan(self, rel: str) -> ImagePlan | None:
        """Files and markup sizes for the photo ``rel``; None when it cannot be used."""
        if rel not in self._plans:
            self._plans[rel] = self._image_plan(rel)
        return self._plans[rel]

    def _image_plan(self, rel: str) -> ImagePlan | None:
        info = self.probe(rel)
        if info.error:
            return None
        widths = widths_for(info.width, self.media.widths)
        sources = tuple(
            self._variant(rel, info, fmt, width) for fmt in self.media.formats for width in widths
        )
        fallback = self._variant(rel, info, "jpeg", min(self.media.fallback_width, info.width))
        variants = (*sources, fallback)
        job_key = make_key("image", info.sha, tuple((v.fmt, v.width) for v in variants))
        largest = max(widths)
        job = ImageJob(
            key=job_key,
            source=self.path(rel),
            max_pixels=self.media.max_pixels,
            long_edge=round(largest * max(info.width, info.height) / info.width),
            outputs=tuple(
                Output(v.fmt, v.width, self.media.quality[v.fmt], v.cache_file) for v in variants
            ),
            background=self.media.background,
        )
        size = (largest, scaled_height(info.width, info.height, largest))
        return ImagePlan(rel, size, sources, fallback, job)

    def want(self, job, rel: str = "") -> str:
        """Queue ``job`` unless its files exist or it failed before; return its error code."""
        if rel:
            self.job_source[job.key] = rel
        if job.key in self._results:
            return self._results[job.key].error
        failed = self.cache.failure(job.key)
        if failed:
            self._results[job.key] = Result(job.key, failed)
            return failed
        files = [o.path for o in job.outputs] if isinstance(job, ImageJob) else [job.path]
        if all(os.path.exists(f) for f in files):
            self._results[job.key] = Result(job.key)
            self.stats["reused"] += 1
        elif job.key not in self.pending:
            self.pending[job.key] = job
            self._start(job)
        return ""

    def _start(self, job) -> None:
        """Start ``job`` at once on the run's pool of processes, while the build reads on.

        Only the process that made the run does: a forked renderer has no use of its
        parent's pool (``process()`` makes its late jobs itself).
        """
        if self.media.workers < 2 or os.getpid() != self._owner:
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.media.workers, mp_context=pool_context())
        self._running[job.key] = self._pool.submit(run_job, job)

    def close(self) -> None:
        """Stop the pool of processes (end of the build)."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def process(self) -> None:
        """Make every queued file (on all cores); failures are kept in the cache index."""
        pending, self.pending = self.pending, {}
        running = self._running if os.getpid() == self._owner else {}
        self._running = {}
        started = [future.result() for future in running.values()]
        if running:
            # nothing left on the pool: stop it, so no thread of it is alive when the
            # pages are rendered by forking (a later job starts a new one)
            self.close()
        rest = [job for key, job in pending.items() if key not in running]
        for result in started + execute(rest, self.media.workers):
            self._results[result.key] = result
            if result.error:
                self.cache.remember_failure(result.key, result.error)
            else:
                self.stats["made"] += 1

    def made(self, job) -> bool:
        """Whether ``job``'s files are made: wanted in this run, found made or made."""
        result = self._results.get(job.key)
        return result is not None and not result.error

    def make_soon(self, job) -> bool:
        """Start making ``job`` in this process, beside what it does next, unless it is
        made; False when it cannot be (it failed before). ``finish_making`` waits for it.

        For the live preview's early pages: the page is rendered while its new photo is
        made (its markup needs only the photo's header). Their process runs a watcher's
        thread, so it never starts a pool; a thread is enough, as Pillow lets go of the
        interpreter while it decodes, scales and encodes. A failure is not remembered:
        the full build that follows makes the job again, tells the officer and keeps the
        failure in the index.
        """
        if self.made(job) or job.key in self._making:
            return True
        if job.key in self._results or self.cache.failure(job.key):
            return False
        result: list[Result] = []
        threads = min(2, os.cpu_count() or 1)  # its widths side by side, beside the page
        maker = threading.Thread(target=lambda: result.append(run_job(job, threads)), daemon=True)
        maker.start()
        self._making[job.key] = (maker, result)
        self.pending.pop(job.key, None)  # ``process`` would make it again, on a pool
        return True

    def finish_making(self) -> bool:
        """Wait for every job ``make_soon`` started; True when all were made."""
        making, self._making = self._making, {}
        made = True
        for key, (maker, result) in making.items():
            maker.join()
            if not result or result[0].error:
                made = False
                continue
            self._results[key] = result[0]
        return made

    def failures(self) -> list[tuple[str, Result]]:
        """(photo, result) of every job of this run that failed, now or in an earlier build."""
        return [
            (rel, self._results[key])
            for key, rel in self.job_source.items()
            if key in self._results and self._results[key].error
        ]

    def ready(self, job) -> bool:
        """Make ``job`` now if needed (a template asked for it late); True when it is made,
        or being made for an early page (``make_soon``: its page waits for it)."""
        if job.key in self._making:
            return True
        if self.want(job):
            return False
        if job.key in self.pending:
            self.process()
        return not self._results[job.key].error

    # ------------------------------------------------------------------ results
    def url(self, path: str) -> str:
        return f"{self.base}/{path}"

    def publish(self, path: str, cache_file: str) -> None:
        """Put a finished cache file at ``path`` in the site, now.

        Now, not at the end: pages may be rendered in forked processes (whose bookkeeping
        the build never sees) or reused from the previous build without rendering.
        """
        if self.placed.get(path) == cache_file:
            return
        self.placed[path] = cache_file
        if self.output:
            place(Path(cache_file), Path(self.output) / path)

    def start_site(self) -> None:
        """A language sub-site starts: what it places from now on is its own."""
        self._placed_before_site = dict(self.placed)

    def placed_by_site(self) -> dict[str, str]:
        """What the sub-site started last placed (site path → cache file)."""
        before = self._placed_before_site
        return {path: file for path, file in self.placed.items() if before.get(path) != file}

    def publish_photo(self, rel: str) -> ImagePlan | None:
        """Make (if needed) and publish every derivative of ``rel``; None if unusable."""
        plan = self.image_plan(rel)
        if plan is None or not self.ready(plan.job):
            return None
        for variant in (*plan.sources, plan.fallback):
            self.publish(variant.path, variant.cache_file)
        return plan

    def remember_template_use(self, rel: str) -> None:
        """Note that a template shows ``rel``, which no content uses: a later build that
        reuses the page without rendering it must still publish the photo's files."""
        marker = self._template_use(rel)
        if not marker.exists():
            write_atomic(marker, rel.encode("utf-8"))

    def publish_template_uses(self) -> None:
        """Publish the photos templates showed in this or an earlier build."""
        for marker in sorted((self.cache.folder / TEMPLATE_USES).glob("*.txt")):
            rel = marker.read_text(encoding="utf-8")
            if self.probe(rel).error == "missing":
                marker.unlink(missing_ok=True)  # the theme no longer has it
            else:
                self.publish_photo(rel)

    def picture(
        self,
        rel: str,
        alt: str,
        sizes: str,
        loading: str = "lazy",
        css_class: str = "",
        extra: dict | None = None,
    ) -> str | None:
        """``<picture>`` markup for ``rel``, or None when the photo cannot be used."""
        plan = self.publish_photo(rel)
        if plan is None:
            return None
        sources = [
            Source(fmt, tuple((self.url(v.path), v.width) for v in plan.sources if v.fmt == fmt))
            for fmt in self.media.formats
        ]
        return picture_html(
            sources, self.url(plan.fallback.path), plan.size, alt, sizes, loading, css_class, extra
        )

    def fallback_file(self, rel: str) -> MediaFile | None:
        """The JPEG derivative of ``rel`` (feeds use it as the enclosure)."""
        plan = self.image_plan(rel)
        if plan is None or not self.ready(plan.job):
            return None
        v = plan.fallback
        self.publish(v.path, v.cache_file)
        return MediaFile(self.url(v.path), v.path, v.width, v.height, "image/jpeg", v.cache_file)

    @staticmethod
    def linked_path(rel: str) -> str:
        """Where the stripped copy of ``rel`` goes: the same path, JPEG if not a web format."""
        stem, ext = os.path.splitext(rel)
        return rel if ext.lower() in LINKED_FORMATS else stem + ".jpg"

    def linked_job(self, rel: str) -> LinkedJob | None:
        """The job of the stripped copy of ``rel``; None when it cannot be used."""
        if rel not in self._linked:
            self._linked[rel] = self._linked_job(rel)
        return self._linked[rel]

    def _linked_job(self, rel: str) -> LinkedJob | None:
        info = self.probe(rel)
        if info.error:
            return None
        fmt = LINKED_FORMATS.get(os.path.splitext(rel)[1].lower(), "jpeg")
        key = make_key("linked", info.sha, fmt, self.media.linked_max_size)
        return LinkedJob(
            key,
            self.path(rel),
            self.media.max_pixels,
            self.media.linked_max_size,
            fmt,
            90,
            self.cache.file(key, EXT[fmt]),
            self.media.background,
        )

    def linked(self, rel: str) -> str | None:
        """URL of the stripped copy of ``rel`` (a photo linked on purpose), or None."""
        job = self.linked_job(rel)
        if job is None or not self.ready(job):
            return None
        path = self.linked_path(rel)
        self.publish(path, job.path)
        return self.url(path)

    def card_job(self, cover: str = "", emblem: str = "", **spec) -> CardJob:
        """The job of a share card from the photo ``cover`` or, without one, from
        ``spec['text']`` and the ``emblem`` (paths under content/)."""
        style = spec["style"]
        shas = tuple(self.probe(rel).sha if rel else "" for rel in (cover, emblem))
        key = make_key_after(self._card_key_head(style), {**spec, "style": None}, shas)
        spec["cover"] = self.path(cover) if cover else ""
        spec["emblem"] = self.path(emblem) if emblem else ""
        return CardJob(
            key=key,
            path=self.cache.file(key, "jpg"),
            quality=self.media.card_quality,
            background=self.media.background,
            max_pixels=self.media.max_pixels,
            **spec,
        )

    def card_file(self, job: CardJob, name: str, alt: str) -> ShareCard | None:
        if not self.ready(job):
            return None
        width, height = job.style.size
        path = f"{self.media.output_dir}/og/{name}.{job.key[:8]}.jpg"
        self.publish(path, job.path)
        return ShareCard(self.url(path), path, width, height, "image/jpeg", job.path, alt)

    def _card_key_head(self, style: CardStyle) -> str:
        """What a card's key takes from the run and from ``style``, as the head of its key
        (``key_head``): the same for every card of the run's style, so worked out once a
        run (each article asks)."""
        known = self._card_style_parts
        if known is None or known[0] is not style:
            fonts = tuple(self.probe_font(path) for path in (style.font, style.font_bold))
            # the fonts by name and content, not where they are: a card (and the og:image
            # address in every post that shows it) is the same whichever folder or machine
            # builds the site
            portable = dataclasses.replace(
                style,
                font=os.path.basename(style.font),
                font_bold=os.path.basename(style.font_bold),
            )
            parts = (
                self.media.card_quality,
                self.media.background,
                repr(portable),
                fonts,
                layout_engine(),
            )
            known = self._card_style_parts = (style, key_head("card", *parts))
        return known[1]

    def probe_font(self, path: str) -> str:
        """A font file's hash (cards change when the font does)."""
        if path not in self._fonts:
            try:
                self._fonts[path] = file_sha(path)
            except OSError:
                self._fonts[path] = ""
        return self._fonts[path]

    def place_all(self, output: str) -> list[str]:
        """Link every published file into ``output``; return their site paths."""
        for path, cache_file in self.placed.items():
            place(Path(cache_file), Path(output) / path)
        return list(self.placed)


def current_run() -> MediaRun | None:
    """The image work of the build running now (None: no build, or no media plugin)."""
    build = current_build()
    return build.parts.get(PART) if build is not None else None
