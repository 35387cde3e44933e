"""PDF guides: the Word guides converted by LibreOffice, many files per LibreOffice process.

Why LibreOffice rather than an HTML-to-PDF engine: the PDF then is exactly what the county's Word
template prints (one design to maintain), it embeds the CJK fonts it uses, and it is one Debian package
(`libreoffice-writer-nogui`, with `fonts-noto-cjk`) with no native Python extension to build.

The conversion runs in a private LibreOffice profile (it never disturbs a user's open LibreOffice) with a
fontconfig file mapping 宋体/黑体 … to Noto CJK. Afterwards the two things LibreOffice stamps with the clock,
/CreationDate and the document /ID, are set from the build stamp, so the same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from matterkit import atomic
from matterkit.doctor import FONT_PACKAGE, WRITER_PACKAGE, cjk_fonts, find_soffice, has_writer
from matterkit.i18n import register, t
from matterkit.publish.templating import find_template_file

register({
    "pdf.no_soffice": {"zh": "未生成 PDF：找不到 LibreOffice（soffice）；其他格式已照常发布。要生成 PDF，请安装："
                             "apt-get install {package} {fonts}",
                       "en": "no PDF made: LibreOffice (soffice) not found; the other formats were published. "
                             "For PDFs install: apt-get install {package} {fonts}"},
    "pdf.no_writer": {"zh": "未生成 PDF：LibreOffice 无法转换 Word 文档（{detail}），通常是只安装了 Calc、缺少 Writer "
                            "组件；其他格式已照常发布。要生成 PDF，请安装：apt-get install {package}",
                      "en": "no PDF made: LibreOffice cannot convert Word documents ({detail}), usually because "
                            "only Calc is installed, not Writer; the other formats were published. For PDFs "
                            "install: apt-get install {package}"},
    "pdf.writer_missing": {"zh": "找不到 Writer 组件", "en": "its Writer component is missing"},
    "pdf.no_fonts": {"zh": "未生成 PDF：系统中没有中文字体，PDF 中的中文会显示为方框；其他格式已照常发布。"
                           "要生成 PDF，请安装：apt-get install {package}",
                     "en": "no PDF made: no CJK font is installed, Chinese would show as boxes; the other formats "
                           "were published. For PDFs install: apt-get install {package}"},
    "pdf.not_pdf": {"zh": "LibreOffice 写出的文件不是 PDF", "en": "LibreOffice wrote something that is not a PDF"},
    "pdf.timeout": {"zh": "LibreOffice 转换超时", "en": "LibreOffice timed out"},
    "pdf.exit_code": {"zh": "LibreOffice 退出码 {code}", "en": "LibreOffice exit code {code}"},
})

BATCH = 25  # files per LibreOffice process: start-up cost shared, progress still visible
# LibreOffice converts on one core; two processes use a two-core machine (each has its own profile).
PROCESSES = max(1, min(2, os.cpu_count() or 1))
_DATE = re.compile(rb"/(CreationDate|ModDate)\(D:[0-9]{14}[^)]*\)")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")


class PdfUnavailable(Exception):
    """The PDF step cannot run on this machine; the message names what is missing and how to install it."""


@dataclass
class PdfOutcome:
    """What the PDF step produced: files, documents that failed (each with its reason), and the one
    warning when the step could not run at all (the other formats are published all the same)."""

    written: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    warning: str | None = None


def check_pdf_tools() -> str:
    """The soffice to convert with; PdfUnavailable when LibreOffice, its Writer or CJK fonts are missing."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfUnavailable(t("pdf.no_soffice", package=WRITER_PACKAGE, fonts=FONT_PACKAGE))
    if has_writer(soffice) is False:
        raise PdfUnavailable(t("pdf.no_writer", detail=t("pdf.writer_missing"), package=WRITER_PACKAGE))
    if cjk_fonts() == []:
        raise PdfUnavailable(t("pdf.no_fonts", package=FONT_PACKAGE))
    return soffice


