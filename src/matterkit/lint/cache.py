"""Lint results kept per file in the workspace store, so that a lint after import reads them instead of checking
every matter again.

Almost every rule looks at one matter (and the catalogue) at a time, so its findings on a file depend only on
the file's matters, the rule, the catalogue, the code tables and the language. Import does not lint: the first
lint that finds a file's results missing, or made under other rules, another catalogue or another language,
computes them from the store (files on every core) and stores them at once (re-importing a file deletes them
with its matters). A file's findings are kept as JSON lines, one finding a line, compressed as they are made
(one rule's at a time) and read back line by line: a file of 40,000 rows with half a million findings (≈ 700 MB
of text; ≈ 50 MB compressed, their wording repeats) never holds them all, as text or as dictionaries. `unique` rules over a list body, a level or the
whole workspace compare rows of different files: each file stores a key per row, and one SQL GROUP BY finds
the keys that repeat, so no run holds every matter of a province at once. Plug-in kinds that do not declare
`SCOPE = "matter"` still see all matters together (they are run the old way).
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import sqlite3
import zlib
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Any, cast

from matterkit import __version__
from matterkit.codetables import CodeTables
from matterkit.elements import ElementRegistry
from matterkit.gcpause import collector_paused
from matterkit.lint.context import CatalogueLookup, CheckContext
from matterkit.lint.engine import applicable_rows, check_context, make_finding, message_template, run_rule
from matterkit.lint.findings import Finding, RegulationRef
from matterkit.lint.kinds import BUILTIN_KINDS, get_kind, unique
from matterkit.lint.rules import Rule
from matterkit.listkinds import SheetInfo, sheet_infos
from matterkit.model import Location, Matter

SCHEMA = """
CREATE TABLE IF NOT EXISTS lint_files (
    file_id INTEGER PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE,
    context TEXT NOT NULL,            -- digest of the catalogue, code tables, language and matterkit's checks
    rules TEXT NOT NULL,              -- JSON: {rule code: digest of the rule} for every rule computed
    findings BLOB NOT NULL            -- zlib of JSON lines: the findings of those rules on this file, one a line
);
CREATE TABLE IF NOT EXISTS lint_keys (
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    key TEXT NOT NULL,                -- JSON: the row's scope and folded values (kinds/unique.py)
    position INTEGER NOT NULL         -- the matter's place among the file's matters
);
CREATE INDEX IF NOT EXISTS lint_keys_group ON lint_keys(rule, key);
CREATE INDEX IF NOT EXISTS lint_keys_file ON lint_keys(file_id);
"""


def ensure_tables(conn: sqlite3.Connection) -> None:
    for statement in filter(str.strip, SCHEMA.split(";")):
        conn.execute(statement)


# ---- which rules, under which circumstances ------------------------------------------------------

def is_per_file(rule: Rule) -> bool:
    """Whether a rule's findings on a file depend on that file's matters alone."""
    if rule.kind == "unique":
        return rule.params.get("scope") == "file"
    kind = get_kind(rule.kind)
    return rule.kind in BUILTIN_KINDS or getattr(kind, "SCOPE", "workspace") == "matter"


def is_keyed(rule: Rule) -> bool:
    """A `unique` rule over more than one file: answered from per-file keys."""
    return rule.kind == "unique" and rule.params.get("scope") != "file"


def rule_digest(rule: Rule) -> str:
    """What a rule's findings depend on: its code, wording, severity, kind, parameters, conditions, source."""
    return _digest([rule.code, rule.name, rule.severity, rule.kind, rule.params,
                    rule.source.as_dict() if rule.source else None, rule.message, rule.applies, rule.kinds])


def context_digest(*, catalogue: str | None, lang: str, settings: Any) -> str:
    """What every rule's findings depend on besides the rule: the catalogue's identity (file and content hash),
    the language, the workspace's aliases and code tables, and matterkit's own checks and data."""
    return _digest([__version__, _code_digest(), catalogue or "", lang, settings])


