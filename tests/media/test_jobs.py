"""One process at a time makes an image job (``cache.making``): the live preview's early
page and the build that follows it both want the officer's new photo; the second waits,
then finds the files made instead of making them again on the same two cores. The early
page's process makes it beside the page's rendering (``MediaRun.make_soon``)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import threading
import time
from pathlib import Path

import imagemaker as make
import pytest

from tinhoi.media.cache import PIPELINE_VERSION, key_head, make_key, make_key_after, making
from tinhoi.media.run import MediaRun
from tinhoi.media.settings import check_settings
from tinhoi.media.work import ImageJob, Output, run_job


def _job(tmp_path: Path) -> ImageJob:
    source = make.phone_jpeg(tmp_path / "content" / "anh.jpg", size=(800, 600))
    folder = tmp_path / "cache" / "files" / "ab"
    outputs = tuple(
        Output(fmt, 400, 75, str(folder / f"ab12.{ext}"))
        for fmt, ext in (("webp", "webp"), ("jpeg", "jpg"))
    )
    return ImageJob("ab12", str(source), 50_000_000, 800, outputs, "#ffffff")


def test_a_job_alone_makes_its_files(tmp_path):
    job = _job(tmp_path)
    assert not run_job(job).error
    webp, jpeg = (Path(out.path).read_bytes() for out in job.outputs)
    assert webp[:4] == b"RIFF" and jpeg[:3] == b"\xff\xd8\xff"


def test_a_job_made_on_two_threads_gives_the_same_files(tmp_path):
    """The early page makes the officer's new photo with its widths side by side; the
    files are byte for byte the ones a build's worker makes alone."""
    source = make.phone_jpeg(tmp_path / "content" / "anh.jpg", size=(1600, 1200))
    made = []
    for threads in (1, 2):
        folder = tmp_path / "cache" / str(threads)
        outputs = tuple(
            Output(fmt, width, 75, str(folder / f"{width}.{fmt}"))
            for fmt, width in (("webp", 1200), ("webp", 800), ("webp", 400), ("jpeg", 800))
        )
        job = ImageJob(f"ab{threads}", str(source), 50_000_000, 1200, outputs, "#ffffff")
        assert not run_job(job, threads).error
        made.append([Path(out.path).read_bytes() for out in outputs])
    assert made[0] == made[1]


def test_a_job_another_process_is_making_waits_then_finds_it_made(tmp_path):
    job = _job(tmp_path)
    results = []
    with making(job.outputs[0].path, job.key):  # the other process, making it
        worker = threading.Thread(target=lambda: results.append(run_job(job)))
        worker.start()
        time.sleep(0.5)
        assert not any(Path(out.path).exists() for out in job.outputs), "it did not wait"
        for out in job.outputs:
            Path(out.path).parent.mkdir(parents=True, exist_ok=True)
            Path(out.path).write_bytes(b"made by the other process")
    worker.join(timeout=60)
    assert results and not results[0].error
    assert {Path(out.path).read_bytes() for out in job.outputs} == {b"made by the other process"}


def _run(tmp_path: Path) -> MediaRun:
    media, errors = check_settings({}, str(tmp_path / "cache"))
    assert not errors
    return MediaRun(media, str(tmp_path / "content"), "")


def test_a_job_made_soon_is_made_beside_what_the_process_does_next(tmp_path):
    make.phone_jpeg(tmp_path / "content" / "images" / "moi.jpg", size=(1600, 1200))
    run = _run(tmp_path)
    job = run.image_plan("images/moi.jpg").job
    files = [Path(out.path) for out in job.outputs]
    with making(job.outputs[0].path, job.key):  # the job cannot be made before this ends
        starter = threading.Thread(target=lambda: run.make_soon(job))
        starter.start()
        starter.join(timeout=30)
        assert not starter.is_alive(), "make_soon waited for the job to be made"
        assert not run.made(job) and not any(file.exists() for file in files)
    assert run.finish_making()
    assert run.made(job)
    assert {file.read_bytes()[:4] for file in files} >= {b"RIFF", b"\xff\xd8\xff\xe0"}
    assert run.make_soon(job) and run.finish_making()  # made: nothing started again


def test_a_job_made_soon_that_fails_is_not_remembered(tmp_path):
    photo = tmp_path / "content" / "images" / "dang-chep.jpg"
    make.phone_jpeg(photo, size=(1600, 1200))
    run = _run(tmp_path)
    job = run.image_plan("images/dang-chep.jpg").job
    photo.write_bytes(photo.read_bytes()[:2000])  # still being copied when it is made
    assert run.make_soon(job)
    assert not run.finish_making()
    assert not run.made(job) and not run.cache.failure(job.key)


def test_the_image_workers_server_loads_the_image_code_alone():
    # the pool's server imports ``media.work`` before the first photo is read, and the
    # build waits for it: the package must not bring the whole build along (0.65 s → 0.18 s)
    heavy = ("pelican", "jinja2", "markdown", "tinhoi.sitebuild.driver")
    script = f"import sys, tinhoi.media.work; print([n for n in {heavy} if n in sys.modules])"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "shared, own",
    [
        (
            ("card", 85, "#ffffff", ("a1", "b2")),
            ({"text": "Hội nghị sơ kết", "style": None}, ("", "")),
        ),
        (("card",), (("ảnh/đầu.jpg", 1200), 0.5)),
        ((), ("linked",)),
    ],
)
def test_a_key_made_of_text_worked_out_once_is_the_key_of_its_parts(shared, own):
    # the share cards' key: the parts every card shares are turned into text once a run; a
    # key in the image cache (and the card's address on every page) must stay the same
    joined = make_key_after(key_head(*shared), *own)
    assert joined == make_key(*shared, *own)
    # the keys the image cache already holds: the hash of the parts' texts, joined
    text = "\x1f".join(repr(part) for part in (PIPELINE_VERSION, *shared, *own))
    assert joined == hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
    assert joined != make_key(*shared, *own[:-1])
