"""docs/elements.md is generated from the registry and must not drift from it."""

from pathlib import Path

from matterkit.cli.elements import elements_markdown

DOC = Path(__file__).resolve().parent.parent / "docs" / "elements.md"


def test_elements_doc_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == elements_markdown(), (
        "docs/elements.md is stale: run `matterkit elements --format markdown -o docs/elements.md`")


def test_every_canonical_key_of_the_conventions_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for key in ("name", "type", "base_code", "impl_code", "body_code", "legal_limit", "promised_limit",
                "materials", "complaint_phone", "online_depth", "accountability"):
        assert f"`{key}`" in text
