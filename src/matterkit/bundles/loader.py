"""Reading bundle definitions: YAML validated against `bundle.schema.json`, `extends` resolved.

A definition may extend another (a file name looked up in the workspace's `bundles/`, then in the shipped
`bundles/` folder, exactly like rule packs; or a path). The extending file's top-level keys replace the
parent's; its members override the parent's member of the same id key by key, new ids are appended, and
`remove:` drops parent members. Mistakes are `ConfigError`s naming file, line and key.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from matterkit.bundles.definition import BundleDefinition, Member
from matterkit.errors import ConfigError
from matterkit.lint.packs import find_pack, plain_data
from matterkit.yamlio import line_of, load_yaml, validate

SCHEMA = "bundle.schema.json"
FOLDER = "bundles"
WHAT = "一件事定义 / bundle definition"
SCALARS = ("bundle", "code", "example", "description", "lead", "target", "flow", "promised_limit", "visits")
LISTS = ("cooperating", "levels", "situations")
MEMBER_KEYS = ("code", "name", "required", "situation", "levels", "stage", "department")


def load_workspace_bundles(root: Path) -> list[BundleDefinition]:
    """The bundles of a workspace (`bundles/*.yaml`, by file name); none when the folder is absent."""
    folder = root / FOLDER
    if not folder.is_dir():
        return []
    return [load_bundle(path, root) for path in sorted(folder.glob("*.yaml"))]


def load_bundle(path: Path, base_dir: Path | None = None) -> BundleDefinition:
    """One definition with what it extends resolved; `base_dir` is the workspace root (for `extends`)."""
    return _resolve(Path(path), base_dir, stack=[])


def _resolve(path: Path, base_dir: Path | None, stack: list[Path]) -> BundleDefinition:
    resolved = path.resolve()
    if resolved in stack:
        raise ConfigError("一件事定义循环继承 / bundles extend each other in a cycle: "
                          + " → ".join(p.name for p in [*stack, resolved]), path=str(path))
    document = load_yaml(path)
    if not isinstance(document, Mapping):
        raise ConfigError("一件事定义应为映射 / a bundle definition is a mapping", path=str(path), line=1)
    validate(document, SCHEMA, path)
    parent = None
    if "extends" in document:
        try:
            parent_path = find_pack(str(document["extends"]), base_dir, FOLDER, WHAT)
        except ConfigError as exc:
            raise ConfigError(str(exc), path=str(path), line=line_of(document, ["extends"]), key="extends") from None
        parent = _resolve(parent_path, base_dir, [*stack, resolved])
    return _apply(parent, document, path)


def _apply(parent: BundleDefinition | None, document: Any, path: Path) -> BundleDefinition:
    bundle = _start(parent, str(path))
    for key in (*SCALARS, *LISTS):
        if key in document:
            value = plain_data(document[key])
            setattr(bundle, "name" if key == "bundle" else key, list(value) if key in LISTS else value)
            bundle.lines[key] = (str(path), line_of(document, [key]))
    members = {member.id: member for member in bundle.members}
    for index, raw in enumerate(document.get("members", ())):
        member = _member(plain_data(raw), members, str(path), line_of(document, ["members", index]))
        members[member.id] = member
    for index, member_id in enumerate(document.get("remove", ())):
        if members.pop(str(member_id), None) is None:
            raise ConfigError(f"要去掉的成员不存在 / no member {member_id!r} to remove", path=str(path),
                              line=line_of(document, ["remove", index]), key=f"remove.{index}",
                              expected=" | ".join(members) or None)
    bundle.members = list(members.values())
    if "extends" in document:
        bundle.extends = [str(document["extends"]), *bundle.extends]
    return bundle


def _start(parent: BundleDefinition | None, path: str) -> BundleDefinition:
    """The parent's values to override (a fresh copy), or an empty definition."""
    if parent is None:
        return BundleDefinition(name="", path=path, lines={})
    return BundleDefinition(**{**parent.__dict__, "path": path, "example": False, "lines": dict(parent.lines),
                               "members": list(parent.members), "cooperating": list(parent.cooperating),
                               "levels": list(parent.levels), "situations": list(parent.situations),
                               "extends": list(parent.extends)})


def _member(raw: dict[str, Any], members: dict[str, Member], path: str, line: int | None) -> Member:
    """A member, or the parent's member of the same id with the keys given here replaced."""
    member_id = str(raw.get("id") or raw.get("code") or raw.get("name"))
    values: dict[str, Any] = {}
    if member_id in members:
        previous = members[member_id]
        values = {key: getattr(previous, key) for key in MEMBER_KEYS}
    values.update({key: raw[key] for key in MEMBER_KEYS if key in raw})
    if not values.get("code") and not values.get("name"):
        raise ConfigError(f"成员需要 code 或 name / member {member_id!r} needs a code or a name", path=path,
                          line=line, key="members")
    values["levels"] = tuple(values.get("levels") or ())
    return Member(id=member_id, path=path, line=line, **values)


def bundle_from_mapping(document: Mapping[str, Any], path: str) -> BundleDefinition:
    """A definition given as data (a rule's example), validated like a file; it extends nothing."""
    validate(document, SCHEMA, Path(path))
    return _apply(None, document, Path(path))


def find_bundle(bundles: list[BundleDefinition], ref: str) -> BundleDefinition:
    """The bundle whose code, name or file name (without .yaml) is `ref`."""
    for bundle in bundles:
        if ref in (bundle.code, bundle.name, Path(bundle.path).stem):
            return bundle
    raise ConfigError(f"找不到一件事 / no bundle {ref!r}",
                      expected=" | ".join(b.code or b.name for b in bundles) or "bundles/*.yaml")
