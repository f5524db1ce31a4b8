"""Image jobs and the process pool that runs them.

A job is a small picklable description; a worker decodes its source once, writes every
file of the job into the cache (atomically) and answers with a ``Result``. Jobs for the
same build run on all cores (``MEDIA['workers']``, 2 by default); one job runs inline.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing import forkserver, get_context
from pathlib import Path

from PIL import Image

from . import cards
from .cache import making, write_atomic
from .images import ImageProblem, encode, load_palette, load_upright, resize_to_width


@dataclass(frozen=True)
class Output:
    fmt: str
    width: int
    quality: int
    path: str  # the cache file to write


@dataclass(frozen=True)
class ImageJob:
    """Responsive derivatives of one photo."""

    key: str
    source: str
    max_pixels: int
    long_edge: int  # enough pixels for the widest output
    outputs: tuple[Output, ...]
    background: str


@dataclass(frozen=True)
class LinkedJob:
    """A photo the officer links to on purpose: same format, upright, stripped."""

    key: str
    source: str
    max_pixels: int
    max_size: int
    fmt: str
    quality: int
    path: str
    background: str


@dataclass(frozen=True)
class CardJob:
    """A share card: the cover cropped, or a branded card with ``text``."""

    key: str
    path: str
    quality: int
    background: str
    style: cards.CardStyle
    max_pixels: int
    cover: str = ""
    text: cards.CardText | None = None
    emblem: str = ""


@dataclass(frozen=True)
class Result:
    key: str
    error: str = ""  # an ImageProblem code
    detail: str = ""
    worker: int = 0  # the process that did the job (bench/images.py counts them)


def _image_job(job: ImageJob, threads: int = 1) -> None:
    # the live preview's early page and the build after it may both make a new photo: the
    # second waits for the first, then finds the files made
    with making(job.outputs[0].path, job.key):
        missing = [out for out in job.outputs if not os.path.exists(out.path)]
        if not missing:
            return
        base = load_upright(job.source, job.max_pixels, job.long_edge)

        def make_width(width: int) -> None:
            resized = resize_to_width(base, width)
            for out in missing:
                if out.width == width:
                    data = encode(resized, out.fmt, out.quality, job.background)
                    write_atomic(Path(out.path), data)

        widths = sorted({out.width for out in missing}, reverse=True)  # the longest first
        if threads < 2 or len(widths) < 2:
            for width in widths:
                make_width(width)
            return
        # Pillow lets go of the interpreter while it scales and encodes, and only reads
        # ``base``: the widths are made side by side
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(make_width, widths))


def _linked_job(job: LinkedJob) -> None:
    image = None
    if job.fmt in ("png", "gif"):
        image = load_palette(job.source, job.max_pixels)  # keeps a small palette file small
    if image is None:
        image = load_upright(job.source, job.max_pixels, job.max_size)
    if max(image.size) > job.max_size:
        image.thumbnail((job.max_size, job.max_size), Image.Resampling.LANCZOS)
    write_atomic(Path(job.path), encode(image, job.fmt, job.quality, job.background))


def _card_job(job: CardJob) -> None:
    width, height = job.style.size
    if job.cover:
        cover = load_upright(job.cover, job.max_pixels, 2 * max(width, height))
        card = cards.render_cover(cover, job.style.size, job.background)
    else:
        emblem = None
        if job.emblem:
            try:
                emblem = load_upright(job.emblem, job.max_pixels, 256)
            except ImageProblem:
                emblem = None  # reported where the emblem itself is used
        card = cards.render_branded(job.text, job.style, emblem)
    write_atomic(Path(job.path), encode(card, "jpeg", job.quality, job.background))


def run_job(job, threads: int = 1) -> Result:
    """Do one job (an image's widths on ``threads`` threads: the live preview's early page
    makes its new photo alone); every failure becomes a ``Result`` with an error code."""
    try:
        if isinstance(job, ImageJob):
            _image_job(job, threads)
        elif isinstance(job, LinkedJob):
            _linked_job(job)
        else:
            _card_job(job)
    except ImageProblem as problem:
        return Result(job.key, problem.code, problem.detail, os.getpid())
    except MemoryError:
        return Result(job.key, "too_large", "out of memory", os.getpid())
    except Exception as error:  # a decoder bug must not stop the other photos
        return Result(job.key, "corrupt", f"{type(error).__name__}: {error}", os.getpid())
    return Result(job.key, worker=os.getpid())


def _weight(job) -> int:
    try:
        return os.path.getsize(getattr(job, "source", "") or getattr(job, "cover", ""))
    except OSError:
        return 0


def pool_context():
    """How image workers start: from a clean server process, never by forking the build.

    The build runs threads (a pool's own, the search index) and forks renderers; forking
    a process with live threads can deadlock (Python 3.12+ warns). The server imports
    this module once, so each worker starts in milliseconds.
    """
    context = get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def start_pool_server() -> None:
    """Start the server now, without waiting for it. It takes a second or so to import
    this module (more on a busy machine): started by the first photo to make, it held up
    the build's reading that long."""
    pool_context()
    forkserver.ensure_running()


def execute(jobs: list, workers: int) -> list[Result]:
    """Run ``jobs``, the largest first, on up to ``workers`` processes."""
    if not jobs:
        return []
    ordered = sorted(jobs, key=_weight, reverse=True)
    workers = min(workers, len(ordered), os.cpu_count() or 1)
    if workers <= 1:
        return [run_job(job) for job in ordered]
    chunk = max(1, math.floor(len(ordered) / (workers * 4)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=pool_context()) as pool:
        return list(pool.map(run_job, ordered, chunksize=chunk))
