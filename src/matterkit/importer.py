"""Import: spreadsheets in, canonical matters out (read -> recognise -> normalise), one file at a time.

`read_file` is the pure per-file step (it only reads); `import_into_workspace` stores results one
transaction per file and skips files whose content hash has not changed; `read_paths` keeps everything in
memory for commands run on files directly, without a workspace. One broken file is reported and skipped;
the others go on.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from matterkit.codeschemes import CodeSchemes
from matterkit.codetables import CodeTables
from matterkit.columnar import SheetColumns, read_columns
from matterkit.elements import ElementRegistry
from matterkit.errors import InputFileError
from matterkit.exchange.national_import import NOTE as NATIONAL_NOTE
from matterkit.exchange.national_import import NationalRead, read_national
from matterkit.filehash import file_sha256
from matterkit.gcpause import collector_paused
from matterkit.importkey import import_settings_key
from matterkit.listkinds import KindGuess, assisted_by_level, recognise_kind, sheet_elements
from matterkit.model import LEVEL_OF_LABEL, Location, Matter
from matterkit.normalise import build_matter
from matterkit.plausibility import judge_read
from matterkit.rawtypes import DataRow, SkippedRow
from matterkit.readers import open_sheets
from matterkit.readers.zipcheck import range_refusal
from matterkit.recognise import recognise_sheet
from matterkit.recognise.rows import PlainRow
from matterkit.store import Store, StoredRow
from matterkit.supervise import Crash, LimitSettings, supervised_map

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".et", ".ods", ".csv"}  # .et: WPS, an xlsx or xls inside
_UNCHANGED = "内容和导入设置均未变化，已跳过（用 --force 重新导入）"
LEVEL_ORDER = ("county", "township", "village")
LEVEL_ALIASES = {"county": "county", "县级": "county", "县": "county",
                 "township": "township", "乡镇级": "township", "乡镇": "township", "街道": "township",
                 "village": "village", "村级": "village", "村": "village", "社区": "village"}


@dataclass
class SheetReport:
    name: str | None
    header_row: int | None
    header_rows: int
    matters: int
    skipped_rows: list[dict[str, Any]]
    columns: dict[str, str | None]
    unmapped: list[str]
    notes: list[str]
    kind: str | None = None  # list kind (listkinds.py): declared, else recognised from the columns
    kind_confidence: float | None = None
    kind_from: str | None = None  # option | config | columns
    last_matter_row: int | None = None  # for judging the read (plausibility.py)


@dataclass
class FileReport:
    path: str  # as given
    status: str  # ok | failed | skipped
    error: str | None = None
    sheets: list[SheetReport] = field(default_factory=list)
    skipped_sheets: list[dict[str, str]] = field(default_factory=list)
    list_level: str | None = None
    list_body: str | None = None
    level_from: str | None = None  # option | path | column
    body_from: str | None = None  # option | column | file_name
    matters: int = 0
    notes: list[str] = field(default_factory=list)
    suspect: bool = False  # read, but the result does not look like the file (plausibility.py)
    warnings: list[str] = field(default_factory=list)  # why it is suspect

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class FileResult:
    report: FileReport
    matters: list[Matter]
    stored: Iterable[StoredRow] | None = None  # instead of `matters`, when the file was read for the store
    written: int | None = None  # the reading worker stored the file itself (`ImportOptions.store`): how many rows


@dataclass
class ImportOptions:
    registry: ElementRegistry
    code_tables: CodeTables
    list_level: str | None = None  # from --level
    body: str | None = None  # from --body
    max_unzipped_bytes: int = 512 * 1024**2
    limits: LimitSettings = field(default_factory=LimitSettings)  # memory and time per file (supervise.py)
    strict: bool = False  # a suspect read fails the file instead of a warning (--strict)
    kind: str | None = None  # from --kind: every sheet's list kind
    kinds: dict[str, str] = field(default_factory=dict)  # given path -> kind, from matterkit.yaml import.kinds
    schemes: CodeSchemes | None = None  # the code schemes in use (None: every shipped one)
    store: Path | None = None  # the workspace store the reading workers write each file into (import_into_workspace)
    import_key: str | None = None  # importkey.import_settings_key of the workspace, stored with each file


@dataclass
class ImportRun:
    files: list[FileReport]
    matters: list[Matter] = field(default_factory=list)

    @property
    def failed(self) -> list[FileReport]:
        return [f for f in self.files if f.status == "failed"]

    def totals(self) -> dict[str, int]:
        counts = Counter(f.status for f in self.files)
        return {"files": len(self.files), "ok": counts["ok"], "failed": counts["failed"],
                "skipped": counts["skipped"], "suspect": sum(f.suspect for f in self.files),
                "matters": sum(f.matters for f in self.files),
                "skipped_rows": sum(len(s.skipped_rows) for f in self.files for s in f.sheets)}


def normalise_level(value: str | None) -> str | None:
    """`county|township|village` or their Chinese names -> the list-level key; None stays None."""
    if value is None:
        return None
    level = LEVEL_ALIASES.get(value.strip().lower()) or LEVEL_ALIASES.get(value.strip())
    if level is None:
        raise ValueError(value)
    return level


# ---- finding files ------------------------------------------------------------------------------

def expand_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files given directly, and spreadsheets found recursively in folders (sorted; lock files skipped)."""
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if found.is_file() and _is_spreadsheet(found):
                    yield found
        else:
            yield path


