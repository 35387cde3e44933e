"""CSV and tab-separated text: the encoding and delimiter are found without being told.

Encodings are tried in the order Chinese offices produce them: UTF-8 with BOM, UTF-16 with BOM (Excel's
"Unicode text"), UTF-8, GB18030 (a superset of GBK and GB2312); only for anything else charset-normalizer
guesses. A candidate must decode the whole file, so the file is streamed once to check and once to read.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from charset_normalizer import from_path

from matterkit.i18n import t
from matterkit.rawtypes import CellValue, RawSheet
from matterkit.readers.messages import fail

_CHUNK = 1 << 20
_COMMON = ("utf-8", "gb18030")  # what Chinese offices write, tried in this order
_FEW_ERRORS = 16  # damaged bytes tolerated in a small file before the encoding is guessed instead
_SAMPLE_CHARS = 64 * 1024
_DECLARED_SEPARATOR = re.compile(r"\ufeff?sep=(.)\r?\n")
_DELIMITERS = {",": "逗号", "\t": "制表符", ";": "分号"}
_ENCODING_LABELS = {"utf-8-sig": "UTF-8（带 BOM）", "utf-8": "UTF-8", "gb18030": "GB18030/GBK",
                    "utf-16": "UTF-16（带 BOM）"}

csv.field_size_limit(64 * 1024 * 1024)  # legal texts in one cell can be long; the default 128 KB is not enough


def read_csv(path: Path, head: bytes) -> list[RawSheet]:
    encoding = detect_encoding(path, head)
    delimiter, declared = sniff_delimiter(path, encoding)
    label = _ENCODING_LABELS.get(encoding, encoding)
    notes = [t("reader.note.encoding", encoding=label, delimiter=_DELIMITERS[delimiter])]
    if encoding in _COMMON and not _decodes_whole_file(path, encoding):
        notes.append(t("reader.note.replaced", count=_undecodable(path, encoding), encoding=label))
    return [RawSheet(name=None, rows=_rows(path, encoding, delimiter, skip_first=declared), notes=notes)]


def detect_encoding(path: Path, head: bytes) -> str:
    """The file's encoding. A file that is UTF-8 or GB18030 but for a few damaged bytes is read as such
    (the bytes become U+FFFD and the import report says so) rather than handed to a guesser, which would
    turn the whole file into plausible-looking nonsense in some other encoding."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in _COMMON:
        if _decodes_whole_file(path, encoding):
            return encoding
    size = path.stat().st_size
    errors, nearest = min((_undecodable(path, encoding), encoding) for encoding in _COMMON)
    if errors <= max(_FEW_ERRORS, size // 1000):
        return nearest
    best = from_path(path).best()
    if best is None:
        raise fail(path, "reader.text_undecodable")
    return str(best.encoding)


def _decodes_whole_file(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _undecodable(path: Path, encoding: str) -> int:
    """How many characters decoding the file as `encoding` has to replace."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    count = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            count += decoder.decode(chunk).count("\ufffd")
        count += decoder.decode(b"", final=True).count("\ufffd")
    return count


def sniff_delimiter(path: Path, encoding: str) -> tuple[str, bool]:
    """The delimiter that splits the first lines into the most, and most consistent, fields, and whether
    the file declares it in an Excel "sep=;" first line (which Excel hides, so rows count from the next)."""
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        sample = handle.read(_SAMPLE_CHARS)
    declared = _DECLARED_SEPARATOR.match(sample)
    if declared and declared.group(1) in _DELIMITERS:
        return declared.group(1), True
    lines = [line for line in sample.splitlines()[:50] if line.strip()]
    if len(sample) == _SAMPLE_CHARS and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut in the middle
    best, best_score = ",", (0, 0)
    for delimiter in _DELIMITERS:
        counts = [len(fields) for fields in csv.reader(lines, delimiter=delimiter)]
        split = [n for n in counts if n > 1]
        if not split:
            continue
        usual = Counter(split).most_common(1)[0][1]  # lines sharing the commonest field count
        score = (len(split) + usual, max(split))
        if score > best_score:
            best, best_score = delimiter, score
    return best, False


def _rows(path: Path, encoding: str, delimiter: str, *, skip_first: bool) -> Iterator[list[CellValue]]:
    """Records one at a time. A malformed file (a field over the size limit) raises InputFileError here,
    while the caller iterates: the file was readable when opened."""
    with path.open("rb") as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        if skip_first:
            text.readline()
        try:
            yield from csv.reader(text, delimiter=delimiter)
        except csv.Error as exc:
            raise fail(path, "reader.csv_malformed", detail=str(exc)) from None
