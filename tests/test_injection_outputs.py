"""Whatever a department types into a cell comes out as inert text in every file matterkit writes.

A county list, a township list and a village list carry hostile names and values (script tags, an
attribute break-out, spreadsheet formulas and DDE, path tricks, a Windows device name, rich markup, a
5,000-character name). Every command that writes is run on them; the outputs are opened the way the public
and officials open them (openpyxl, python-docx, an HTML parser, pypdf, a browser) and checked.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from tests.cli_helpers import run_cli

from matterkit.workspace import Workspace

SCRIPT = "<script>alert(1)</script>"
SCRIPT_DOM = "<script>document.title='PWNED'</script>"
ATTRIBUTE_BREAK = '"><img src=x onerror="document.body.setAttribute(\'data-pwned\',1)">'
FORMULAS = ["=cmd|' /C calc'!A0", "+SUM(1)", "@SUM(1)", "-1+2", "=HYPERLINK(\"http://x.invalid\",\"点我\")"]
PATHS = ["../../etc/passwd", "CON", "a/b\\c"]
MARKUP = "[bold red]县局[/]"
LONG_NAME = ("特别长的事项名称" * 700)[:5000]
NAMES = [SCRIPT, SCRIPT_DOM, ATTRIBUTE_BREAK, *FORMULAS, *PATHS, MARKUP, LONG_NAME]
HOSTILE = [*NAMES, "[/]"]
VILLAGE_BODY = "[/]村委会"  # an unbalanced rich closing tag: printed as markup it would abort the report

HEADER = ["事项名称", "事项类型", "基本编码", "主管部门", "实施主体", "行使层级", "设定依据", "法定办结时限",
          "承诺办结时限", "申请材料", "办理地点", "咨询电话", "备注"]


def row(name: str, code: str, *, level: str, body: str, value: str, kind: str = "行政许可") -> list[Any]:
    return [name, kind, code, value, body, level, value, 20, 5, f"1.{value}\n2.身份证", value, value, value]


def text_workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """Like a department's sheet where "=cmd|…" was typed as text: every string cell is a string, never a formula."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values, start=1):
                cell = sheet.cell(row=r, column=c)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"
    book.save(path)
    return path


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace holding the hostile lists, and the lists themselves under inbox/."""
    root = tmp_path_factory.mktemp("injection")
    inbox = root / "inbox"
    for folder in ("县级部门", "乡镇", "村社区"):
        (inbox / folder).mkdir(parents=True)
    county_rows = [row(name, f"0009990{i:02d}000", level="县级", body="县<b>民政局</b>", value=HOSTILE[i % len(HOSTILE)],
                       kind="行政许可" if i % 2 else "行政处罚")
                   for i, name in enumerate(NAMES)]
    text_workbook(inbox / "县级部门" / "县民政局.xlsx", {"实施清单": [HEADER, *county_rows]})
    town_rows = [row(name, f"0009990{i:02d}000", level="乡镇级", body=ATTRIBUTE_BREAK, value=SCRIPT)
                 for i, name in enumerate(NAMES[:6])]
    text_workbook(inbox / "乡镇" / "<script>镇.xlsx", {"a／b": [HEADER, *town_rows, town_rows[0]]})
    village_rows = [row(name + "村", "", level="村级", body=VILLAGE_BODY, value=FORMULAS[0]) for name in NAMES[:4]]
    text_workbook(inbox / "村社区" / "CON.xlsx", {"清单": [HEADER, *village_rows]})
    ws = Workspace.init(root / "ws")
    result = run_cli("import", inbox, "--workspace", ws.root)
    assert result.exit_code == 0, result.stdout + result.stderr
    return root


def ws_of(county: Path) -> Path:
    return county / "ws"


# ---- what inert means, per format ---------------------------------------------------------------

def assert_xlsx_inert(path: Path) -> list[str]:
    """No formula anywhere in the workbook's XML; returns every text cell value."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name)
                assert not re.search(rb"<(\w+:)?f[ >]", xml), (path, name)
    texts = []
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for cells in sheet.iter_rows():
            for cell in cells:
                assert cell.data_type != "f", (path, sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    return texts


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


def assert_html_inert(path: Path) -> str:
    """No injected element or event handler; returns the page's visible text (entities decoded)."""
    parser = _Collector()
    parser.feed(path.read_text(encoding="utf-8"))
    for tag, attrs in parser.tags:
        assert tag != "img" or dict(attrs).get("src") != "x", path
        for attribute, value in attrs:
            assert not attribute.startswith("on"), (path, tag, attribute, value)
            assert "javascript:" not in (value or "").lower(), (path, tag, attribute)
    for script in parser.scripts:
        assert "alert(1)" not in script and "PWNED" not in script, path
    return "".join(parser.text)


def docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for r in table.rows for cell in r.cells]
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml")
    assert b"instrText" not in xml and b"fldSimple" not in xml, path  # no field (DDE, HYPERLINK) from input
    return "\n".join(parts)


