"""A bureau imports forty departments' files and one of them was damaged on a USB stick or by a mail gateway.

Real workbooks (xlwt's .xls, openpyxl's .xlsx with a shared-string table, a GBK CSV) are damaged in seeded
ways — bytes flipped, the file cut short, 512-byte sectors zeroed, loops in the OLE file's sector chains,
parts missing or cut inside the zip — and each is imported beside a good file. Whatever the damage, the
command ends with 0 or 1 (never 3, never a hang: the workspace sets a time limit per file), the good
file's matters are all stored, and the damaged file is failed with a reason, or imported with a suspect
warning, or (when the damage missed every cell) read exactly as the undamaged file.
"""

from __future__ import annotations

import io
import json
import random
import re
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from tests.cli_helpers import run_cli

from matterkit.workspace import Workspace
from workbook_builders import simple_workbook, write_xls_with_xlwt

HEADER = ["序号", "事项名称", "实施主体", "法定办结时限", "承诺办结时限", "设定依据", "申请材料"]
GOOD_NAMES = [f"良好部门事项{i}" for i in range(5)]
CHINESE = re.compile(r"[\u4e00-\u9fff]")
SECTOR = 512


def department_rows(count: int) -> list[list[Any]]:
    return [HEADER] + [[i + 1, f"受损部门事项{i}号", "县民政局", 20, 5, f"《社会救助暂行办法》第{i}条",
                        "1.申请表\n2.身份证复印件"] for i in range(count)]


def xls_bytes(tmp: Path, rows: int = 300) -> bytes:
    return write_xls_with_xlwt(tmp / "source.xls", {"实施清单": department_rows(rows)}).read_bytes()


def xlsx_bytes(tmp: Path) -> bytes:
    """openpyxl writes inline strings; Excel and WPS write a shared-string table, so the cells are moved
    into one, as Excel would save them."""
    plain = simple_workbook(tmp / "source.xlsx", {"实施清单": department_rows(200)}).read_bytes()
    return with_shared_strings(plain)


def with_shared_strings(data: bytes) -> bytes:
    strings: dict[str, int] = {}

    def shared(match: re.Match[bytes]) -> bytes:
        index = strings.setdefault(match.group(2).decode(), len(strings))
        return b'<c r="' + match.group(1) + b'" t="s"><v>' + str(index).encode() + b"</v></c>"

    def transform(name: str, content: bytes) -> bytes:
        if name.startswith("xl/worksheets/"):
            return re.sub(rb'<c r="([A-Z]+\d+)"[^>]*t="inlineStr"[^>]*><is><t[^>]*>(.*?)</t></is></c>', shared, content,
                          flags=re.S)
        if name == "xl/_rels/workbook.xml.rels":
            return content.replace(b"</Relationships>", b'<Relationship Id="rIdSst" Type="http://schemas.openxml'
                                   b'formats.org/officeDocument/2006/relationships/sharedStrings" '
                                   b'Target="sharedStrings.xml"/></Relationships>')
        if name == "[Content_Types].xml":
            return content.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                   b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        return content

    parts = rezip_parts(data, transform)
    items = "".join(f"<si><t>{text}</t></si>" for text in strings)
    parts["xl/sharedStrings.xml"] = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>').encode()
    return zip_of(parts)


def rezip_parts(data: bytes, transform: Callable[[str, bytes], bytes | None]) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: transform(name, archive.read(name)) for name in archive.namelist()}
    return {name: content for name, content in parts.items() if content is not None}


def zip_of(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


# ---- damage ---------------------------------------------------------------------------------------

def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    damaged = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        damaged[rng.randrange(len(damaged))] = rng.randrange(256)
    return bytes(damaged)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(SECTOR, len(data))]


