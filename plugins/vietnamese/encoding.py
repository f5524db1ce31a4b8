"""Decode an officer's source file and say what is wrong with its encoding.

Old Word documents and copy-paste bring Windows-1258, TCVN3 (".VnTime" fonts), VNI and
UTF-8 text that was once read as Windows-1252 ("mojibake"). Each is detected here so the
officer gets a message in Vietnamese instead of garbled letters on the site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import is_nfc, nfc

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding about a source file; ``line`` is 1-based, 0 when unknown."""

    severity: str
    line: int
    message: str


@dataclass
class DecodedSource:
    text: str
    encoding: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        """False when the text cannot be published (garbled letters)."""
        return not any(p.severity == ERROR for p in self.problems)


# UTF-8 bytes of Vietnamese letters read as Windows-1252: "á»", "Ã¡", "Ä‘", "áº".
_MOJIBAKE = re.compile(r"(?:á»|áº|Ã[\xa0-\xbf]|Ä[\x80-\xbf‘’]|Æ[°¡])")
# TCVN3 letters seen through a Western code page, inside a word: "Liªn", "hiÖp", "n÷".
_TCVN3_LETTERS = "ª«¬®¨©µ¶·¸¹Ö×Þ÷"
_TCVN3 = re.compile(f"[A-Za-z][{_TCVN3_LETTERS}\xad]|[{_TCVN3_LETTERS}][a-z]")
# VNI letters: an ASCII vowel followed by VNI's tone bytes ("Hoäi", "Phuï nöõ").
_VNI_TONES = "äøùûõïëöñ"
_VNI = re.compile(f"[aeiouyAEIOUY][{_VNI_TONES}](?:[a-z]|\\b)")
# Neither has a letter of Vietnamese: text without one of theirs skips both patterns, which
# try every letter of it.
_LEGACY_LETTER = re.compile(f"[{_TCVN3_LETTERS}\xad{_VNI_TONES}]")
# Windows-1258 stores tones as combining marks after the base letter.
_CP1258_TONES = re.compile("[\u0300\u0301\u0303\u0309\u0323]")

SAVE_AS_UTF8 = "Hãy mở tệp, chọn lưu lại với bảng mã UTF-8 (Unicode) rồi dựng lại trang."
CONVERT_WITH_UNIKEY = (
    "Hãy dùng Unikey → Công cụ chuyển mã (nguồn {source}, đích Unicode), "
    "rồi lưu lại tệp với bảng mã UTF-8."
)


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _first_non_nfc_line(text: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if not is_nfc(line):
            return number
    return 0


def find_legacy_residue(text: str) -> list[Problem]:
    """Find mojibake and TCVN3/VNI letters inside otherwise valid Unicode text."""
    match = _MOJIBAKE.search(text)
    if match:
        return [
            Problem(
                ERROR,
                _line_of(text, match.start()),
                f"chữ bị lỗi mã hoá (“{match.group()}…”): nội dung từng bị mở sai bảng mã; "
                "bài không được đăng. Hãy chép lại nội dung từ bản gốc và lưu với bảng mã "
                "UTF-8.",
            )
        ]
    problems = []
    if not _LEGACY_LETTER.search(text):
        return problems
    for pattern, source in ((_TCVN3, "TCVN3"), (_VNI, "VNI Windows")):
        matches = list(pattern.finditer(text))
        # one odd letter may be a brand name ("Zalo®"); two make a pattern
        if len(matches) >= 2:
            match = matches[0]
            problems.append(
                Problem(
                    WARNING,
                    _line_of(text, match.start()),
                    f"có chữ còn ở phông cũ {source} (“{match.group()}”). "
                    + CONVERT_WITH_UNIKEY.format(source=source),
                )
            )
    return problems


def decode_source(raw: bytes) -> DecodedSource:
    """Decode ``raw`` to NFC text, recording every encoding problem found."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return _decode_legacy(raw, _line_of(raw.decode("latin-1"), error.start))

    decoded = DecodedSource(text=text, encoding="utf-8")
    if not is_nfc(text):
        decoded.problems.append(
            Problem(
                WARNING,
                _first_non_nfc_line(text),
                "văn bản ở dạng Unicode tổ hợp (NFD); đã tự chuẩn hoá sang dựng sẵn (NFC). "
                "Nên đặt bộ gõ ở bảng mã “Unicode dựng sẵn”.",
            )
        )
        decoded.text = nfc(text)
    decoded.problems.extend(find_legacy_residue(decoded.text))
    return decoded


def _decode_legacy(raw: bytes, first_bad_line: int) -> DecodedSource:
    """Handle a file that is not UTF-8: Windows-1258 is converted, the rest refused."""
    try:
        text = raw.decode("cp1258")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
        encoding = "unknown"
    else:
        encoding = "cp1258"

    if _TCVN3.search(text):
        source = "TCVN3"
    elif _VNI.search(text):
        source = "VNI Windows"
    elif encoding == "cp1258" and _CP1258_TONES.search(text):
        return DecodedSource(
            text=nfc(text),
            encoding="cp1258",
            problems=[
                Problem(
                    WARNING,
                    first_bad_line,
                    "tệp được lưu bằng bảng mã Windows-1258, không phải UTF-8; "
                    f"đã tự chuyển sang Unicode. {SAVE_AS_UTF8}",
                )
            ],
        )
    else:
        source = "không rõ"
    return DecodedSource(
        text="",
        encoding=encoding,
        problems=[
            Problem(
                ERROR,
                first_bad_line,
                f"tệp không phải UTF-8 mà ở bảng mã cũ {source} (phông .VnTime, VNI…); "
                "bài không được đăng. " + CONVERT_WITH_UNIKEY.format(source=source),
            )
        ],
    )
