"""Image benchmark: a 12 MP phone photo before and after, formats compared, and the image
stage of the sample site cold and warm.

    .venv/bin/python bench/images.py [--runs 3]

Everything is written to a temporary folder. Figures are medians; CPU time of the worker
processes shows whether the cold build used both cores. The machine may be shared: read
wall times with the CPU times beside them.
"""

from __future__ import annotations

import argparse
import io
import logging
import math
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from PIL import ExifTags, Image, ImageChops, ImageDraw, ImageFilter, ImageStat  # noqa: E402

from tinhoi.media.receivers import logger as media_logger  # noqa: E402
from tinhoi.media.run import MediaRun  # noqa: E402
from tinhoi.media.settings import check_settings  # noqa: E402
from tinhoi.media.work import execute, run_job  # noqa: E402
from tinhoi.sitebuild.driver import build  # noqa: E402


def phone_photo(width: int = 4000, height: int = 3000, seed: int = 1) -> Image.Image:
    """A 12 MP picture with a phone photo's statistics: smooth sky, detailed subjects,
    fine texture and sensor noise (JPEG q92 of it is about 4 MB, like a phone's)."""
    rnd = random.Random(seed)
    sky = Image.new("RGB", (1, 2))
    sky.putpixel((0, 0), (120, 170, 225))
    sky.putpixel((0, 1), (225, 235, 240))
    image = sky.resize((width, height), Image.Resampling.BILINEAR)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, int(height * 0.55), width, height), fill=(96, 120, 60))
    palette = [
        (180, 60, 60),
        (200, 170, 120),
        (60, 80, 140),
        (230, 220, 210),
        (90, 60, 40),
        (150, 40, 120),
        (240, 200, 60),
        (40, 40, 40),
    ]
    for _ in range(160):
        x, y = rnd.randrange(width), rnd.randrange(int(height * 0.3), height)
        r = rnd.randrange(30, 260)
        color = rnd.choice(palette)
        if rnd.random() < 0.5:
            draw.ellipse((x - r, y - 2 * r, x + r, y + r), fill=color)
        else:
            draw.rectangle((x - r, y - r, x + r, y + rnd.randrange(r, 3 * r)), fill=color)
    image = image.filter(ImageFilter.GaussianBlur(4))
    for scale, sigma in ((8, 22), (2, 24)):
        texture = Image.effect_noise((width // scale, height // scale), sigma)
        texture = texture.resize((width, height), Image.Resampling.BICUBIC)
        image = ImageChops.soft_light(image, Image.merge("RGB", [texture] * 3))
    noise = Image.merge("RGB", [Image.effect_noise((width, height), s) for s in (7, 5, 8)])
    return ImageChops.add(image, noise, 1, -128)


def save_as_phone(image: Image.Image, path: Path) -> None:
    exif = Image.Exif()
    exif[ExifTags.Base.Make], exif[ExifTags.Base.Model] = "Samsung", "SM-A155F"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef], gps[ExifTags.GPS.GPSLatitude] = "N", (19.0, 54.0, 12.5)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=92, exif=exif)


def psnr(a: Image.Image, b: Image.Image) -> float:
    stat = ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b.convert("RGB")))
    mse = sum(stat.sum2) / (a.width * a.height * 3)
    return 10 * math.log10(255**2 / mse) if mse else 99.0


def kb(size: int) -> str:
    return f"{size / 1024:,.0f} KB"


def photo_before_after(work: Path) -> None:
    source = work / "content" / "images" / "phone.jpg"
    save_as_phone(phone_photo(), source)
    media, _ = check_settings({"cache_dir": str(work / "cache-photo")}, str(work))
    run = MediaRun(media, str(work / "content"), "")
    plan = run.image_plan("images/phone.jpg")
    started = time.perf_counter()
    result = run_job(plan.job)
    seconds = time.perf_counter() - started
    print(f"\n12 MP phone photo (4000×3000, JPEG q92 with GPS EXIF): {kb(source.stat().st_size)}")
    print(f"  pipeline, one core: {seconds:.2f} s, {result.error or 'ok'}")
    for variant in (*plan.sources, plan.fallback):
        size = os.path.getsize(variant.cache_file)
        print(f"  {variant.fmt:5} {variant.width:5}×{variant.height:<5} {kb(size):>8}")
    total = sum(os.path.getsize(v.cache_file) for v in (*plan.sources, plan.fallback))
    print(f"  all derivatives together: {kb(total)}")