def _is_spreadsheet(path: Path) -> bool:
    name = path.name
    return path.suffix.lower() in SPREADSHEET_SUFFIXES and not name.startswith(("~$", ".~lock", "."))


# ---- reading one file ---------------------------------------------------------------------------

def read_file(path: Path, given: str, options: ImportOptions, *, level_hint: str | None = None,
              for_store: bool = False, stream: bool = False, supervised: bool = False) -> FileResult:
    """Read one spreadsheet into matters (with `for_store`, into store rows: see `_Rows`; with `stream` too,
    the store rows are made as they are iterated, once). `supervised`: in a worker process with a memory limit
    (readers.open_sheets). Never raises for bad input: a failure is in the report."""
    national = read_national(path, given, options)  # a file in the national exchange layout (export --schema)
    if national is not None:
        return _national_result(national, given)
    try:
        sheets = open_sheets(path, max_unzipped_bytes=options.max_unzipped_bytes, supervised=supervised)
    except InputFileError as exc:
        return FileResult(FileReport(path=given, status="failed", error=exc.reason), [])
    except OSError as exc:
        return FileResult(FileReport(path=given, status="failed", error=f"无法读取文件：{exc.strerror or exc}"), [])
    try:
        with collector_paused():  # see gcpause: reading makes no reference cycles (12 % of a 40,000-row file)
            result = _read_sheets(sheets, path, given, options, level_hint, _Rows(for_store, stream))
        return judge_read(result, path, sheets, strict=options.strict)
    except InputFileError as exc:  # a reader can find damage only while rows stream (a CSV field too large)
        return FileResult(FileReport(path=given, status="failed", error=exc.reason), [])


def _national_result(national: NationalRead, given: str) -> FileResult:
    if national.error is not None:
        return FileResult(FileReport(path=given, status="failed", error=national.error), [])
    report = FileReport(path=given, status="ok", matters=len(national.matters), notes=[NATIONAL_NOTE],
                        list_level=national.list_level, level_from="column", list_body=national.list_body,
                        body_from="column")
    return FileResult(report, national.matters)


class _Rows:
    """A file's rows as they are read, and what they say about whose list it is.

    For the store (`for_store`) a sheet's rows are read column by column (columnar.py) and become store rows
    only once the list's level and body, known after the file's last sheet, are decided (`finish`); otherwise
    each row becomes a `Matter`."""

    def __init__(self, for_store: bool, stream: bool = False) -> None:
        self.for_store, self.stream = for_store, stream
        self.matters: list[Matter] = []
        self.sheets: list[SheetColumns] = []
        self.levels: Counter[str] = Counter()
        self.bodies: Counter[str] = Counter()
        self.departments: Counter[str] = Counter()

    def add(self, matter: Matter) -> None:
        for label in matter.level:
            if label in LEVEL_OF_LABEL:
                self.levels[LEVEL_OF_LABEL[label]] += 1
        if matter.body:
            self.bodies[matter.body] += 1
        if matter.department:
            self.departments[matter.department] += 1
        self.matters.append(matter)

    def add_sheet(self, sheet: SheetColumns) -> None:
        self.sheets.append(sheet)
        self.levels.update(sheet.levels)
        self.bodies.update(sheet.bodies)
        self.departments.update(sheet.departments)

    def __len__(self) -> int:
        return len(self.matters) + sum(len(sheet) for sheet in self.sheets)

    def set_kind(self, sheet_name: str | None, kind: str) -> None:
        """The list kind of one sheet's rows, decided after its rows were read."""
        for sheet in self.sheets:
            if sheet.sheet == sheet_name:
                sheet.kind = kind
        for matter in self.matters:
            if matter.source.sheet == sheet_name:
                matter.list_kind = kind

    def finish(self, report: FileReport) -> FileResult:
        """The file's result with the list's level and body in every row."""
        level, body = report.list_level, report.list_body
        for matter in self.matters:
            matter.list_level = level  # type: ignore[assignment]
            matter.list_body = body
        if not self.for_store:
            return FileResult(report, self.matters)
        sheets, self.sheets = self.sheets, []
        stored = (row for sheet in sheets for row in sheet.stored_rows(level, body))
        return FileResult(report, [], stored=stored if self.stream else list(stored))


