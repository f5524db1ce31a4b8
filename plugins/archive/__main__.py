"""``make import-archive``: bring a former unit's old news into the site.

python -m tinhoi.archive --source <feed URL | WordPress export .xml | folder of saved pages>
                  --unit <former unit's code> [--lang vi|en]

Exit 1 when the source cannot be read (nothing is written then), else 0 with a report.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from tinhoi.authoring.files import AuthoringError
from tinhoi.sitebuild.cli import load_settings, setup_logging

from .model import ArchiveError
from .report import report
from .run import import_archive

logger = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="archive", description="Nhập tin cũ của đơn vị cũ.")
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--source", default="")
    parser.add_argument("--unit", default="")
    parser.add_argument("--lang", default="vi", choices=("vi", "en"))
    args = parser.parse_args(argv)

    setup_logging()
    settings = load_settings(args.settings)
    try:
        result = import_archive(settings, args.source, args.unit, args.lang)
    except (ArchiveError, AuthoringError) as error:
        logger.error("%s", error)
        return 1
    print(report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
