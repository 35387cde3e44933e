"""Text clean-up shared by every stage: cell cleaning and the folding used to match wording."""

from __future__ import annotations

import re
import unicodedata

# Zero-width characters, BOMs and soft hyphens that Excel users paste in without seeing them.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# C0/C1 control characters except tab and new line.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Notes in brackets ("（全称）", "(即办件/承诺件)"). Book-title marks 《》 are not notes: the title inside them
# is what distinguishes 《A法》第九条 from 《B法》第九条, so their content is kept.
_BRACKETED = re.compile(r"[(\[{（【〔［｛][^()\[\]{}（）【】〔〕［］｛｝]*[)\]}）】〕］｝]")
_FOLD_DROP = re.compile(r"[\s*★☆※:：·.。,，、;；\"'“”‘’()（）\[\]【】〔〕{}<>《》/\\|_\-—~～]")


def clean_cell(value: object) -> str:
    """A cell value as trimmed text: invisible and control characters removed, line breaks unified."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text.isprintable() and text[:1] != " " and text[-1:] != " ":
        # The usual cell, one line without outer spaces, is already clean: everything below removes or
        # changes characters that are not printable in Unicode's sense (controls, format characters,
        # line breaks, spaces other than " ").
        return text
    text = _CONTROL.sub("", _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))
    text = text.replace("\u3000", " ").replace("\xa0", " ")
    return "\n".join(line.strip() for line in text.strip().split("\n"))


def nfkc(text: str) -> str:
    """Unicode NFKC: full-width digits, letters and brackets become their ASCII forms."""
    return unicodedata.normalize("NFKC", text)


def fold(text: str, *, drop_bracketed: bool = True) -> str:
    """The form used to compare wording: NFKC, lower case, bracketed notes and punctuation removed.

    `事项名称（全称）`, `事项名称 *` and `事 项 名 称` all fold to `事项名称`; `乡镇（街道）级` folds to
    `乡镇级`. When removing the bracketed notes leaves nothing, they are kept.
    """
    if text.isascii() and text.isalnum():  # a code: nothing to normalise, drop or remove
        return text.lower()
    original = nfkc(clean_cell(text)).lower()
    text = original
    if drop_bracketed:
        stripped = _BRACKETED.sub("", text)
        while stripped != text:
            text, stripped = stripped, _BRACKETED.sub("", stripped)
        if not _FOLD_DROP.sub("", text):
            text = original
    return _FOLD_DROP.sub("", text)