def _read_sheets(sheets: list[Any], path: Path, given: str, options: ImportOptions,
                 level_hint: str | None, rows: _Rows) -> FileResult:
    report = FileReport(path=given, status="ok")
    for sheet in sheets:
        if sheet.hidden:
            report.notes.append(f"工作表“{sheet.name}”是隐藏的，仍已读取")
        report.notes.extend(sheet.notes)
        recognised = recognise_sheet(sheet, options.registry)
        if recognised is None:
            report.skipped_sheets.append({"name": sheet.name or "", "reason": "未找到可识别的表头"})
            continue
        report.sheets.append(_read_sheet(recognised, given, options, rows))
    if not report.sheets:
        report.status = "failed"
        report.error = "文件中没有可识别表头的工作表（应包含“事项名称”等列）"
        return FileResult(report, [])
    _assign_level_and_body(report, rows, options, level_hint, path)
    _kinds_by_level(report, rows)
    report.matters = len(rows)
    return rows.finish(report)


def _read_sheet(recognised: Any, given: str, options: ImportOptions, rows: _Rows) -> SheetReport:
    header = recognised.header
    kind = _sheet_kind(header.mapping, options.kind, options.kinds.get(given))  # known before its rows
    skipped: list[dict[str, Any]] = []
    if rows.for_store:
        count, last_row = _read_sheet_columns(recognised, given, options, kind.kind, rows, skipped)
    else:
        count, last_row = _read_sheet_rows(recognised, given, options, kind.kind, rows, skipped)
    notes = list(recognised.notes)
    if not count:
        notes.append(f"表头（第 {header.row} 行）下面没有事项数据")
    return SheetReport(name=recognised.sheet_name, header_row=header.row, header_rows=header.rows,
                       matters=count, skipped_rows=skipped, columns=header.mapping,
                       unmapped=list(recognised.unmapped), notes=notes, kind=kind.kind,
                       kind_confidence=kind.confidence, kind_from=kind.source, last_matter_row=last_row)


def _read_sheet_rows(recognised: Any, given: str, options: ImportOptions, kind: str | None, rows: _Rows,
                     skipped: list[dict[str, Any]]) -> tuple[int, int | None]:
    """The sheet's data rows as matters, one at a time; (how many, the last one's row number)."""
    count, last_row = 0, None
    for item in recognised.rows:
        if isinstance(item, SkippedRow):
            skipped.append({"row": item.row, "reason": item.reason, "text": item.text})
            continue
        assert isinstance(item, DataRow)
        source = Location(file=given, sheet=recognised.sheet_name, row=item.row)
        matter = build_matter(item, source=source, registry=options.registry, code_tables=options.code_tables,
                              default_body=options.body, schemes=options.schemes, list_kind=kind)
        rows.add(matter)
        count, last_row = count + 1, item.row
    return count, last_row


def _read_sheet_columns(recognised: Any, given: str, options: ImportOptions, kind: str | None, rows: _Rows,
                        skipped: list[dict[str, Any]]) -> tuple[int, int | None]:
    """The sheet's data rows read column by column, for the store (columnar.py)."""
    data: list[PlainRow] = []
    for item in recognised.plain_rows():
        if isinstance(item, SkippedRow):
            skipped.append({"row": item.row, "reason": item.reason, "text": item.text})
        else:
            data.append(item)
    rows.add_sheet(read_columns(data, recognised.layout, file=given, sheet=recognised.sheet_name, kind=kind,
                                options=options))
    return len(data), (data[-1][0] if data else None)


def _kinds_by_level(report: FileReport, rows: _Rows) -> None:
    """What the list's level says of its sheets' kinds (listkinds.assisted_by_level), into the report and the
    sheets' rows, which take their kind only now."""
    for sheet in report.sheets:
        guess = KindGuess(sheet.kind or "", sheet.kind_confidence or 0.0, sheet.kind_from or "columns")
        found = assisted_by_level(guess, sheet_elements(sheet.columns), report.list_level)
        if found is not guess:
            sheet.kind, sheet.kind_confidence, sheet.kind_from = found.kind, found.confidence, found.source
            rows.set_kind(sheet.name, found.kind)


