"""Pelican side: at the end of the main-language build, write the plan, kit and report.

No network here, ever. Only when ``CROSSPOST['plan']`` is on (publishconf.py), so
``make html`` stays free of side effects. The checked config and the main site's articles
are kept by the build (``sitebuild.state``), not the settings; the plan is written once
the build's language sites are all written (``build_written``). Nothing here can fail
the build: a problem is logged and the previous plan stays.
"""

from __future__ import annotations

import logging
import pickle
import zlib
from pathlib import Path

from tinhoi.sitebuild.sites import is_main_site, main_lang, public_base, report
from tinhoi.sitebuild.state import current_build

from .files import write_json
from .kit import write_kit
from .plan import build_plan, takedown_entries
from .records import generator_records, zalo_groups
from .report import write_report
from .settings import PART
from .state import PLAN_FILE, StateCorrupt, clock, corrupt_message, read_state

logger = logging.getLogger(__name__)
WARNING = "warning"


def _part(build) -> dict | None:
    """The build's cross-post state when this build plans (``CROSSPOST['plan']``)."""
    part = build.parts.get(PART) if build is not None else None
    return part if part is not None and part["config"]["plan"] else None


def collect_articles(generator) -> None:
    """``article_generator_finalized``: remember the main site's articles as records."""
    settings = generator.settings
    part = _part(current_build())
    if part is None or not is_main_site(settings):
        return
    part["records"] = {
        # packed: a record a main-site article, held from the main site's reading to the
        # end of the build, through its peak (15 MB of small objects at 10,000 articles)
        "records": _pack(generator_records(generator, part["config"])),
        "groups": zalo_groups(generator.context.get("UNIT_DATA")),
        "site": _site(settings, generator.context.get("UNIT_DATA")),
        # articles removed on request (plugins/takedown), or whose cover photo was: their
        # posts show it, so they are deleted
        "takedowns": [item["url"] for item in generator.context.get("TAKEDOWN_REMOVED", [])],
        "cover_takedowns": list(generator.context.get("TAKEDOWN_COVERS", [])),
    }


def _pack(records: list[dict]) -> bytes:
    return zlib.compress(pickle.dumps(records, pickle.HIGHEST_PROTOCOL), 1)


def _unpack(packed: bytes) -> list[dict]:
    return pickle.loads(zlib.decompress(packed))


def _site(settings: dict, unit_data) -> dict:
    name = unit_data.unit.name_vi if unit_data is not None else settings.get("SITENAME", "")
    return {"name": name, "url": public_base(settings)}


def write_plan(settings: dict, build) -> None:
    """``build_written``: write plan.json, the Zalo kit and the report (when the contents
    are let go: the plan and its JSON text then add nothing to the build's peak)."""
    part = _part(build)
    if part is None or part["records"] is None:
        return
    try:
        _write_plan(settings, part["config"], part["records"])
    except Exception:  # the site must build whatever happens to the cross-post plan
        logger.error("crosspost: the plan could not be written", exc_info=True)


def _write_plan(settings: dict, config: dict, collected: dict) -> None:
    folder = Path(config["dir"])
    now = clock()
    plan = build_plan(
        _unpack(collected["records"]), collected["groups"], config, main_lang(settings), now
    )
    plan["site"] = collected["site"]
    plan["takedowns"] = takedown_entries(
        collected.get("takedowns", []), collected.get("cover_takedowns", []), public_base(settings)
    )
    plan["group_names"] = {gid: group["name"] for gid, group in collected["groups"].items()}
    for problem in plan["problems"]:
        report(
            logger,
            settings,
            str(Path(settings["PATH"]) / problem["source"]),
            problem["line"],
            WARNING,
            problem["message"],
        )
    try:
        write_json(folder / PLAN_FILE, plan)
        try:
            state = read_state(folder)
            problem = ""
        except StateCorrupt as error:
            logger.warning("crosspost: %s", error)
            state, problem = {"articles": {}, "channels": {}}, corrupt_message(error)
        kit = write_kit(folder, plan, state)
        write_report(folder, plan, state, now, problem)
    except OSError as error:
        logger.warning("crosspost: could not write the plan in %s: %s", folder, error)
        return
    targets = sum(len(article["targets"]) for article in plan["articles"])
    logger.info(
        "crosspost: plan of %d articles, %d targets, %d Zalo kit items in %s",
        len(plan["articles"]),
        targets,
        kit,
        folder,
    )
