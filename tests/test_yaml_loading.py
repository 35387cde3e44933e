"""Bundled data (element registry, code tables, rule packs, the example catalogue) is read with libyaml for
speed; it must read exactly as the YAML 1.2 round-trip loader that reports error lines reads it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from ruamel.yaml import YAML

from matterkit.yamlio import FastSafeLoader, load_plain_yaml

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = [ROOT / "src" / "matterkit" / "data" / "elements.yaml", *sorted((ROOT / "catalog").glob("*.yaml")),
           *sorted((ROOT / "rules").glob("*.yaml"))]


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_yaml_reads_the_same_with_libyaml_as_with_yaml_1_2(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert yaml.load(text, Loader=FastSafeLoader) == YAML(typ="safe", pure=True).load(text)  # noqa: S506


def test_words_yaml_1_1_took_for_booleans_and_octal_numbers_stay_as_written(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text("aliases: [No, yes, on, Off, y]\nphone: 0763\nclock: 9:30\ncount: 12\nok: true\n", encoding="utf-8")
    data = load_plain_yaml(path)
    assert data == {"aliases": ["No", "yes", "on", "Off", "y"], "phone": 763, "clock": "9:30", "count": 12, "ok": True}