def assert_safe_file_names(folder: Path) -> None:
    for path in folder.rglob("*"):
        assert path.resolve().is_relative_to(folder.resolve()), path
        name = path.name
        assert len(name.encode()) <= 255, name
        assert not re.search(r'[<>:"\\|?*\x00-\x1f]', name), name
        assert name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL"}, name


# ---- the commands -------------------------------------------------------------------------------

def test_import_text_report_prints_markup_in_names_as_typed(county: Path) -> None:
    result = run_cli("import", county / "inbox", "--force", "--verbose", "--workspace", ws_of(county))

    assert result.exit_code == 0, result.stdout + result.stderr
    assert "<script>镇.xlsx" in result.stdout and "内部错误" not in result.stderr


@pytest.mark.parametrize("command", [["import", "--force"], ["status"], ["lint", "--exit-zero"],
                                     ["diff", "--exit-zero"], ["stats"]])
def test_text_reports_print_markup_in_values_as_typed(county: Path, command: list[str]) -> None:
    args: list[str | Path] = [*command]
    if command[0] == "import":
        args.insert(1, county / "inbox")
    result = run_cli(*args, "--workspace", ws_of(county))

    assert result.exit_code == 0, result.stdout + result.stderr
    assert "内部错误" not in result.stderr and "Traceback" not in result.stdout + result.stderr
    if command[0] in ("import", "stats"):
        assert "[/]" in result.stdout


def test_export_json_and_jsonl_carry_values_unchanged(county: Path) -> None:
    document = json.loads(run_cli("export", "--format", "json", "--workspace", ws_of(county)).stdout)
    lines = run_cli("export", "--format", "jsonl", "--workspace", ws_of(county)).stdout.splitlines()

    names = {m["name"] for m in document["matters"]}
    assert set(NAMES) <= names
    assert {json.loads(line)["name"] for line in lines[1:] if line.strip()} | names >= set(NAMES)


def test_export_xlsx_holds_formula_like_names_as_text(county: Path, tmp_path: Path) -> None:
    target = tmp_path / "清单.xlsx"

    result = run_cli("export", "--format", "xlsx", "-o", target, "--workspace", ws_of(county))

    assert result.exit_code == 0, result.stderr
    texts = assert_xlsx_inert(target)
    for name in NAMES:
        assert name in texts, name


