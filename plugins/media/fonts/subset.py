"""Make the share-card fonts: Noto Sans cut down to Latin and Vietnamese.

A developer tool, not part of the build (the build uses the files this writes, which are in
the repository). Needs fontTools (requirements-dev.txt) and the full fonts, e.g. from
Debian's ``fonts-noto-core``::

    python plugins/media/fonts/subset.py /usr/share/fonts/truetype/noto

Layout tables (GSUB/GPOS: ccmp, mark, mkmk, kern) are kept so that libraqm stacks marks
correctly even for decomposed text; hinting is dropped (cards are drawn large).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset

HERE = Path(__file__).resolve().parent
# Basic Latin, Latin-1, the Vietnamese letters and marks, and the punctuation we print
UNICODES = (
    "U+0020-007E,U+00A0-00FF,U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,"
    "U+01A0-01A1,U+01AF-01B0,U+0300-0303,U+0309,U+0323,U+1EA0-1EF9,"
    "U+2013-2014,U+2018-201D,U+2022,U+2026,U+20AB"
)
FONTS = ("NotoSans-Regular", "NotoSans-Bold")


def make_subset(source: Path, target: Path) -> None:
    """Write the Latin + Vietnamese subset of ``source`` to ``target``."""
    options = subset.Options()
    options.layout_features = ["ccmp", "locl", "mark", "mkmk", "kern", "liga", "calt"]
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = ["*"]  # keep the copyright and licence records
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder holding NotoSans-*.ttf")
    args = parser.parse_args()
    for name in FONTS:
        target = HERE / f"{name}.vi.ttf"
        make_subset(args.folder / f"{name}.ttf", target)
        print(f"{target.name}: {target.stat().st_size} bytes")


if __name__ == "__main__":
    main()
