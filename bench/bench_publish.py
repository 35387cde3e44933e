"""Publishing speed on the example county: guides per second for each output format.

    python bench/bench_publish.py [--formats html,list,docx,pdf] [--limit N]

Imports the generated county into a temporary workspace (not timed), then publishes each format on its
own into a fresh folder and prints seconds and guides per second. `--limit N` publishes the first N
matters only (PDF conversion of a whole county takes minutes).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from matterkit.example import generate_example_county  # noqa: E402
from matterkit.importer import import_into_workspace  # noqa: E402
from matterkit.publish.api import publish_all  # noqa: E402
from matterkit.workspace import Workspace  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", default="html,list,docx,pdf")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-publish-") as folder:
        root = Path(folder)
        generate_example_county(root / "inputs")
        ws = Workspace.init(root / "ws")
        ws.ensure_catalogue()
        import_into_workspace(ws, [root / "inputs"])
        matters = list(ws.store.iter_matters())[: args.limit]
        print(f"{len(matters)} matters")
        for fmt in args.formats.split(","):
            started = time.perf_counter()
            result = publish_all(matters, out_dir=root / f"out-{fmt}", formats=[fmt],
                                 base_url="https://zwfw.example.gov.cn/guides/")
            seconds = time.perf_counter() - started
            files = len(result.written)
            print(f"{fmt:5} {seconds:8.1f} s  {result.guides / seconds:8.1f} guides/s  {files} files")


if __name__ == "__main__":
    main()