def _digest(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


@cache
def _code_digest() -> str:
    """The source of the checks (the lint package and the modules its kinds call) and the bundled element
    registry and code tables: a developer's edit invalidates stored results even when the version stays."""
    from matterkit.resources import bundled_dir

    package = Path(__file__).resolve().parents[1]
    sources = [*package.joinpath("lint").rglob("*.py"), *package.joinpath("data").glob("*.yaml"),
               *(package / name for name in _CHECKED_MODULES), bundled_dir("catalog") / "code-tables.yaml"]
    digest = hashlib.sha256()
    for path in sorted(sources):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


_CHECKED_MODULES = ("catalogue.py", "codes.py", "codetables.py", "elements.py", "listkinds.py", "model.py",
                    "textnorm.py", "normalise/issues.py")  # issues' messages and expected values are rendered by lint


@dataclass
class LintPlan:
    """Everything a process needs to lint one file on its own. Picklable: import sends it to its workers."""

    rules: list[Rule]  # per-file rules and keyed rules
    registry: ElementRegistry
    code_tables: CodeTables
    lang: str
    context: str
    store_path: Path | None = None  # where a worker loads the catalogue from (None: no catalogue)
    catalogue: CatalogueLookup | None = field(default=None, repr=False)  # given directly, in the lint process

    def digests(self) -> dict[str, str]:
        return {rule.code: rule_digest(rule) for rule in self.rules}

    def lookup(self) -> CatalogueLookup | None:
        if self.catalogue is None and self.store_path is not None:
            self.catalogue = _catalogue_from_store(self.store_path, self.context)
        return self.catalogue

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        if self.store_path is not None:
            state["catalogue"] = None  # each worker reads its own (once) from the store
        return state


_CATALOGUES: dict[tuple[str, str], CatalogueLookup] = {}


def _catalogue_from_store(store_path: Path, context: str) -> CatalogueLookup:
    """The store's catalogue as a lookup, made once per process and context."""
    from matterkit.store import Store

    key = (str(store_path), context)
    if key not in _CATALOGUES:
        _CATALOGUES.clear()
        _CATALOGUES[key] = StoreCatalogue(Store(store_path))
    return _CATALOGUES[key]


@dataclass(frozen=True, slots=True)
class _EntryKey:
    """What the catalogue index reads of an entry, and where the whole entry is."""

    row_id: int
    base_code: str | None
    item_code: str | None
    name: str | None


class StoreCatalogue:
    """The catalogue lookup (`catalogue.CatalogueIndex`) over the store's catalogue table, indexing codes and
    names only and loading an entry's whole record when a row first matches it: one file matches a few
    hundred of a province's tens of thousands of entries, and loading them all took seconds per process."""

    def __init__(self, store: Any) -> None:
        from matterkit.catalogue import CatalogueIndex

        self._store = store
        stubs = [_EntryKey(*row) for row in store.catalogue_keys()]
        self._index = CatalogueIndex(cast(list[Matter], stubs))  # it reads only the codes and the name
        self._entries: dict[int, Matter] = {}

    def lookup(self, matter: Matter) -> tuple[Matter | None, str | None]:
        return self.lookup_many([matter])[0]

    def lookup_many(self, matters: Sequence[Matter]) -> list[tuple[Matter | None, str | None]]:
        """Lookups of a whole file at once: the entries it needs are read in one query."""
        found = [self._index.lookup(matter) for matter in matters]
        rows = [cast(_EntryKey, stub).row_id if stub is not None else None for stub, _ in found]
        missing = {row_id for row_id in rows if row_id is not None and row_id not in self._entries}
        if missing:
            self._entries.update(self._store.catalogue_entries(sorted(missing)))
        return [(self._entries[row_id], how) if row_id is not None else (None, None)
                for row_id, (_, how) in zip(rows, found, strict=True)]


# ---- one file --------------------------------------------------------------------------------------

@dataclass
class FileEntry:
    """The lint results of one file for some rules."""

    rules: dict[str, str]  # code -> rule digest
    findings: bytes  # JSON lines (`finding_to_json`), zlib-compressed: see `_Packer`
    keys: list[tuple[str, str, int]]  # (rule, key, position)


def lint_file(matters: Sequence[Matter], plan: LintPlan, rules: Sequence[Rule] | None = None,
              sheets: Mapping[tuple[str, str | None], SheetInfo] | None = None) -> FileEntry:
    """Run the plan's rules (or `rules`, a subset) over one file's matters; `sheets`: the file's sheets from
    its import report (`listkinds.sheet_infos`), so that what a sheet lacks is said once for the sheet."""
    rules = list(plan.rules if rules is None else rules)
    ctx = check_context(matters, code_tables=plan.code_tables, registry=plan.registry, catalogue=plan.lookup(),
                        lang=plan.lang, sheets=sheets)
    packer = _Packer()
    keys: list[tuple[str, str, int]] = []
    for rule in rules:  # one rule's Finding objects at a time; what is kept is their compressed text
        if is_keyed(rule):
            keys.extend(_keys(rule, ctx))
        else:
            for finding in run_rule(rule, ctx):
                packer.add(json.dumps(finding_to_json(finding), ensure_ascii=False))
    return FileEntry(rules={rule.code: rule_digest(rule) for rule in rules}, findings=packer.done(), keys=keys)


class _Packer:
    """JSON lines compressed as they are added."""

    def __init__(self) -> None:
        self._compressor = zlib.compressobj(6)
        self._parts: list[bytes] = []

    def add(self, line: str) -> None:
        part = self._compressor.compress(line.encode("utf-8") + b"\n")
        if part:
            self._parts.append(part)

    def done(self) -> bytes:
        self._parts.append(self._compressor.flush())
        return b"".join(self._parts)


def _pack(lines: Iterable[str]) -> bytes:
    packer = _Packer()
    for line in lines:
        packer.add(line)
    return packer.done()


def _unpacked(blob: object) -> Iterator[str]:
    """The lines of packed findings, one at a time (neither the whole text nor a list of lines is made).
    Anything but a packed blob (results stored by an older matterkit) has no lines."""
    if not isinstance(blob, bytes):
        return
    decompressor = zlib.decompressobj()
    pending = b""
    for start in range(0, len(blob), _CHUNK):
        pending += decompressor.decompress(blob[start:start + _CHUNK])
        *lines, pending = pending.split(b"\n")
        yield from (line.decode("utf-8") for line in lines)
    pending += decompressor.flush()
    yield from (line.decode("utf-8") for line in pending.split(b"\n") if line)


_CHUNK = 1 << 16


def _keys(rule: Rule, ctx: CheckContext) -> Iterator[tuple[str, str, int]]:
    rows = applicable_rows(rule, ctx)
    for i, key in unique.keys(rule.params, rows, ctx):
        yield rule.code, json.dumps(key, ensure_ascii=False, default=str), i


def write_entry(conn: sqlite3.Connection, file_id: int, context: str, entry: FileEntry) -> None:
    """Store a file's results, merged with results of other rules stored under the same context."""
    row = conn.execute("SELECT context, rules, findings FROM lint_files WHERE file_id = ?", (file_id,)).fetchone()
    rules, findings = dict(entry.rules), entry.findings
    if row is not None and row[0] == context:
        kept = {code: digest for code, digest in json.loads(row[1]).items() if code not in entry.rules}
        rules = {**kept, **rules}
        findings = _pack(chain(_unpacked(findings),
                               (line for line in _unpacked(row[2]) if json.loads(line)["rule"] in kept)))
        conn.executemany("DELETE FROM lint_keys WHERE file_id = ? AND rule = ?",
                         [(file_id, code) for code in entry.rules])
    else:
        conn.execute("DELETE FROM lint_keys WHERE file_id = ?", (file_id,))
    conn.execute("INSERT OR REPLACE INTO lint_files (file_id, context, rules, findings) VALUES (?, ?, ?, ?)",
                 (file_id, context, json.dumps(rules), findings))
    conn.executemany("INSERT INTO lint_keys (file_id, rule, key, position) VALUES (?, ?, ?, ?)",
                     [(file_id, *key) for key in entry.keys])


def finding_to_json(finding: Finding) -> dict[str, Any]:
    return {**finding.as_dict(), "fix": finding.fix, "matter_code": finding.matter_code}


def finding_from_json(data: dict[str, Any], shared: dict[Any, Any] | None = None) -> Finding:
    """A stored finding. `shared` (one per file read) lets findings share equal parts (a row's location and
    matter reference, a rule's source and texts) instead of a copy each: half a million findings of one file
    repeat a few thousand of them."""
    source, location, matter = data["source"], data["location"], data["matter"]
    if shared is None:
        return _finding(data, Location(**location), matter, RegulationRef(**source) if source else None)
    place = ("location", *location.values())
    if place not in shared:
        shared[place] = Location(**location)
    try:
        matter = shared.setdefault(("matter", *matter.items()), matter)
    except TypeError:  # a value that is not hashable (a list): the finding keeps its own
        pass
    regulation = ("source", *source.values()) if source else None
    if regulation is not None and regulation not in shared:
        shared[regulation] = RegulationRef(**source)
    for key in ("name", "message", "rule", "element"):
        if isinstance(data[key], str):
            data[key] = shared.setdefault(data[key], data[key])
    return _finding(data, shared[place], matter, shared[regulation] if regulation is not None else None)


def _finding(data: dict[str, Any], location: Location, matter: dict[str, object],
             source: RegulationRef | None) -> Finding:
    return Finding(rule=data["rule"], name=data["name"], severity=data["severity"], message=data["message"],
                   element=data["element"], value=data["value"], expected=data["expected"], location=location,
                   matter=matter, source=source, fix=data["fix"], matter_code=data["matter_code"])


def read_findings(lines: Iterable[str], wanted: Container[str]) -> Iterator[Finding]:
    """Stored findings (JSON lines) of the `wanted` rules, made one at a time."""
    shared: dict[Any, Any] = {}
    for line in lines:
        data = json.loads(line)
        if data["rule"] in wanted:
            yield finding_from_json(data, shared)


# ---- the whole store -------------------------------------------------------------------------------

@dataclass
class StoreLint:
    findings: list[Finding]
    matters: int
    files: int
    computed: int  # files whose results had to be computed in this run


def lint_store(store: Any, plan: LintPlan, *, jobs: int | None = None, under: Path | None = None) -> StoreLint:
    """Findings of the plan's rules over every stored file (or the files under the folder `under`, such as one
    county of a province): stored results where they are current; the rest computed file by file (on `jobs`
    processes, default one per core) and stored; then the keyed rules across files (rows outside `under`
    count as earlier occurrences but are not reported, so their keys are computed too when missing).

    Each file's results are stored as soon as they are computed; only a file whose results could not be
    stored keeps them in memory."""
    conn = store.conn
    ensure_tables(conn)
    wanted = plan.digests()
    files = _files(conn, under)
    stale = _stale(conn, plan, files, _files(conn, None) if under is not None else files)
    computed = _compute_and_save(store, plan, stale, jobs, files)
    findings: list[Finding] = []
    for file_id, stored in _stored_findings(conn, plan.context):
        if file_id in files:
            findings.extend(read_findings(_unpacked(stored), wanted))
        del stored
    for entry in computed.values():
        findings.extend(read_findings(_unpacked(entry.findings), wanted))
    findings.extend(repeated_keys(store, plan, files if under is not None else None))
    return StoreLint(findings=findings, matters=sum(files.values()), files=len(files), computed=len(stale))


def _compute_and_save(store: Any, plan: LintPlan, stale: list[tuple[int, list[Rule]]], jobs: int | None,
                      files: Mapping[int, int]) -> dict[int, FileEntry]:
    """Compute the stale files' results and store each file's as soon as it is made (so only one file's are in
    memory); the results of `files` that could not be stored (re-imported meanwhile), to report them anyway."""
    unsaved: dict[int, FileEntry] = {}
    for file_id, entry in _compute(store, plan, stale, jobs):
        if not _save(store, file_id, plan.context, entry) and file_id in files:
            unsaved[file_id] = entry
    return unsaved


def _stale(conn: sqlite3.Connection, plan: LintPlan, files: Mapping[int, int],
           everything: Mapping[int, int]) -> list[tuple[int, list[Rule]]]:
    """(file id, the rules whose current results it lacks) of each file to check: every rule for `files`,
    the keyed rules for the other stored files (`everything`), whose keys count as earlier occurrences."""
    wanted = plan.digests()
    keyed = [rule for rule in plan.rules if is_keyed(rule)]
    digests = _stored_digests(conn, plan.context)
    stale: list[tuple[int, list[Rule]]] = []
    for file_id in everything:
        codes = digests.get(file_id, {})
        rules = plan.rules if file_id in files else keyed
        missing = [rule for rule in rules if codes.get(rule.code) != wanted[rule.code]]
        if missing:
            stale.append((file_id, missing))
    return stale


def _files(conn: sqlite3.Connection, under: Path | None) -> dict[int, int]:
    """{file id: number of matters} of the stored files with matters (under a folder)."""
    query = "SELECT f.id, f.path, COUNT(*) FROM files f JOIN matters m ON m.file_id = f.id GROUP BY f.id"
    prefix = str(under.resolve()).rstrip("/") + "/" if under is not None else ""
    return {file_id: count for file_id, path, count in conn.execute(query) if path.startswith(prefix)}


def _compute(store: Any, plan: LintPlan, stale: list[tuple[int, list[Rule]]],
             jobs: int | None) -> Iterator[tuple[int, FileEntry]]:
    """Lint the stale files, each with the rules it lacks; in worker processes when there are several."""
    workers = min(jobs or os.cpu_count() or 1, len(stale))
    if workers <= 1:
        for file_id, rules in stale:
            yield file_id, lint_stored_file(store, file_id, plan, rules)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(plan, store.path)) as pool:
        yield from zip([file_id for file_id, _ in stale], pool.map(_lint_stored_file, stale), strict=True)


