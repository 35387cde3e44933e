"""Publishing on a machine where LibreOffice cannot make PDFs: everything else is published, one warning.

A server often has LibreOffice with Calc only, or a LibreOffice that fails; fonts may be missing. Each case
is simulated with stand-ins on the PATH (a `soffice` that fails, writes nothing or converts all but one
document; an installation layout without Writer; an `fc-list` that knows no Chinese font): the site, the
Word files and the 权责清单 are written, `matterkit stats` still reports, the PDF problem is said once with
what to install, and the command exits 1, never 2 or 3.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import openpyxl
import pytest
from tests.cli_helpers import run_cli
from tests.test_publish_samples import sample_county

from matterkit.publish.api import publish_all
from matterkit.publish.overview import STATS_NAME
from matterkit.workspace import Workspace
from workbook_builders import simple_workbook

HEADER = ["事项名称", "事项类型", "实施主体", "法定办结时限", "承诺办结时限", "设定依据", "申请材料"]
ROWS = [["公共场所卫生许可", "行政许可", "县卫生健康局", 20, 1, "《公共场所卫生管理条例》第四条", "1.申请表\n2.平面图"],
        ["残疾人证办理", "公共服务", "县残疾人联合会", 20, 10, "《中华人民共和国残疾人保障法》", "1.身份证\n2.照片"],
        ["对违反公共场所卫生规定的处罚", "行政处罚", "县卫生健康局", 90, 60, "《公共场所卫生管理条例》第十四条", None]]


def stand_in(folder: Path, name: str, body: str) -> Path:
    """An executable script `name` in `folder` (a Python script run by this interpreter)."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / name
    script.write_text(f"#!{sys.executable}\n{body}", encoding="utf-8")
    script.chmod(0o755)
    return script