def convert_to_pdf(jobs: Sequence[tuple[Path, Path]], *, stamp: datetime, templates_dir: Path | None,
                   on_progress: Callable[[int, int], None] | None = None,
                   soffice: str | None = None) -> PdfOutcome:
    """Convert each (docx, pdf target) pair. A document LibreOffice does not convert is a failure of that
    document; when it converts none at all, LibreOffice cannot load Word documents here (PdfUnavailable)."""
    outcome = PdfOutcome()
    if not jobs:
        return outcome
    soffice = soffice or check_pdf_tools()
    starts = range(0, len(jobs), BATCH)
    workers = max(1, min(PROCESSES, len(starts)))
    done = [0]
    lock = threading.Lock()
    with tempfile.TemporaryDirectory(prefix="matterkit-pdf-") as tmp:
        work = Path(tmp)
        env = _environment(work, templates_dir)
        profiles: queue.Queue[Path] = queue.Queue()
        for number in range(workers):
            profiles.put(work / f"profile{number}")

        def run(start: int) -> PdfOutcome:
            profile = profiles.get()  # one LibreOffice process per profile at a time
            try:
                converted = _convert_batch(soffice, jobs[start:start + BATCH], start, work, env, stamp, profile)
            finally:
                profiles.put(profile)
            with lock:
                done[0] += len(converted.written)
                if on_progress:
                    on_progress(done[0], len(jobs))
            return converted

        with ThreadPoolExecutor(max_workers=workers) as pool:
            for batch in pool.map(run, starts):
                outcome.written += batch.written
                outcome.failed += batch.failed
    if outcome.failed and not outcome.written:
        raise PdfUnavailable(t("pdf.no_writer", detail=outcome.failed[0][1], package=WRITER_PACKAGE))
    return outcome


def _environment(work: Path, templates_dir: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    try:
        env["FONTCONFIG_FILE"] = str(find_template_file("pdf-fonts.conf", templates_dir))
    except FileNotFoundError:
        pass
    env["HOME"] = str(work)  # LibreOffice writes caches under HOME; keep them out of the user's
    return env


def _convert_batch(soffice: str, jobs: Sequence[tuple[Path, Path]], offset: int, work: Path,
                   env: dict[str, str], stamp: datetime, profile: Path) -> PdfOutcome:
    source_dir, out_dir = work / f"in{offset}", work / f"out{offset}"
    source_dir.mkdir()
    names = []
    for number, (docx, _) in enumerate(jobs, start=offset):
        name = f"{number:06d}"
        shutil.copyfile(docx, source_dir / f"{name}.docx")
        names.append(name)
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", "pdf", "--outdir", str(out_dir),
               *(str(source_dir / f"{n}.docx") for n in names)]
    try:
        run = subprocess.run(command, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                             timeout=120 + 10 * len(jobs), check=False)
        said = (run.stdout + run.stderr).decode("utf-8", "replace").strip().splitlines()
        detail = said[-1][:200] if said else t("pdf.exit_code", code=run.returncode)
    except subprocess.TimeoutExpired:
        detail = t("pdf.timeout")
    except OSError as exc:
        detail = exc.strerror or str(exc)
    outcome = PdfOutcome()
    for name, (docx, target) in zip(names, jobs, strict=True):
        produced = out_dir / f"{name}.pdf"
        data = produced.read_bytes() if produced.is_file() else b""
        if data.startswith(b"%PDF"):
            atomic.write_bytes(target, reproducible_pdf(data, stamp))
            outcome.written.append(target)
        else:
            outcome.failed.append((docx, detail if not data else t("pdf.not_pdf")))
    return outcome


def reproducible_pdf(data: bytes, stamp: datetime) -> bytes:
    """Set the dates to the build stamp and derive /ID and /DocChecksum from the content (lengths kept,
    so the cross-reference offsets stay valid)."""
    date = stamp.strftime("%Y%m%d%H%M%S").encode()

    def fix_date(match: re.Match[bytes]) -> bytes:
        text = match.group(0)
        return text[: text.index(b"(D:") + 3] + date + text[text.index(b"(D:") + 17:]

    data = _DATE.sub(fix_date, data)
    blank = _ID.sub(lambda m: b"/ID [<" + b"0" * len(m.group(1)) + b"><" + b"0" * len(m.group(2)) + b">]", data)
    blank = _CHECKSUM.sub(b"/DocChecksum /0", blank)
    digest = hashlib.md5(blank, usedforsecurity=False).hexdigest().upper().encode()

    def fix_id(match: re.Match[bytes]) -> bytes:
        whole, base = match.group(0), match.start(0)
        (s1, e1), (s2, e2) = match.span(1), match.span(2)
        return (whole[: s1 - base] + (digest * 4)[: e1 - s1] + whole[e1 - base: s2 - base]
                + (digest * 4)[: e2 - s2] + whole[e2 - base:])

    data = _CHECKSUM.sub(lambda m: b"/DocChecksum /" + (digest * 4)[: len(m.group(1))], data)
    return _ID.sub(fix_id, data)