_WORKER: tuple[LintPlan, Any] | None = None


def _init_worker(plan: LintPlan, store_path: Path) -> None:
    from matterkit.store import Store

    gc.freeze()  # what the worker inherits from the parent (the catalogue's index …) is never walked again
    global _WORKER
    _WORKER = (plan, Store(store_path))


def _lint_stored_file(job: tuple[int, list[Rule]]) -> FileEntry:
    assert _WORKER is not None
    plan, store = _WORKER
    file_id, rules = job
    return lint_stored_file(store, file_id, plan, rules)


def lint_stored_file(store: Any, file_id: int, plan: LintPlan, rules: Sequence[Rule]) -> FileEntry:
    """One stored file linted with the sheets its import report describes. The cyclic collector is paused for
    the whole file (gcpause): what a file's lint allocates is freed by reference counting when it ends, and a
    collection per batch of loaded matters walked every one of them again (a quarter of a county's lint)."""
    given, report = store.file_report(file_id)
    with collector_paused():
        return lint_file(list(store.iter_file_matters(file_id)), plan, rules, sheets=sheet_infos(given, report))


def _save(store: Any, file_id: int, context: str, entry: FileEntry) -> bool:
    """Keep a file's results; False (nothing kept) when a concurrent import replaced the file meanwhile."""
    try:
        with store.transaction() as conn:
            write_entry(conn, file_id, context, entry)
    except sqlite3.IntegrityError:  # the file row is gone (its matters were replaced)
        return False
    return True