def formats_compared(work: Path) -> None:
    samples = {
        "12 MP photo": phone_photo(),
        "sample illustration": Image.open(ROOT / "content/images/2025/dai-hoi.jpg").convert("RGB"),
    }
    encoders = [
        ("JPEG q80", "JPEG", {"quality": 80, "optimize": True, "progressive": True}),
        ("WebP q75 m4", "WEBP", {"quality": 75, "method": 4}),
        ("AVIF q55 s8", "AVIF", {"quality": 55, "speed": 8, "max_threads": 1}),
    ]
    print(
        "\nFormats at the same settings as the pipeline (one thread; PSNR against the resized "
        "source)"
    )
    for name, image in samples.items():
        for width in (800, 1600):
            if width > image.width:
                continue
            resized = image.resize(
                (width, round(image.height * width / image.width)),
                Image.Resampling.LANCZOS,
                reducing_gap=3.0,
            )
            cells = []
            for label, fmt, options in encoders:
                out = io.BytesIO()
                started = time.perf_counter()
                resized.save(out, fmt, **options)
                ms = (time.perf_counter() - started) * 1000
                decoded = Image.open(io.BytesIO(out.getvalue()))
                cells.append(
                    f"{label}: {kb(len(out.getvalue()))}, {ms:.0f} ms, "
                    f"{psnr(resized, decoded):.1f} dB"
                )
            print(f"  {name} @ {width}px: " + " | ".join(cells))


class _Stats(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.INFO)
        self.found: list[dict] = []

    def emit(self, record):
        if hasattr(record, "media_stats"):
            self.found.append(record.media_stats)


def site_build(work: Path, cache: Path, formats: tuple[str, ...], workers: int = 2) -> dict:
    handler = _Stats()
    logger = media_logger  # the one that reports the statistics
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        result = build(
            ROOT / "pelicanconf.py",
            overrides={
                "OUTPUT_PATH": str(work / "output"),
                "CACHE_PATH": str(work / "cache"),
                "MEDIA": {"cache_dir": str(cache), "formats": formats, "workers": workers},
            },
        )
    finally:
        logger.removeHandler(handler)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    stats = dict(handler.found[-1])
    stats["build"] = result.seconds
    stats["worker_cpu"] = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    return stats


def sample_site(work: Path, runs: int) -> None:
    print(f"\nSample site image stage (median of {runs}; cold = empty image cache)")
    for formats in (("webp",), ("avif", "webp")):
        cold, warm = [], []
        for i in range(runs):
            cache = work / f"cache-{'-'.join(formats)}-{i}"
            cold.append(site_build(work, cache, formats))
            warm.append(site_build(work, cache, formats))
        for label, rows in (("cold", cold), ("warm", warm)):
            media = statistics.median(r["seconds"] for r in rows)
            total = statistics.median(r["build"] for r in rows)
            cpu = statistics.median(r["worker_cpu"] for r in rows)
            made = rows[0]["made"]
            files = rows[0]["placed"]
            print(
                f"  {'+'.join(formats):10} {label}: image stage {media:.2f} s, whole build "
                f"{total:.2f} s (children's CPU, image workers and page renderers: "
                f"{cpu:.2f} s), {made} jobs made, {files} files placed"
            )
    output = work / "output" / "media"
    size = sum(p.stat().st_size for p in output.rglob("*") if p.is_file())
    print(f"  media/ in the output (last build): {kb(size)}")


def pool(work: Path, runs: int) -> None:
    """The process pool alone: six 12 MP photos with 1 and 2 workers, back to back."""
    photo = phone_photo()
    for i in range(6):
        save_as_phone(photo.rotate(i * 2), work / "pool" / "images" / f"p{i}.jpg")
    print(f"\nProcess pool, six 12 MP photos (median of {runs})")
    for workers in (1, 2):
        walls, processes = [], []
        for i in range(runs):
            media, _ = check_settings({"cache_dir": str(work / f"pool-{workers}-{i}")}, str(work))
            run = MediaRun(media, str(work / "pool"), "")
            jobs = [run.image_plan(f"images/p{n}.jpg").job for n in range(6)]
            started = time.perf_counter()
            processes.append(len({result.worker for result in execute(jobs, workers)}))
            walls.append(time.perf_counter() - started)
        print(
            f"  {workers} worker(s): {statistics.median(walls):.2f} s, "
            f"jobs done by {max(processes)} process(es)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-site", action="store_true")
    args = parser.parse_args()
    logging.getLogger().setLevel(logging.WARNING)
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="tinhoi-bench-images-") as folder:
        work = Path(folder)
        photo_before_after(work)
        formats_compared(work)
        pool(work, args.runs)
        if not args.skip_site:
            sample_site(work, args.runs)


if __name__ == "__main__":
    main()