@pytest.fixture(scope="module")
def lint_outputs(county: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lint")
    ws = ws_of(county)
    for fmt in ("json", "jsonl", "xlsx", "html", "text"):
        result = run_cli("lint", "--format", fmt, "-o", out / f"lint.{fmt}", "--exit-zero", "--workspace", ws)
        assert result.exit_code == 0, (fmt, result.stdout + result.stderr)
    for flag, folder in (("--annotate", "annotated"), ("--fix", "fixed")):
        result = run_cli("lint", county / "inbox", flag, "-d", out / folder, "--exit-zero", "--workspace", ws)
        assert result.exit_code == 0, result.stdout + result.stderr
    return out


def test_lint_reports_in_every_format_keep_hostile_values_inert(lint_outputs: Path) -> None:
    document = json.loads((lint_outputs / "lint.json").read_text(encoding="utf-8"))
    assert document["findings"]
    values = json.dumps(document, ensure_ascii=False)
    assert SCRIPT in values or ATTRIBUTE_BREAK in values
    texts = assert_xlsx_inert(lint_outputs / "lint.xlsx")
    assert any(SCRIPT in t or FORMULAS[0] in t for t in texts)
    visible = assert_html_inert(lint_outputs / "lint.html")
    assert SCRIPT in visible or ATTRIBUTE_BREAK in visible
    assert "[/]" in (lint_outputs / "lint.text").read_text(encoding="utf-8")


def test_annotated_and_fixed_workbooks_hold_no_formula(lint_outputs: Path) -> None:
    written = [p for folder in ("annotated", "fixed") for p in (lint_outputs / folder).rglob("*.xlsx")]
    assert written
    for path in written:
        texts = assert_xlsx_inert(path)
        assert FORMULAS[0] in texts or SCRIPT in texts or MARKUP in texts, path
    for folder in ("annotated", "fixed"):
        assert_safe_file_names(lint_outputs / folder)


def test_diff_between_levels_in_json_xlsx_and_html(county: Path, tmp_path: Path) -> None:
    ws = ws_of(county)
    for fmt in ("json", "xlsx", "html"):
        result = run_cli("diff", "--format", fmt, "-o", tmp_path / f"diff.{fmt}", "--exit-zero", "--workspace", ws)
        assert result.exit_code == 0, (fmt, result.stdout + result.stderr)
    text = run_cli("diff", "--exit-zero", "--workspace", ws)
    assert text.exit_code == 0 and "内部错误" not in text.stderr

    document = json.loads((tmp_path / "diff.json").read_text(encoding="utf-8"))
    assert document["differences"]
    assert SCRIPT in json.dumps(document, ensure_ascii=False)
    assert SCRIPT in " ".join(assert_xlsx_inert(tmp_path / "diff.xlsx"))
    assert SCRIPT in assert_html_inert(tmp_path / "diff.html")


def test_diff_between_versions_keeps_old_and_new_values_inert(county: Path, tmp_path: Path) -> None:
    ws = ws_of(county)
    old = county / "inbox" / "县级部门"
    new = tmp_path / "新版"
    shutil.copytree(old, new)
    book = openpyxl.load_workbook(new / "县民政局.xlsx")
    book.active["A2"].data_type = "s"
    book.active["A2"].value = FORMULAS[1] + "改"
    book.save(new / "县民政局.xlsx")

    for fmt in ("json", "xlsx", "html"):
        result = run_cli("diff", old, new, "--format", fmt, "-o", tmp_path / f"v.{fmt}", "--exit-zero",
                         "--workspace", ws)
        assert result.exit_code == 0, (fmt, result.stdout + result.stderr)

    assert FORMULAS[1] + "改" in " ".join(assert_xlsx_inert(tmp_path / "v.xlsx"))
    assert FORMULAS[1] + "改" in assert_html_inert(tmp_path / "v.html")


@pytest.fixture(scope="module")
def published(county: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("publish") / "out"
    result = run_cli("publish", "--allow-errors", "--out-dir", out, "--workspace", ws_of(county))
    assert result.exit_code == 0, result.stdout + result.stderr
    return out


def test_published_file_names_are_safe_and_bounded(published: Path) -> None:
    assert_safe_file_names(published)
    assert list(published.rglob("*.html")) and list(published.rglob("*.docx"))


def test_published_pages_escape_every_value(published: Path) -> None:
    pages = list(published.rglob("*.html"))
    visible = "".join(assert_html_inert(page) for page in pages)
    for name in (SCRIPT, SCRIPT_DOM, ATTRIBUTE_BREAK, FORMULAS[0]):
        assert name in visible, name


def test_published_word_guides_hold_values_as_plain_text(published: Path) -> None:
    text = "".join(docx_text(path) for path in published.rglob("*.docx"))
    for name in (SCRIPT, ATTRIBUTE_BREAK, FORMULAS[0], "+SUM(1)"):
        assert name in text, name


def test_published_pdfs_carry_no_script_link_or_launch(published: Path) -> None:
    pdfs = list(published.rglob("*.pdf"))
    if not pdfs:
        pytest.skip("PDF output needs LibreOffice")
    for pdf in pdfs:
        data = pdf.read_bytes()
        for token in (b"/JavaScript", b"/JS ", b"/JS(", b"/Launch", b"/URI (javascript", b"/SubmitForm"):
            assert token not in data, (pdf, token)


def test_published_power_list_holds_formula_like_names_as_text(published: Path) -> None:
    lists = [p for p in published.rglob("*.xlsx")]
    assert lists
    texts = [t for path in lists for t in assert_xlsx_inert(path)]
    assert any(FORMULAS[0] in t for t in texts)


def test_stats_html_and_xlsx_keep_names_inert(county: Path, tmp_path: Path) -> None:
    ws = ws_of(county)
    for fmt in ("html", "xlsx", "json", "text"):
        result = run_cli("stats", "--format", fmt, "-o", tmp_path / f"stats.{fmt}", "--workspace", ws)
        assert result.exit_code == 0, (fmt, result.stdout + result.stderr)

    texts = assert_xlsx_inert(tmp_path / "stats.xlsx")
    visible = assert_html_inert(tmp_path / "stats.html")
    assert ATTRIBUTE_BREAK in texts and ATTRIBUTE_BREAK in visible  # the township's body


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed")
def test_no_injected_script_runs_in_a_real_browser(published: Path, county: Path, tmp_path: Path) -> None:
    ws = ws_of(county)
    run_cli("lint", "--format", "html", "-o", tmp_path / "lint.html", "--exit-zero", "--workspace", ws)
    run_cli("diff", "--format", "html", "-o", tmp_path / "diff.html", "--exit-zero", "--workspace", ws)
    run_cli("stats", "--format", "html", "-o", tmp_path / "stats.html", "--workspace", ws)
    pages = [tmp_path / "lint.html", tmp_path / "diff.html", tmp_path / "stats.html",
             *sorted(published.rglob("*.html"))[:6]]
    for page in pages:
        dom = subprocess.run(
            [str(_chromium()), "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}",
             "--dump-dom", page.resolve().as_uri()],
            capture_output=True, text=True, timeout=120, check=True).stdout
        assert "<html" in dom.lower(), page
        assert "<title>PWNED</title>" not in dom, page  # the injected script would have set the title
        assert not re.search(r"<body[^>]*data-pwned", dom), page
