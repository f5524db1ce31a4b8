"""Pure Vietnamese text rules: NFC, slugs, folding and the collation key."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Vietnamese alphabet order; f, j, w, z sit where Latin puts them.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
# Tone marks in the order of the secondary difference: huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form Vietnamese text must be stored in."""
    return unicodedata.normalize("NFC", text)


def is_nfc(text: str) -> bool:
    """Tell whether ``text`` is already NFC."""
    return unicodedata.is_normalized("NFC", text)


# đ/Đ have no decomposition; Ð/ð (U+00D0/U+00F0) are the look-alikes legacy encodings leave
_D_FOLDS = {"đ": "d", "Đ": "D", "\u00f0": "d", "\u00d0": "D"}
_D_LETTERS = str.maketrans(_D_FOLDS)


def strip_marks(text: str) -> str:
    """Remove every diacritic and map đ/Đ (and the look-alikes ð/Ð) to d/D."""
    text = text.translate(_D_LETTERS)
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


FOLDS_KEPT = 4096  # header values (categories, languages, flags): a site repeats a few


@lru_cache(maxsize=FOLDS_KEPT)
def fold(text: str) -> str:
    """Return a key that ignores case, marks and spacing: "Thanh Hoá" == "thanh hóa"."""
    return " ".join(strip_marks(nfc(text)).casefold().split())


_D_LETTER = re.compile("[" + "".join(_D_FOLDS) + "]")
_WORD_TAIL = re.compile(r"\w*")
_TAGS = re.compile(r"<[^>]*>")


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what ``\w`` matches


def d_words(text: str) -> list[str]:
    r"""The words of ``text`` holding đ/Đ: ``re.findall(r"\w*[đĐÐð]\w*")``, found from
    the letters out: that pattern tries every position of a whole article body."""
    words: list[str] = []
    end = 0
    for letter in _D_LETTER.finditer(text):
        start = letter.start()
        if start < end:  # a second đ of the word just taken
            continue
        while start > end and _is_word_char(text[start - 1]):
            start -= 1
        end = _WORD_TAIL.match(text, letter.end()).end()
        words.append(text[start:end])
    return words


def d_aliases(text: str) -> str:
    """Words with đ/Đ, folded ("Đại" → "dai"), once each, for a search index.

    Search engines that fold tone marks still keep đ apart from d (it has no
    decomposition), so "dai hoi" would never find "Đại hội" without these.
    """
    seen: dict[str, None] = {}
    for word in d_words(nfc(_TAGS.sub(" ", text))):
        seen.setdefault(_folded_word(word), None)
    return " ".join(seen)


@lru_cache(maxsize=4096)
def _folded_word(word: str) -> str:
    return strip_marks(word).casefold()


# how officers write a language in ``Lang:`` (folded: case and marks ignored)
LANGUAGE_NAMES = {
    "vi": "vi",
    "vn": "vi",
    "vie": "vi",
    "vi-vn": "vi",
    "vi_vn": "vi",
    "tieng viet": "vi",
    "viet": "vi",
    "en": "en",
    "eng": "en",
    "en-us": "en",
    "en-gb": "en",
    "english": "en",
    "tieng anh": "en",
    "anh": "en",
}
TRANSLATION_SUFFIXES = {"en": (".en.md", ".en.markdown")}


def language_code(written: str) -> str | None:
    """``vi``/``en`` for what an officer wrote (``Tiếng Việt``, ``VN``, ``en-US``…), else None."""
    return LANGUAGE_NAMES.get(fold(written))


def source_language(path: str, written: str | None, main: str) -> str | None:
    """The language of a source: its ``Lang:``, else its name (``x.en.md``), else ``main``."""
    if written:
        return language_code(written)
    for lang, suffixes in TRANSLATION_SUFFIXES.items():
        if path.endswith(suffixes):
            return lang
    return main


def slugify(text: str, max_length: int = 80) -> str:
    """Make an ASCII slug: marks dropped, đ→d, hyphens, cut at a word boundary."""
    slug = _NON_ALNUM.sub("-", strip_marks(nfc(text)).lower()).strip("-")
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1]
    return (cut.rsplit("-", 1)[0] if "-" in cut else cut[:max_length]).strip("-")


def vi_sort_key(text: str) -> tuple[list[int], list[int], list[int]]:
    """Collation key matching ICU's Vietnamese order: letters, then tones, then case.

    Plain ``sorted()`` puts "Đông" after "Yên"; this key puts it after "Dương".
    """
    base: list[int] = []
    tones: list[int] = []
    cases: list[int] = []
    for char in nfc(text):
        decomposed = unicodedata.normalize("NFD", char)
        tone = next((_TONES[c] for c in decomposed if c in _TONES), 0)
        letter = nfc("".join(c for c in decomposed if c not in _TONES))
        if not letter:  # a stray combining tone mark belongs to the previous letter
            if tones:
                tones[-1] = tone
            continue
        low = letter.lower()
        if low in _RANK:
            base.append(0x120000 + _RANK[low])
        elif low.isdigit():
            base.append(0x110000 + ord(low))
        elif low.isalpha():
            base.append(0x130000 + ord(low))
        else:
            base.append(ord(low))  # spaces and punctuation sort first
        tones.append(tone)
        cases.append(0 if letter == low else 1)
    return base, tones, cases


def vi_sorted(items, key=None):
    """Sort ``items`` in Vietnamese order; ``key`` maps an item to its text."""
    key = key or str
    return sorted(items, key=lambda item: vi_sort_key(key(item)))