def _sheet_kind(columns: dict[str, str | None], option: str | None, configured: str | None) -> KindGuess:
    """The sheet's list kind: `--kind`, else matterkit.yaml's `import.kinds`, else recognised from its columns."""
    if option or configured:
        return KindGuess(str(option or configured), 1.0, "option" if option else "config")
    return recognise_kind(sheet_elements(columns))


def _assign_level_and_body(report: FileReport, rows: _Rows, options: ImportOptions,
                           level_hint: str | None, path: Path) -> None:
    """The list's level and body: the option, else the path pattern, else what the rows say."""
    level, level_from = options.list_level, "option"
    if level is None and level_hint:
        level, level_from = level_hint, "path"
    if level is None:
        level, level_from = _level_from_rows(rows.levels), "column"
    body, body_from = options.body, "option"
    named = rows.bodies or rows.departments  # the bodies the rows name, else their departments
    if body is None and named:
        body, body_from = _dominant(named), "column"
        if body is None:  # a county's list of every department's matters is no one body's list
            body_from = "mixed"
            report.notes.append(_mixed_bodies_note(named))
    if body is None and not named:
        body, body_from = path.stem, "file_name"
    report.list_level, report.level_from = level, (level_from if level else None)
    report.list_body, report.body_from = body, body_from
    if level is None:
        report.notes.append("无法判断清单层级（县级/乡镇级/村级）：请用 --level 指定")


def _level_from_rows(counts: Counter[str]) -> str | None:
    """The list level most rows' 行使层级 name; a tie goes to the higher level (a county list whose rows
    are also exercised by townships is still the county's list)."""
    if not counts:
        return None
    best = max(counts.values())
    return next(level for level in LEVEL_ORDER if counts[level] == best)


def _dominant(counts: Counter[str]) -> str | None:
    """The body (or department) more than half of the rows naming one name, or None: the list is then no one
    body's list, and each row keeps to its own body (a blank one is not filled with another department's)."""
    value, count = counts.most_common(1)[0]
    return value if count * 2 > sum(counts.values()) else None


def _mixed_bodies_note(counts: Counter[str]) -> str:
    value, count = counts.most_common(1)[0]
    share = round(100 * count / sum(counts.values()))
    return (f"本文件的事项分属 {len(counts)} 个实施主体（最多的“{value}”占 {share}%），不是某一个主体的清单："
            "各事项按本行的实施主体处理（整份清单属于一个主体时，用 --body 指定）")


# ---- running over many files --------------------------------------------------------------------

_WORKER_OPTIONS: ImportOptions | None = None


def _init_worker(options: ImportOptions) -> None:
    global _WORKER_OPTIONS
    _WORKER_OPTIONS = options


def _read_in_worker(job: tuple[Path, str, str | None]) -> FileResult:
    assert _WORKER_OPTIONS is not None
    path, given, hint = job
    return read_file(path, given, _WORKER_OPTIONS, level_hint=hint, supervised=True)


def _read_for_store_in_worker(job: tuple[Path, str, str | None, str, str]) -> FileResult:
    """Read one file and write it into the workspace store from this worker: its store rows are made as SQLite
    takes them (nothing of the file's size is pickled, sent or held), and the parent process only reports.
    The file is one transaction: a worker that dies while writing leaves the store as it was."""
    assert _WORKER_OPTIONS is not None and _WORKER_OPTIONS.store is not None
    path, given, hint, resolved, sha = job
    result = read_file(path, given, _WORKER_OPTIONS, level_hint=hint, for_store=True, stream=True, supervised=True)
    report = result.report
    if report.status != "ok":
        return result
    store = _worker_store(_WORKER_OPTIONS.store)
    with collector_paused():  # the rows are read by columns while SQLite takes them: no cycles (see gcpause)
        written = store.replace_file(resolved_path=resolved, given_path=given, sha256=sha,
                                     list_level=report.list_level, list_body=report.list_body,
                                     report=report.to_json(), matters=result.matters, rows=result.stored,
                                     import_key=_WORKER_OPTIONS.import_key)
    return FileResult(report, [], written=written)


_WORKER_STORES: dict[Path, Store] = {}


