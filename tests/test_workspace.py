"""A workspace is a folder with matterkit.yaml and an embedded store; configuration errors name the line."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli_helpers import run_cli

from matterkit.errors import ConfigError, WorkspaceError
from matterkit.workspace import Workspace


def test_init_writes_a_commented_config_and_an_empty_store(tmp_path: Path) -> None:
    result = run_cli("init", tmp_path / "ws", "--county", "青山县")
    assert result.exit_code == 0, result.stdout
    config = (tmp_path / "ws" / "matterkit.yaml").read_text(encoding="utf-8")
    assert "county: \"青山县\"" in config
    assert "# 表头别名" in config  # comments explain each section to the clerk
    ws = Workspace.open(tmp_path / "ws")
    assert ws.store.count_matters() == 0
    assert ws.section("lint")["extends"] == ["national", "practice", "same-element"]


def test_init_twice_keeps_the_clerks_edits(tmp_path: Path) -> None:
    Workspace.init(tmp_path)
    config = tmp_path / "matterkit.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("county: null", "county: 红星县"), encoding="utf-8")
    run_cli("init", tmp_path)
    assert "county: 红星县" in config.read_text(encoding="utf-8")


def test_commands_find_the_workspace_from_a_subfolder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Workspace.init(tmp_path)
    sub = tmp_path / "收到的表格" / "2026"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    assert Workspace.open().root == tmp_path.resolve()


def test_no_workspace_is_a_clear_error_with_exit_code_2(tmp_path: Path) -> None:
    result = run_cli("status", cwd=tmp_path)
    assert result.exit_code == 2
    assert "matterkit init" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_key_in_matterkit_yaml_names_file_line_and_key(tmp_path: Path) -> None:
    Workspace.init(tmp_path)
    config = tmp_path / "matterkit.yaml"
    lines = config.read_text(encoding="utf-8").splitlines()
    lines.insert(5, "countty: 青山县")
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        Workspace.open(tmp_path)
    assert caught.value.line == 6
    assert "countty" in str(caught.value)
    result = run_cli("status", "--workspace", tmp_path)
    assert result.exit_code == 2
    assert "matterkit.yaml:6" in result.stderr


def test_a_wrong_value_type_names_the_key_and_what_was_expected(tmp_path: Path) -> None:
    Workspace.init(tmp_path)
    config = tmp_path / "matterkit.yaml"
    text = config.read_text(encoding="utf-8").replace("aliases: {}", "aliases:\n  name: 事项名称全称")
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        Workspace.open(tmp_path)
    assert caught.value.key == "aliases.name"
    assert caught.value.expected == "array"


def test_workspace_aliases_extend_the_header_table(tmp_path: Path) -> None:
    Workspace.init(tmp_path)
    config = tmp_path / "matterkit.yaml"
    text = config.read_text(encoding="utf-8").replace("aliases: {}", "aliases:\n  promised_limit: [本县承诺时间]")
    config.write_text(text, encoding="utf-8")
    ws = Workspace.open(tmp_path)
    assert ws.registry.lookup("本县承诺时间（工作日）") == "promised_limit"


def test_an_alias_for_an_unknown_element_is_reported_with_its_line(tmp_path: Path) -> None:
    Workspace.init(tmp_path)
    config = tmp_path / "matterkit.yaml"
    text = config.read_text(encoding="utf-8").replace("aliases: {}", "aliases:\n  nmae: [名字]")
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        _ = Workspace.open(tmp_path).registry
    assert caught.value.key == "aliases.nmae"
    assert caught.value.line is not None


def test_open_on_a_folder_without_config_is_a_workspace_error(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError):
        Workspace.open(tmp_path)


def test_a_file_can_be_forgotten_by_a_store_opened_just_for_that(tmp_path: Path) -> None:
    from matterkit.store import Store

    store = Store(tmp_path / "store.sqlite")
    store.initialise()
    store.record_failure(resolved_path="/x/a.xlsx", given_path="a.xlsx", error="坏文件", report={})
    store.close()
    fresh = Store(tmp_path / "store.sqlite")
    fresh.forget_file("/x/a.xlsx")
    assert fresh.files() == []


def test_a_store_made_before_the_import_key_column_gets_it_and_reads_its_files_again(tmp_path: Path) -> None:
    """A workspace imported by an earlier matterkit: its files carry no import settings key, so the next import
    reads them again (once), and the store keeps working."""
    import sqlite3

    from matterkit.store import _SCHEMA, Store

    path = tmp_path / "store.sqlite"
    old_schema = _SCHEMA.replace(",\n    import_key TEXT                   -- what else the stored rows depend on: "
                                 "importkey.import_settings_key", "")
    assert "import_key" not in old_schema
    with sqlite3.connect(path) as conn:
        conn.executescript(old_schema)
        conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        conn.execute("INSERT INTO files (path, given_path, sha256, status, report, imported_at)"
                     " VALUES ('/a.xlsx', 'a.xlsx', 'abc', 'ok', '{}', 'now')")
    store = Store(path)
    assert store.known_import("/a.xlsx") == ("abc", None)
    store.close()