FAILING = 'import sys\nprint("Error: source file could not be loaded", file=sys.stderr)\nsys.exit(1)\n'
SILENT = "import sys\nsys.exit(0)\n"
GARBAGE = """import sys
from pathlib import Path
args = sys.argv[1:]
out = Path(args[args.index("--outdir") + 1])
out.mkdir(parents=True, exist_ok=True)
for source in (Path(a) for a in args if a.endswith(".docx")):
    (out / (source.stem + ".pdf")).write_bytes(b"<html>an error page</html>")
"""
ALL_BUT_FIRST = """import sys
from pathlib import Path
from pypdf import PdfWriter
args = sys.argv[1:]
out = Path(args[args.index("--outdir") + 1])
out.mkdir(parents=True, exist_ok=True)
for source in (Path(a) for a in args if a.endswith(".docx")):
    if source.stem.endswith("000"):
        continue  # this one LibreOffice cannot load
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with open(out / (source.stem + ".pdf"), "wb") as handle:
        writer.write(handle)
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    ws = Workspace.init(tmp_path / "ws", county="青山县")
    (tmp_path / "inbox").mkdir()
    simple_workbook(tmp_path / "inbox" / "县卫生健康局.xlsx", {"清单": [HEADER, *ROWS]})
    assert run_cli("import", tmp_path / "inbox", "--workspace", ws.root).exit_code == 0
    return ws.root


def on_path(monkeypatch: pytest.MonkeyPatch, folder: Path, *, only: bool = False) -> None:
    monkeypatch.setenv("PATH", str(folder) if only else f"{folder}{os.pathsep}{os.environ['PATH']}")


def assert_everything_but_pdf(out: Path) -> None:
    assert (out / "guides" / "index.html").is_file()
    assert "事项" in (out / STATS_NAME).read_text(encoding="utf-8")
    assert list((out / "docx").rglob("*.docx"))
    book = openpyxl.load_workbook(out / "权责清单.xlsx")
    values = {c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row}
    assert "公共场所卫生许可" in values and "对违反公共场所卫生规定的处罚" in values
    assert not list((out / "pdf").rglob("*.pdf")) if (out / "pdf").exists() else True


@pytest.mark.parametrize("script", [FAILING, SILENT, GARBAGE], ids=["fails", "writes nothing", "writes garbage"])
def test_publish_with_a_libreoffice_that_cannot_convert_writes_the_rest_and_warns_once(
        workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    on_path(monkeypatch, stand_in(tmp_path / "bin", "soffice", script).parent)
    out = tmp_path / "out"

    result = run_cli("publish", "--allow-errors", "--out-dir", out, "--workspace", workspace)

    assert result.exit_code == 1, result.stdout + result.stderr
    assert_everything_but_pdf(out)
    warnings = [line for line in result.stderr.splitlines() if "PDF" in line]
    assert len(warnings) == 1 and "未生成 PDF" in warnings[0] and "libreoffice-writer-nogui" in warnings[0]
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
    stats = run_cli("stats", "--format", "json", "--workspace", workspace)
    assert stats.exit_code == 0 and json.loads(stats.stdout)["total"]["matters"] == 3


def test_a_calc_only_libreoffice_is_recognised_without_running_it(workspace: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "libreoffice" / "program"
    marker = tmp_path / "soffice-was-run"
    stand_in(program, "soffice", f"open({str(marker)!r}, 'w').close()\n")
    for name in ("soffice.bin", "libmergedlo.so", "libsclo.so"):
        (program / name).write_bytes(b"")
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "soffice").symlink_to(program / "soffice")
    on_path(monkeypatch, tmp_path / "bin")
    out = tmp_path / "out"

    result = run_cli("publish", "--allow-errors", "--out-dir", out, "--workspace", workspace, "--format", "json")

    assert result.exit_code == 1
    assert_everything_but_pdf(out)
    (warning,) = json.loads(result.stdout)["warnings"]
    assert "Writer" in warning and "libreoffice-writer-nogui" in warning
    assert not marker.exists()
    doctor = json.loads(run_cli("doctor", "--format", "json").stdout)
    states = {c["key"]: c["available"] for c in doctor["components"]}
    assert states["soffice"] is True and states["writer"] is False and states["calc"] is True


def test_without_libreoffice_or_without_chinese_fonts_the_warning_says_what_to_install(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    on_path(monkeypatch, tmp_path / "nothing", only=True)
    (tmp_path / "nothing").mkdir()

    missing = publish_all(sample_county(), out_dir=tmp_path / "a", formats=["docx", "pdf", "list"])

    assert missing.docx and missing.power_list and not missing.pdf
    assert len(missing.warnings) == 1 and "找不到 LibreOffice" in missing.warnings[0]

    stand_in(tmp_path / "fonts", "soffice", FAILING)
    stand_in(tmp_path / "fonts", "fc-list", "")  # fontconfig that knows no Chinese font
    on_path(monkeypatch, tmp_path / "fonts")
    no_fonts = publish_all(sample_county(), out_dir=tmp_path / "b", formats=["docx", "pdf"])

    assert len(no_fonts.warnings) == 1 and "中文字体" in no_fonts.warnings[0] and "fonts-noto-cjk" in no_fonts.warnings[0]


def test_a_document_that_does_not_convert_is_named_and_the_others_are_published(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    on_path(monkeypatch, stand_in(tmp_path / "bin", "soffice", ALL_BUT_FIRST).parent)

    result = publish_all(sample_county(), out_dir=tmp_path / "out", formats=["pdf"])

    assert not result.warnings
    assert result.pdf and result.failed
    assert all(document.suffix == ".docx" and reason for document, reason in result.failed)
    assert all(path.is_file() for path in result.pdf)


def test_doctor_reports_in_chinese_and_english(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    on_path(monkeypatch, tmp_path / "nothing", only=True)
    (tmp_path / "nothing").mkdir()

    en = json.loads(run_cli("doctor", "--lang", "en", "--format", "json").stdout)
    zh = run_cli("doctor")  # last: the language of a run stays set in this process until the next command

    assert zh.exit_code == 0 and "缺少" in zh.stdout and "apt-get install libreoffice-writer-nogui" in zh.stdout
    assert en["schema"] == "matterkit.doctor/1"
    assert {c["key"] for c in en["components"]} == {"soffice", "writer", "calc", "fonts", "chromium"}
    assert all(c["available"] is not True for c in en["components"] if c["key"] != "fonts")
    assert "LibreOffice Writer" in next(c["label"] for c in en["components"] if c["key"] == "writer")