def _worker_store(path: Path) -> Store:
    """The worker's own connection to the store (a connection never crosses a fork: it is opened here)."""
    store = _WORKER_STORES.get(path)
    if store is None:
        store = _WORKER_STORES[path] = Store(path)
    return store


def read_many(jobs: list[Any], options: ImportOptions, workers: int | None = None, *,
              for_store: bool = False) -> Iterator[FileResult]:
    """Read files in supervised worker processes (one or more; files are independent), in order: a file
    whose reading crashes, runs out of memory or time fails alone (supervise.py). A job is (path, as given,
    level from the path); with `for_store`, also (resolved path, content hash), and each worker writes the
    files it read into `options.store`."""
    yield from supervised_map(_read_for_store_in_worker if for_store else _read_in_worker, jobs,
                              workers=workers or os.cpu_count() or 1, initializer=_init_worker,
                              initargs=(options,), limits_of=lambda job: options.limits.for_file(job[0]),
                              on_crash=_crashed)


def _crashed(job: tuple[Any, ...], crash: Crash) -> FileResult:
    """The failure of a file whose worker died: a parser that ran out of memory on an xlsx is explained by the
    sheet range it had to hold, when that is the reason (the range check ran beside it: readers._open)."""
    reason = range_refusal(job[0]) if crash.kind in ("memory", "crash") else None
    return FileResult(FileReport(path=job[1], status="failed", error=reason or crash.message()), [])


def read_paths(paths: list[Path], *, registry: ElementRegistry, code_tables: CodeTables,
               list_level: str | None = None, body: str | None = None, workers: int | None = None) -> ImportRun:
    """Read files and folders into memory (no workspace): for `lint FILE...`, `diff A B` and tests."""
    options = ImportOptions(registry=registry, code_tables=code_tables, list_level=list_level, body=body)
    jobs: list[tuple[Path, str, str | None]] = [(path, str(path), None) for path in expand_paths(paths)]
    run = ImportRun(files=[])
    for result in read_many(jobs, options, workers):
        run.files.append(result.report)
        run.matters.extend(result.matters)
    return run


ProgressCallback = Callable[[FileReport], None]


def import_into_workspace(workspace: Any, paths: list[Path], *, list_level: str | None = None,
                          body: str | None = None, force: bool = False, workers: int | None = None,
                          progress: ProgressCallback | None = None, kind: str | None = None,
                          strict: bool = False) -> ImportRun:
    """Import files into a workspace's store: unchanged files are skipped, each file is one transaction."""
    import_conf = workspace.section("import")
    strict = strict or bool(import_conf.get("strict", False))
    options = ImportOptions(registry=workspace.registry, code_tables=workspace.code_tables,
                            list_level=list_level, body=body, kind=kind, schemes=workspace.code_schemes,
                            max_unzipped_bytes=int(import_conf.get("max_unzipped_mb", 512)) * 1024**2,
                            limits=LimitSettings(import_conf.get("max_memory_mb"), import_conf.get("timeout_seconds")),
                            strict=strict, store=workspace.store.path,
                            import_key=import_settings_key(workspace, strict=strict))
    store = workspace.store
    store.conn  # noqa: B018 - the tables exist before the reading workers write into them
    run = ImportRun(files=[])
    jobs, hashes = [], {}
    for path in expand_paths(paths):
        given = str(path)
        try:
            sha = file_sha256(path)
        except OSError as exc:
            report = FileReport(path=given, status="failed", error=f"无法读取文件：{exc.strerror or exc}")
            _finish(run, report, progress)
            continue
        resolved = str(path.resolve())
        unchanged = store.known_import(resolved) == (sha, options.import_key)  # the file and the settings
        if not force and unchanged and list_level is None and body is None and kind is None:
            _finish(run, FileReport(path=given, status="skipped", notes=[_UNCHANGED]), progress)
            continue
        hashes[given] = (resolved, sha)
        if (configured := workspace.kind_for_path(path)) is not None:
            options.kinds[given] = configured
        jobs.append((path, given, workspace.level_for_path(path), resolved, sha))
    for result in read_many(jobs, options, workers or import_conf.get("jobs"), for_store=True):
        resolved, sha = hashes[result.report.path]
        report = result.report
        if report.status != "ok":  # a file read well was stored by the worker that read it
            store.record_failure(resolved_path=resolved, given_path=report.path, error=report.error or "",
                                 report=report.to_json())
        _finish(run, report, progress)
    return run


def _finish(run: ImportRun, report: FileReport, progress: ProgressCallback | None) -> None:
    run.files.append(report)
    if progress:
        progress(report)
