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
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from matterkit import atomic
from matterkit.publish.errors import PublishError
from matterkit.publish.templating import find_template_file

BATCH = 25  # files per LibreOffice process: start-up cost shared, progress still visible
# LibreOffice converts on one core; two processes use a two-core machine (each has its own profile).
PROCESSES = max(1, min(2, os.cpu_count() or 1))
_DATE = re.compile(rb"/(CreationDate|ModDate)\(D:[0-9]{14}[^)]*\)")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(jobs: Sequence[tuple[Path, Path]], *, stamp: datetime, templates_dir: Path | None,
                   on_progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """Convert each (docx, pdf target) pair; raises PublishError when LibreOffice is missing or fails."""
    if not jobs:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise PublishError("找不到 LibreOffice（soffice），无法生成 PDF。请安装 Debian 软件包 "
                           "libreoffice-writer-nogui 和 fonts-noto-cjk，或去掉 pdf 格式 / "
                           "LibreOffice (soffice) not found; install it or leave out the pdf format.")
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

        def run(start: int) -> list[Path]:
            profile = profiles.get()  # one LibreOffice process per profile at a time
            try:
                converted = _convert_batch(soffice, jobs[start:start + BATCH], start, work, env, stamp, profile)
            finally:
                profiles.put(profile)
            with lock:
                done[0] += len(converted)
                if on_progress:
                    on_progress(done[0], len(jobs))
            return converted

        with ThreadPoolExecutor(max_workers=workers) as pool:
            batches = list(pool.map(run, starts))
    return [path for batch in batches for path in batch]


def _environment(work: Path, templates_dir: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    try:
        env["FONTCONFIG_FILE"] = str(find_template_file("pdf-fonts.conf", templates_dir))
    except FileNotFoundError:
        pass
    env["HOME"] = str(work)  # LibreOffice writes caches under HOME; keep them out of the user's
    return env


def _convert_batch(soffice: str, jobs: Sequence[tuple[Path, Path]], offset: int, work: Path,
                   env: dict[str, str], stamp: datetime, profile: Path) -> list[Path]:
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
    except subprocess.TimeoutExpired as exc:
        raise PublishError(f"LibreOffice 转换 PDF 超时 / PDF conversion timed out: {exc}") from exc
    written = []
    for name, (docx, target) in zip(names, jobs, strict=True):
        produced = out_dir / f"{name}.pdf"
        if not produced.is_file():
            detail = run.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
            raise PublishError(f"LibreOffice 未能把 {docx} 转换为 PDF / could not convert {docx} to PDF "
                               f"{' '.join(detail)}")
        atomic.write_bytes(target, reproducible_pdf(produced.read_bytes(), stamp))
        written.append(target)
    return written


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


def publish_pdfs(groups: Sequence[GroupPdf], *, stamp: datetime, templates_dir: Path | None,
                 on_progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """PDFs of departments and of guides. LibreOffice converts only the departments' documents (its cost
    is mostly per file); each department's PDF is then cut into its guides along the outline. A group
    whose outline does not match its guides (a county template that drops it) is converted guide by guide."""
    written = convert_to_pdf([(g.docx, g.target) for g in groups], stamp=stamp, templates_dir=templates_dir,
                             on_progress=on_progress)
    fallback: list[tuple[Path, Path]] = []
    for group in groups:
        targets = [target for _, target in group.guides]
        if split_by_outline(group.target, targets, stamp):
            written += targets
        else:
            fallback += group.guides
    return written + convert_to_pdf(fallback, stamp=stamp, templates_dir=templates_dir)


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
