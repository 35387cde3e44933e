"""A zip bomb in the inbox costs the county's machine almost no memory, whatever its zip directory claims.

Each import runs in its own process, started by a small wrapper process that reports the peak resident
memory of its children (`resource.getrusage(RUSAGE_CHILDREN)`), so nothing else the test run started is
counted.
"""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.test_hostile_inputs import build_zip_bomb

from matterkit.workspace import Workspace

UNPACKED_MB = 600  # past the default cap of 512 MB
PEAK_LIMIT_MB = 250  # importing a small list peaks near 90 MB; unpacking the bomb would need > 600

_MEASURE = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kilobytes on Linux
print(json.dumps({"code": done.returncode, "stdout": done.stdout, "stderr": done.stderr, "peak_mb": peak_kb / 1024}))
"""


def import_measured(workspace: Path, path: Path) -> dict[str, object]:
    command = [sys.executable, "-m", "matterkit", "import", str(path), "--format", "json", "--workspace",
               str(workspace)]
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result


def forge_unpacked_size(path: Path, member: str, claimed: int) -> None:
    """Make the zip's local header and central directory claim `claimed` bytes for `member`."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    local = info.header_offset
    assert data[local: local + 4] == b"PK\x03\x04"
    struct.pack_into("<I", data, local + 22, claimed)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46: central + 46 + name_length] == name:
            struct.pack_into("<I", data, central + 24, claimed)
            break
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def test_zip_bomb_over_the_default_cap_is_refused_with_little_memory(tmp_path: Path) -> None:
    workspace = Workspace.init(tmp_path / "ws").root
    bomb = tmp_path / "县财政局.xlsx"
    build_zip_bomb(bomb, UNPACKED_MB)
    assert bomb.stat().st_size < 20 * 1024**2

    result = import_measured(workspace, bomb)

    assert result["code"] == 1, result["stderr"]
    (report,) = json.loads(str(result["stdout"]))["files"]
    assert "压缩炸弹" in report["error"] and "512" in report["error"]
    assert "Traceback" not in str(result["stderr"])
    assert float(result["peak_mb"]) < PEAK_LIMIT_MB  # type: ignore[arg-type]


def test_zip_bomb_lying_about_its_size_is_refused_with_little_memory(tmp_path: Path) -> None:
    workspace = Workspace.init(tmp_path / "ws").root
    bomb = tmp_path / "县财政局.xlsx"
    build_zip_bomb(bomb, UNPACKED_MB)
    forge_unpacked_size(bomb, "xl/worksheets/sheet1.xml", 4096)

    result = import_measured(workspace, bomb)

    assert result["code"] == 1, result["stderr"]
    (report,) = json.loads(str(result["stdout"]))["files"]
    assert report["status"] == "failed" and "损坏" in report["error"]
    assert "Traceback" not in str(result["stderr"])
    assert float(result["peak_mb"]) < PEAK_LIMIT_MB  # type: ignore[arg-type]
