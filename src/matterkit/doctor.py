"""Which optional parts of this machine matterkit can use: LibreOffice (and its Writer and Calc
components), CJK fonts, Chromium. Everything else matterkit needs is a Python dependency.

A server often has LibreOffice with Calc only (`libreoffice-calc-nogui`): `soffice` is on the PATH but
cannot load a Word document, so "is soffice there" is not the question; the Writer library beside it is.
Each check is cheap (no LibreOffice is started), so `publish` asks the same questions before converting.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from matterkit.i18n import register, t

register({
    "doctor.soffice": {"zh": "LibreOffice（soffice）", "en": "LibreOffice (soffice)"},
    "doctor.writer": {"zh": "LibreOffice Writer（Word→PDF 办事指南）", "en": "LibreOffice Writer (Word→PDF guides)"},
    "doctor.calc": {"zh": "LibreOffice Calc（测试中把表格转换为 xls/ods）",
                    "en": "LibreOffice Calc (tests convert workbooks to xls/ods)"},
    "doctor.fonts": {"zh": "中文字体（PDF 中显示中文）", "en": "CJK fonts (Chinese text in PDFs)"},
    "doctor.chromium": {"zh": "Chromium（仅测试：检验网站搜索）", "en": "Chromium (tests only: the site's search)"},
    "doctor.unknown": {"zh": "无法判断", "en": "cannot tell"},
})

WRITER_PACKAGE = "libreoffice-writer-nogui"
CALC_PACKAGE = "libreoffice-calc-nogui"
FONT_PACKAGE = "fonts-noto-cjk"
# The component libraries beside the soffice binary: Debian/Ubuntu/Fedora (.so), macOS (.dylib), Windows.
WRITER_LIBS = ("libswlo.so", "libswlo.dylib", "swlo.dll")
CALC_LIBS = ("libsclo.so", "libsclo.dylib", "sclo.dll")


@dataclass(frozen=True)
class Component:
    key: str  # soffice | writer | calc | fonts | chromium
    available: bool | None  # None: cannot tell on this system
    detail: str  # where it was found, or what was found
    install: str  # how to get it (a Debian command)

    def label(self, lang: str | None = None) -> str:
        return t(f"doctor.{self.key}", lang)


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_component(soffice: str, libraries: tuple[str, ...]) -> bool | None:
    """Whether a LibreOffice component's library sits in the installation `soffice` belongs to; None when
    the installation's layout is not one we know (a wrapper script somewhere else)."""
    program = Path(os.path.realpath(soffice)).parent
    folders = [program, program.parent / "Frameworks"]
    if not any((folder / "libmergedlo.so").exists() or (folder / "soffice.bin").exists()
               or (folder / "libmergedlo.dylib").exists() or (folder / "soffice.exe").exists()
               for folder in folders):
        return None
    return any((folder / name).exists() for folder in folders for name in libraries)


def has_writer(soffice: str) -> bool | None:
    return libreoffice_component(soffice, WRITER_LIBS)


def cjk_fonts() -> list[str] | None:
    """Font families that cover Chinese (fontconfig); None when fontconfig is not there to ask."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        done = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return sorted({line.split(",")[0].strip() for line in done.stdout.splitlines() if line.strip()})


def find_chromium() -> str | None:
    return next(filter(None, (shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome"))),
                None)


def check_components() -> list[Component]:
    """Every optional part, in the order `matterkit doctor` lists them."""
    soffice = find_soffice()
    found = [Component("soffice", soffice is not None, soffice or "", f"apt-get install {WRITER_PACKAGE}")]
    for key, libraries, package in (("writer", WRITER_LIBS, WRITER_PACKAGE), ("calc", CALC_LIBS, CALC_PACKAGE)):
        present = libreoffice_component(soffice, libraries) if soffice else False
        found.append(Component(key, present, "", f"apt-get install {package}"))
    fonts = cjk_fonts()
    found.append(Component("fonts", bool(fonts) if fonts is not None else None, ", ".join((fonts or [])[:3]),
                           f"apt-get install {FONT_PACKAGE}"))
    chromium = find_chromium()
    found.append(Component("chromium", chromium is not None, chromium or "", "apt-get install chromium"))
    return found