def _stored_digests(conn: sqlite3.Connection, context: str) -> dict[int, dict[str, str]]:
    """{file id: {rule code: rule digest}} of the results stored under `context`."""
    query = "SELECT file_id, rules FROM lint_files WHERE context = ?"
    return {file_id: json.loads(rules) for file_id, rules in conn.execute(query, (context,))}


def _stored_findings(conn: sqlite3.Connection, context: str) -> Iterator[tuple[int, bytes]]:
    """Each stored file's packed findings under `context`, one file at a time."""
    yield from conn.execute("SELECT file_id, findings FROM lint_files WHERE context = ?", (context,))


def repeated_keys(store: Any, plan: LintPlan, files: Mapping[int, int] | None = None) -> Iterator[Finding]:
    """Findings of the keyed `unique` rules: every row (of `files`, when given) whose key an earlier row (in
    file and row order) has."""
    keyed = {rule.code: rule for rule in plan.rules if is_keyed(rule)}
    if not keyed:
        return
    marks = ",".join("?" * len(keyed))
    query = (
        "SELECT k.rule, k.key, k.file_id, k.position FROM lint_keys k JOIN files f ON f.id = k.file_id"
        f" WHERE k.rule IN ({marks}) AND (k.rule, k.key) IN"
        f" (SELECT rule, key FROM lint_keys WHERE rule IN ({marks}) GROUP BY rule, key HAVING COUNT(*) > 1)"
        " ORDER BY k.rule, k.key, f.given_path, k.position")
    rows = store.conn.execute(query, [*keyed, *keyed]).fetchall()
    firsts = {(code, key): (file_id, position) for code, key, file_id, position in reversed(rows)}
    wanted = {(file_id, position) for code, key, file_id, position in rows
              if files is None or file_id in files or firsts[(code, key)] == (file_id, position)}
    with collector_paused():  # the repeated rows' matters stay alive while their findings are made (gcpause)
        matters = _matters_at(store, wanted)
        for code, key, file_id, position in rows:
            if (file_id, position) == firsts[(code, key)] or (files is not None and file_id not in files):
                continue
            matter, first = matters.get((file_id, position)), matters.get(firsts[(code, key)])
            if matter is not None and first is not None:
                yield _repeat_finding(keyed[code], matter, first.source, plan)


