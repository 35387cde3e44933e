"""A workspace: a folder with `matterkit.yaml` and an embedded SQLite store (no server needed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatch
from functools import cached_property
from pathlib import Path
from typing import Any

from matterkit import atomic
from matterkit.codeschemes import CodeSchemes, configured_schemes
from matterkit.codetables import CodeTables, default_code_tables
from matterkit.elements import ElementRegistry, default_registry
from matterkit.errors import ConfigError, WorkspaceError
from matterkit.resources import package_data
from matterkit.store import Store
from matterkit.yamlio import line_of, load_yaml, validate

CONFIG_NAME = "matterkit.yaml"
STATE_DIR = ".matterkit"
STORE_NAME = "store.sqlite"


@dataclass
class Workspace:
    root: Path
    config: Any = field(repr=False)

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    @property
    def output_dir(self) -> Path:
        return self.root / "out"

    # ---- finding and creating -------------------------------------------------------------------

    @classmethod
    def open(cls, explicit: Path | None = None) -> Workspace:
        """The workspace at `explicit`, or the nearest one walking up from the current folder."""
        root = _find_root(explicit)
        return cls(root=root, config=load_config(root / CONFIG_NAME))

    @classmethod
    def init(cls, directory: Path, *, county: str | None = None, area_code: str | None = None) -> Workspace:
        """Create `matterkit.yaml` (commented) and the store. An existing configuration is kept."""
        directory.mkdir(parents=True, exist_ok=True)
        config_path = directory / CONFIG_NAME
        if not config_path.exists():
            template = package_data("matterkit.yaml.template").read_text(encoding="utf-8")
            text = template.format(county=_yaml_scalar(county), area_code=_yaml_scalar(area_code))
            atomic.write_text(config_path, text)
        workspace = cls(root=directory.resolve(), config=load_config(config_path))
        workspace.store.initialise()
        return workspace

    # ---- what commands use ----------------------------------------------------------------------

    def section(self, name: str) -> dict[str, Any]:
        value = self.config.get(name) if self.config else None
        return value if isinstance(value, dict) else {}

    def line_of(self, *path: str | int) -> int | None:
        return line_of(self.config, list(path))

    @cached_property
    def registry(self) -> ElementRegistry:
        aliases = self.section("aliases")
        unknown = [key for key in aliases if key not in default_registry()]
        if unknown:
            raise ConfigError(f"未知的要素键 / unknown element key: {unknown[0]}", path=str(self.config_path),
                              line=self.line_of("aliases", unknown[0]), key=f"aliases.{unknown[0]}",
                              expected="an element key from docs/elements.md")
        return default_registry().with_aliases(aliases) if aliases else default_registry()

    @cached_property
    def code_tables(self) -> CodeTables:
        overrides = self.section("code_tables")
        return default_code_tables().with_overrides(overrides) if overrides else default_code_tables()

    @cached_property
    def code_schemes(self) -> CodeSchemes:
        """The code schemes import reads codes with (`code_schemes:`; all shipped ones by default)."""
        area = self.config.get("area_code") if self.config else None
        return configured_schemes(self.section("code_schemes"), root=self.root, config_path=self.config_path,
                                  document=self.config, area_code=str(area) if area else None)

    @cached_property
    def store(self) -> Store:
        return Store(self.state_dir / STORE_NAME)

    def catalogue_paths(self) -> list[Path]:
        """Configured standard catalogue files; `bundled` means the example province catalogue."""
        from matterkit.catalogue import default_catalogue_path

        value = self.config.get("catalogue") if self.config else None
        entries = [value] if isinstance(value, str) else list(value or [])
        return [default_catalogue_path() if entry == "bundled" else (self.root / entry) for entry in entries]

    def load_catalogue(self, path: Path, *, remember: bool = False) -> int:
        """Load a standard catalogue (YAML or a province's spreadsheet) into the store, replacing the old one.

        With `remember`, matterkit.yaml's `catalogue:` is set to this file (comments kept), so later runs
        reload it when it changes.
        """
        from matterkit.catalogue import load_catalogue
        from matterkit.filehash import file_sha256

        entries = load_catalogue(path, self.registry, self.code_tables)
        count = self.store.replace_catalogue(f"{path.resolve()}#{file_sha256(path)}", entries)
        if remember:
            self._set_config("catalogue", _relative_or_absolute(path, self.root))
        return count

    def ensure_catalogue(self) -> None:
        """Load the configured catalogue when the store does not hold that exact file yet."""
        from matterkit.filehash import file_sha256

        for path in self.catalogue_paths()[:1]:  # one standard catalogue per workspace
            if not path.is_file():
                raise ConfigError(f"找不到标准目录文件：{path}", path=str(self.config_path),
                                  line=self.line_of("catalogue"), key="catalogue")
            if self.store.catalogue_source() != f"{path.resolve()}#{file_sha256(path)}":
                self.load_catalogue(path)

    def _set_config(self, key: str, value: object) -> None:
        from io import StringIO

        from ruamel.yaml import YAML

        self.config[key] = value
        buffer = StringIO()
        YAML(typ="rt").dump(self.config, buffer)
        atomic.write_text(self.config_path, buffer.getvalue())

    def level_for_path(self, path: Path) -> str | None:
        """The list level the `import.levels` patterns give a file, if any."""
        return self._by_pattern("levels", path)

    def kind_for_path(self, path: Path) -> str | None:
        """The list kind the `import.kinds` patterns give a file (a source), if any."""
        return self._by_pattern("kinds", path)

    def _by_pattern(self, key: str, path: Path) -> str | None:
        """The value of the first pattern of `import.<key>` ({glob on the file path: value}) the file matches."""
        patterns = self.section("import").get(key) or {}
        try:
            text = "/" + path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            text = "/" + path.as_posix()
        for pattern, value in patterns.items():
            if fnmatch(text, pattern if pattern.startswith(("/", "*")) else "*/" + pattern):
                return str(value)
        return None


def load_config(path: Path) -> Any:
    document = load_yaml(path)
    if document is None:
        document = {}
    validate(document, "matterkit.schema.json", path)
    return document


def _find_root(explicit: Path | None) -> Path:
    if explicit is not None:
        if (explicit / CONFIG_NAME).is_file():
            return explicit.resolve()
        raise WorkspaceError(f"{explicit} 不是 matterkit 工作区（找不到 {CONFIG_NAME}），请先运行 matterkit init")
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise WorkspaceError(f"当前目录及其上级目录中没有 {CONFIG_NAME}：请先运行 matterkit init，或用 --workspace 指定工作区")


def _yaml_scalar(value: str | None) -> str:
    if value is None:
        return "null"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _relative_or_absolute(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path.resolve())