@dataclass
class GroupPdf:
    """A department's document and, in order, the guides it holds (each: its own docx, its PDF target)."""

    docx: Path
    target: Path
    guides: list[tuple[Path, Path]]


def convert_documents(jobs: Sequence[tuple[Path, Path]], *, stamp: datetime, templates_dir: Path | None,
                      on_progress: Callable[[int, int], None] | None = None) -> PdfOutcome:
    """`convert_to_pdf` that never raises for the machine: when it cannot make PDFs, that is the warning."""
    try:
        return convert_to_pdf(jobs, stamp=stamp, templates_dir=templates_dir, on_progress=on_progress)
    except PdfUnavailable as missing:
        return PdfOutcome(warning=str(missing))


def publish_pdfs(groups: Sequence[GroupPdf], *, stamp: datetime, templates_dir: Path | None,
                 on_progress: Callable[[int, int], None] | None = None) -> PdfOutcome:
    """PDFs of departments and of guides. LibreOffice converts only the departments' documents (its cost
    is mostly per file); each department's PDF is then cut into its guides along the outline. A group
    whose outline does not match its guides (a county template that drops it), or whose document did not
    convert, is converted guide by guide. Never raises for LibreOffice or fonts: see PdfOutcome."""
    try:
        soffice = check_pdf_tools()
        outcome = convert_to_pdf([(g.docx, g.target) for g in groups], stamp=stamp, templates_dir=templates_dir,
                                 on_progress=on_progress, soffice=soffice)
        converted = set(outcome.written)
        fallback: list[tuple[Path, Path]] = []
        for group in groups:
            targets = [target for _, target in group.guides]
            if group.target in converted and _split(group.target, targets, stamp):
                outcome.written += targets
            else:
                fallback += group.guides
        rest = convert_to_pdf(fallback, stamp=stamp, templates_dir=templates_dir, soffice=soffice)
    except PdfUnavailable as missing:
        return PdfOutcome(warning=str(missing))
    return PdfOutcome(written=outcome.written + rest.written, failed=outcome.failed + rest.failed)


def _split(source: Path, targets: Sequence[Path], stamp: datetime) -> bool:
    """`split_by_outline`, False also when the PDF LibreOffice wrote cannot be read (its guides are then
    converted one by one)."""
    try:
        return split_by_outline(source, targets, stamp)
    except Exception:  # noqa: BLE001 - pypdf raises many kinds for a malformed file; see the docstring
        return False


def split_by_outline(source: Path, targets: Sequence[Path], stamp: datetime) -> bool:
    """Write pages [start of guide i, start of guide i+1) to targets[i]; False when the top-level
    outline entries do not match the targets one to one, in page order."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(source)
    entries = [item for item in reader.outline if not isinstance(item, list)]
    pages = [reader.get_destination_page_number(item) for item in entries]
    starts = [page for page in pages if page is not None]
    if len(starts) != len(targets) or len(pages) != len(starts) or starts != sorted(set(starts)):
        return False
    ends = [*starts[1:], len(reader.pages)]
    for target, entry, start, end in zip(targets, entries, starts, ends, strict=True):
        writer = PdfWriter()
        for number in range(start, end):
            writer.add_page(reader.pages[number])
        writer.add_metadata({"/Title": str(entry.title), "/Author": "matterkit", "/Producer": "matterkit",
                             "/CreationDate": f"D:{stamp.strftime('%Y%m%d%H%M%S')}Z"})
        buffer = io.BytesIO()
        writer.write(buffer)
        atomic.write_bytes(target, buffer.getvalue())
    return True