def _matters_at(store: Any, places: set[tuple[int, int]]) -> dict[tuple[int, int], Matter]:
    """The matters at (file id, position) places, each file read once (the cyclic collector paused throughout:
    once per batch of a file's matters, it walked every matter kept so far again)."""
    by_file: dict[int, set[int]] = {}
    for file_id, position in places:
        by_file.setdefault(file_id, set()).add(position)
    found: dict[tuple[int, int], Matter] = {}
    with collector_paused():
        for file_id, positions in by_file.items():
            if len(positions) <= _FEW:  # a few rows: each by its position (SQLite skips the others unread)
                for position in positions:
                    if (matter := store.matter_at(file_id, position)) is not None:
                        found[(file_id, position)] = matter
                continue
            for position, matter in enumerate(store.iter_file_matters(file_id)):
                if position in positions:
                    found[(file_id, position)] = matter
    return found


_FEW = 32


def _repeat_finding(rule: Rule, matter: Matter, first: Location, plan: LintPlan) -> Finding:
    ctx = check_context([matter], code_tables=plan.code_tables, registry=plan.registry, lang=plan.lang)
    hit = unique.repeat_hit(rule.params, ctx, 0, first)
    return make_finding(rule, hit, message_template(rule), matter, plan.registry, plan.lang)