def zero_sectors(data: bytes, rng: random.Random) -> bytes:
    damaged = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        start = rng.randrange(1, len(data) // SECTOR) * SECTOR
        damaged[start: start + SECTOR] = bytes(SECTOR)
    return bytes(damaged)


def workbook_chain(data: bytes) -> tuple[list[int], Callable[[int], int]]:
    """The sectors of the OLE file's Workbook stream, and where each sector's FAT entry is in the file."""
    sector_size = 1 << struct.unpack_from("<H", data, 30)[0]
    difat = struct.unpack_from("<109I", data, 76)
    per_fat = sector_size // 4

    def fat_entry(sector: int) -> int:
        return (difat[sector // per_fat] + 1) * sector_size + 4 * (sector % per_fat)

    directory = (struct.unpack_from("<I", data, 48)[0] + 1) * sector_size
    for entry in range(directory, directory + sector_size, 128):
        length = struct.unpack_from("<H", data, entry + 64)[0]
        if data[entry: entry + length].decode("utf-16-le").rstrip("\x00") == "Workbook":
            sector, chain = struct.unpack_from("<I", data, entry + 116)[0], []
            while sector < 0xFFFFFFFA and len(chain) < 100_000:
                chain.append(sector)
                sector = struct.unpack_from("<I", data, fat_entry(sector))[0]
            return chain, fat_entry
    raise AssertionError("no Workbook stream")


def fat_loop(data: bytes, rng: random.Random) -> bytes:
    """Point sectors of the Workbook stream's chain back at earlier ones (or themselves): a reader that
    follows the chain without counting goes round for ever, growing its list of sectors."""
    chain, fat_entry = workbook_chain(data)
    damaged = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(chain))
        struct.pack_into("<I", damaged, fat_entry(chain[at]), chain[rng.randrange(at + 1)])
    return bytes(damaged)


def drop_part(part: str) -> Callable[[bytes, random.Random], bytes]:
    return lambda data, rng: zip_of(rezip_parts(data, lambda name, content: None if name == part else content))


def cut_part(part: str) -> Callable[[bytes, random.Random], bytes]:
    def damage(data: bytes, rng: random.Random) -> bytes:
        return zip_of(rezip_parts(data, lambda name, content: content[: rng.randrange(len(content) // 4,
                                                                                      len(content) * 3 // 4)]
                                  if name == part else content))
    return damage


XLS_DAMAGE = {"flip": flip_bytes, "truncate": truncate, "zero": zero_sectors, "fatloop": fat_loop}
XLSX_DAMAGE = {"flip": flip_bytes, "truncate": truncate, "zero": zero_sectors,
               "no_shared_strings": drop_part("xl/sharedStrings.xml"),
               "cut_shared_strings": cut_part("xl/sharedStrings.xml"),
               "cut_sheet": cut_part("xl/worksheets/sheet1.xml")}
CASES = ([("xls", kind, seed) for kind in ("flip", "zero", "fatloop") for seed in range(3)]
         + [("xls", "truncate", seed) for seed in range(2)]
         + [("et", "flip", 7), ("et", "fatloop", 7)]
         + [("xlsx", "flip", seed) for seed in range(2)] + [("xlsx", "truncate", 0), ("xlsx", "zero", 0)]
         + [("xlsx", kind, 0) for kind in ("no_shared_strings", "cut_shared_strings", "cut_sheet")])


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    tmp = tmp_path_factory.mktemp("sources")
    return {"xls": xls_bytes(tmp), "et": xls_bytes(tmp), "xlsx": xlsx_bytes(tmp)}


def workspace_with_limits(root: Path, memory_mb: int = 1024) -> Path:
    ws = Workspace.init(root / "ws").root
    config = ws / "matterkit.yaml"
    text = config.read_text(encoding="utf-8").replace("\nimport:\n", "\nimport:\n  timeout_seconds: 60\n"
                                                                     f"  max_memory_mb: {memory_mb}\n", 1)
    config.write_text(text, encoding="utf-8")
    return ws


def import_beside_a_good_file(tmp_path: Path, name: str, data: bytes, *extra: str, memory_mb: int = 1024,
                              own_process: bool = False) -> tuple[Any, dict[str, Any]]:
    """Import the damaged file beside a good one: in-process through the CLI runner (the reading happens in
    worker processes anyway), or as `python -m matterkit` in a process of its own."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    simple_workbook(inbox / "县民政局.xlsx", {"实施清单": [HEADER[1:6], *([n, "县民政局", 20, 5, "《条例》第一条"]
                                                            for n in GOOD_NAMES)]})
    (inbox / name).write_bytes(data)
    ws = workspace_with_limits(tmp_path, memory_mb)
    args = ["import", str(inbox), "--workspace", str(ws), "--format", "json", *extra]
    if own_process:
        done = subprocess.run([sys.executable, "-m", "matterkit", *args], capture_output=True, text=True, timeout=600)
        return SimpleNamespace(exit_code=done.returncode, stdout=done.stdout, stderr=done.stderr), {"ws": ws,
                                                                                                     "inbox": inbox}
    return run_cli(*args), {"ws": ws, "inbox": inbox}


def stored_names(ws: Path, file_name: str) -> list[str]:
    return [m.name for m in Workspace.open(ws).store.iter_matters() if Path(m.source.file).name == file_name]


@pytest.mark.parametrize(("fmt", "kind", "seed"), CASES, ids=[f"{f}-{k}-{s}" for f, k, s in CASES])
def test_a_damaged_workbook_beside_a_good_one(tmp_path: Path, sources: dict[str, bytes], fmt: str, kind: str,
                                              seed: int) -> None:
    damage = (XLSX_DAMAGE if fmt == "xlsx" else XLS_DAMAGE)[kind]
    name = f"受损部门.{fmt}"
    data = damage(sources[fmt], random.Random(f"{fmt}-{kind}-{seed}"))

    result, where = import_beside_a_good_file(tmp_path, name, data)

    assert result.exit_code in (0, 1), result.stdout + result.stderr
    report = json.loads(result.stdout)
    files = {Path(f["path"]).name: f for f in report["files"]}
    assert files["县民政局.xlsx"]["status"] == "ok", files["县民政局.xlsx"]
    assert sorted(stored_names(where["ws"], "县民政局.xlsx")) == sorted(GOOD_NAMES)
    damaged = files[name]
    if damaged["status"] == "failed":
        assert CHINESE.search(damaged["error"]) and result.exit_code == 1, damaged
    elif damaged["suspect"]:
        assert damaged["warnings"] and all(CHINESE.search(w) for w in damaged["warnings"])
    else:  # the damage missed every cell: the read is the undamaged file's
        clean_dir = tmp_path / "clean"
        clean_dir.mkdir()
        (clean_dir / name).write_bytes(sources[fmt])
        clean = run_cli("import", clean_dir, "--workspace", workspace_with_limits(clean_dir), "--format", "json")
        assert damaged["matters"] == json.loads(clean.stdout)["files"][0]["matters"], damaged


def test_a_loop_in_the_sector_chain_is_named_before_the_native_reader_follows_it(
        tmp_path: Path, sources: dict[str, bytes]) -> None:
    """calamine would follow the loop, growing its list of sectors until the process aborts."""
    chain, fat_entry = workbook_chain(sources["xls"])
    data = bytearray(sources["xls"])
    struct.pack_into("<I", data, fat_entry(chain[1]), chain[1])

    result, _ = import_beside_a_good_file(tmp_path, "受损部门.xls", bytes(data))

    assert result.exit_code == 1, result.stdout + result.stderr
    damaged = next(f for f in json.loads(result.stdout)["files"] if f["path"].endswith("受损部门.xls"))
    assert damaged["status"] == "failed" and "扇区链已损坏" in damaged["error"]
    assert "Excel 或 WPS" in damaged["error"] and "另存" in damaged["error"]


def test_a_file_over_the_memory_limit_fails_alone_and_says_so(tmp_path: Path) -> None:
    """The same cap stops a damaged file that makes the parser reserve gigabytes: here a real list with one
    stray value at IV65536, for which the parser lays out a grid of 16 million cells (half a gigabyte),
    meets a small configured limit; the worker reading it fails, not the import. The import runs in a
    process of its own, as a user's does: a worker forked from the long-lived test process would inherit
    its freed heap, room the address-space cap does not count."""
    rows = [*department_rows(100), *([] for _ in range(65_534 - 101)), [None] * 255 + ["多余的内容"]]
    large = write_xls_with_xlwt(tmp_path / "large.xls", {"实施清单": rows}).read_bytes()

    result, where = import_beside_a_good_file(tmp_path, "县大数据局.xls", large, "--jobs", "1", memory_mb=64,
                                              own_process=True)

    assert result.exit_code == 1, result.stdout + result.stderr
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert files["县大数据局.xls"]["status"] == "failed" and "内存超限" in files["县大数据局.xls"]["error"]
    assert "max_memory_mb" in files["县大数据局.xls"]["error"]
    assert sorted(stored_names(where["ws"], "县民政局.xlsx")) == sorted(GOOD_NAMES)


def xls_with_a_cell_moved_far_down(tmp_path: Path) -> bytes:
    """A 40-row .xls whose last row's first cell record says row 60,000: read, but suspect."""
    path = write_xls_with_xlwt(tmp_path / "source.xls", {"实施清单": department_rows(40)})
    data = bytearray(path.read_bytes())
    # the LABELSST/NUMBER records of the last row: move one cell from row 40 to row 60,000
    row_bytes = struct.pack("<H", 40)
    at = next(i for i in range(len(data) - 8) if data[i: i + 2] in (b"\xfd\x00", b"\x03\x02", b"\x7e\x02")
              and data[i + 4: i + 6] == row_bytes)
    struct.pack_into("<H", data, at + 4, 60_000)
    return bytes(data)


def test_a_cell_moved_far_down_makes_the_file_suspect_and_strict_refuses_it(tmp_path: Path) -> None:
    result, where = import_beside_a_good_file(tmp_path, "受损部门.xls", xls_with_a_cell_moved_far_down(tmp_path))

    assert result.exit_code == 0, result.stdout + result.stderr
    damaged = next(f for f in json.loads(result.stdout)["files"] if f["path"].endswith("受损部门.xls"))
    assert damaged["status"] == "ok" and damaged["suspect"]
    assert any("跳过了" in w for w in damaged["warnings"])
    text = run_cli("import", where["inbox"], "--workspace", where["ws"], "--force")
    assert "可疑" in text.stdout and "读取结果可疑" in text.stdout
    status = json.loads(run_cli("status", "--workspace", where["ws"], "--format", "json").stdout)
    assert [Path(f["path"]).name for f in status["files"]["suspect"]] == ["受损部门.xls"]

    strict = run_cli("import", where["inbox"], "--workspace", where["ws"], "--force", "--strict", "--format", "json")

    assert strict.exit_code == 1
    refused = next(f for f in json.loads(strict.stdout)["files"] if f["path"].endswith("受损部门.xls"))
    assert refused["status"] == "failed" and "--strict" in refused["error"]


def test_strict_on_the_command_line_judges_again_a_suspect_file_imported_before(tmp_path: Path) -> None:
    """`--strict` is part of what a file's stored rows depend on: the unchanged suspect file, stored by an
    import without it, is read again and refused, without `--force`; the good file is read again once."""
    _, where = import_beside_a_good_file(tmp_path, "受损部门.xls", xls_with_a_cell_moved_far_down(tmp_path))

    strict = run_cli("import", where["inbox"], "--workspace", where["ws"], "--strict", "--format", "json")

    assert strict.exit_code == 1
    files = {Path(f["path"]).name: f for f in json.loads(strict.stdout)["files"]}
    assert files["受损部门.xls"]["status"] == "failed" and "--strict" in files["受损部门.xls"]["error"]
    assert files["县民政局.xlsx"]["status"] == "ok"  # read again under the stricter judgement, and kept
    again = run_cli("import", where["inbox"], "--workspace", where["ws"], "--strict", "--format", "json")
    statuses = {Path(f["path"]).name: f["status"] for f in json.loads(again.stdout)["files"]}
    assert statuses == {"受损部门.xls": "failed", "县民政局.xlsx": "skipped"}


def gbk_csv_with_damaged_bytes() -> bytes:
    """A GBK CSV of 100 matters with two bytes overwritten: read, with two undecodable cells."""
    text = "\n".join([",".join(HEADER[1:5])] + [f"受损部门事项{i}号,县民政局,20,5" for i in range(100)]) + "\n"
    data = bytearray(text.encode("gbk"))
    data[300], data[700] = 0xFF, 0xFF
    return bytes(data)


def test_lint_of_a_file_given_directly_says_its_read_is_suspect(tmp_path: Path) -> None:
    """Without a workspace there is no import report to read: lint itself says which file's findings may come
    from damaged content, and why."""
    (tmp_path / "受损部门.csv").write_bytes(gbk_csv_with_damaged_bytes())

    result = run_cli("lint", tmp_path / "受损部门.csv")

    assert result.exit_code == 1  # its findings (columns an implementation list must have)
    assert "受损部门.csv：读取结果可疑" in result.stderr and "无法解码" in result.stderr


def test_a_csv_with_damaged_bytes_is_read_with_a_warning_naming_the_encoding(tmp_path: Path) -> None:
    result, _ = import_beside_a_good_file(tmp_path, "受损部门.csv", gbk_csv_with_damaged_bytes())

    assert result.exit_code == 0, result.stdout + result.stderr
    damaged = next(f for f in json.loads(result.stdout)["files"] if f["path"].endswith("受损部门.csv"))
    assert damaged["suspect"] and any("无法解码" in w for w in damaged["warnings"])
    assert any("GB18030" in note and "替换" in note for note in damaged["notes"])
    assert damaged["matters"] == 100


def test_a_workbook_missing_its_shared_strings_names_the_missing_part(tmp_path: Path,
                                                                      sources: dict[str, bytes]) -> None:
    data = drop_part("xl/sharedStrings.xml")(sources["xlsx"], random.Random(0))

    result, _ = import_beside_a_good_file(tmp_path, "受损部门.xlsx", data)

    damaged = next(f for f in json.loads(result.stdout)["files"] if f["path"].endswith("受损部门.xlsx"))
    assert result.exit_code == 1
    assert "sharedStrings.xml" in damaged["error"] and "共享字符串表" in damaged["error"]


def test_a_wps_et_file_is_read_like_the_workbook_inside(tmp_path: Path, sources: dict[str, bytes]) -> None:
    result, where = import_beside_a_good_file(tmp_path, "县教育局.et", sources["et"])

    assert result.exit_code == 0, result.stdout + result.stderr
    assert len(stored_names(where["ws"], "县教育局.et")) == 300


def test_a_wrong_reading_limit_in_matterkit_yaml_names_its_line(tmp_path: Path) -> None:
    ws = Workspace.init(tmp_path / "ws").root
    config = ws / "matterkit.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("\nimport:\n", "\nimport:\n  max_memory_mb: 10\n", 1),
                      encoding="utf-8")
    simple_workbook(tmp_path / "县民政局.xlsx", {"实施清单": [HEADER[1:6], [GOOD_NAMES[0], "县民政局", 20, 5, "《条例》"]]})

    result = run_cli("import", tmp_path / "县民政局.xlsx", "--workspace", ws)

    assert result.exit_code == 2
    assert "matterkit.yaml" in result.stderr and "max_memory_mb" in result.stderr


def test_a_stray_space_far_below_a_good_list_is_not_suspect(tmp_path: Path) -> None:
    """Blank rows down to a space someone typed at row 500 are shown as skipped, but they are no damage."""
    rows: list[list[Any]] = [*department_rows(10), *([None] for _ in range(488)), [" "]]
    result, _ = import_beside_a_good_file(tmp_path, "县人社局.xlsx", simple_workbook(
        tmp_path / "src.xlsx", {"实施清单": rows}).read_bytes())

    assert result.exit_code == 0, result.stdout + result.stderr
    report = next(f for f in json.loads(result.stdout)["files"] if f["path"].endswith("县人社局.xlsx"))
    assert report["status"] == "ok" and not report["suspect"] and report["matters"] == 10
    assert sum(len(sheet["skipped_rows"]) for sheet in report["sheets"]) > 400


def test_text_pasted_from_word_is_not_counted_as_garbled_but_binary_garbage_is() -> None:
    from matterkit.rawtypes import CellScan
    from matterkit.readers.cellscan import scanned

    scan = CellScan()
    rows = [["第一条\x0b第二条", "申请表\x07", "分页\x0c"], ["\x01\x02乱码", "正常", 3], ["无法解码\ufffd", None, 1.5]]

    assert list(scanned(rows, scan)) == rows
    assert (scan.rows, scan.text_cells, scan.control_cells, scan.replaced_cells) == (3, 6, 1, 1)
