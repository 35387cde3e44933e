"""The bundled example province catalogue and the catalogue loader."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import openpyxl
import pytest

from matterkit.catalogue import CatalogueIndex, default_catalogue_path, impl_code_base, load_catalogue
from matterkit.codetables import default_code_tables
from matterkit.elements import default_registry
from matterkit.errors import ConfigError
from matterkit.model import Matter
from matterkit.yamlio import load_plain_yaml, schema


@pytest.fixture(scope="module")
def catalogue() -> list[Matter]:
    return load_catalogue(default_catalogue_path(), default_registry(), default_code_tables())


def _load(path: Path) -> list[Matter]:
    return load_catalogue(path, default_registry(), default_code_tables())


def test_example_catalogue_has_enough_matters_and_departments(catalogue: list[Matter]) -> None:
    entries = load_plain_yaml(default_catalogue_path())["matters"]
    assert len(entries) >= 150
    assert len({e["department"] for e in entries}) >= 15
    assert len(catalogue) == len(entries) + 2  # 个体工商户登记注册 has three handling items


def test_every_base_code_is_twelve_digits_and_unique() -> None:
    codes = [e["base_code"] for e in load_plain_yaml(default_catalogue_path())["matters"]]
    assert all(re.fullmatch(r"\d{12}", code) for code in codes)
    assert len(codes) == len(set(codes))


def test_real_matters_keep_their_real_codes(catalogue: list[Matter]) -> None:
    by_code = {m.base_code: m for m in catalogue}
    assert by_code["000123020000"].name == "公共场所卫生许可"
    assert by_code["000123020000"].legal_basis == "《公共场所卫生管理条例》第四条"
    items = [(m.item_code, m.item_name) for m in catalogue if m.base_code == "000131128000"]
    assert items == [("00013112800001", "设立"), ("00013112800002", "变更"), ("00013112800003", "注销")]


def test_catalogue_covers_all_power_classes_and_public_services(catalogue: list[Matter]) -> None:
    types = {m.type for m in catalogue}
    assert set(default_code_tables().labels("matter_type")) - {"行政备案"} <= types


def test_penalties_and_inspections_have_no_materials(catalogue: list[Matter]) -> None:
    reduced = [m for m in catalogue if m.type in ("行政处罚", "行政检查")]
    assert reduced and all(not m.materials and m.case_type is None for m in reduced)
    assert all(m.name.startswith("对") and m.name.endswith("的处罚") for m in reduced if m.type == "行政处罚")


def test_township_and_village_standard_lists_have_sensible_sizes(catalogue: list[Matter]) -> None:
    index = CatalogueIndex(catalogue)
    assert 15 <= len(index.standard_list("乡镇级")) <= 25
    assert 8 <= len(index.standard_list("村级")) <= 12


def test_promised_limit_never_exceeds_legal_and_instant_cases_are_zero(catalogue: list[Matter]) -> None:
    for m in catalogue:
        if m.legal_limit is not None:
            assert m.promised_limit is not None and m.promised_limit <= m.legal_limit, m.name
            assert (m.case_type == "即办件") == (m.promised_limit == 0), m.name


def test_entries_carry_their_file_and_entry_number(catalogue: list[Matter]) -> None:
    assert catalogue[0].source.file == str(default_catalogue_path())
    assert catalogue[0].source.row == 1
    assert catalogue[-1].source.row == len(load_plain_yaml(default_catalogue_path())["matters"])


def test_index_matches_by_base_code_then_impl_code_then_folded_name(catalogue: list[Matter]) -> None:
    index = CatalogueIndex(catalogue)
    row = Matter(name="随便写的名称", base_code="000123020000", source={"file": "x.xlsx"})
    assert index.lookup(row)[1] == "base_code"
    row = Matter(name="随便写的名称", impl_code="12441500196720244T4000123020000", source={"file": "x.xlsx"})
    entry, how = index.lookup(row)
    assert how == "impl_code" and entry is not None and entry.name == "公共场所卫生许可"
    row = Matter(name="公共场所卫生许可 ", source={"file": "x.xlsx"})
    assert index.lookup(row)[1] == "name"
    assert index.lookup(Matter(name="不存在的事项", source={"file": "x.xlsx"})) == (None, None)


def test_a_row_named_exactly_like_another_matter_than_its_codes_is_that_matter_with_a_copied_code(
        catalogue: list[Matter]) -> None:
    """公共场所卫生许可's code on a row named 个体工商户登记注册 (a code copied from the row above): the row is
    个体工商户登记注册, found by its name, so that lint says the code differs rather than name, type and basis."""
    index = CatalogueIndex(catalogue)
    copied = Matter(name="个体工商户登记注册", base_code="000123020000", source={"file": "x.xlsx"})
    entry, how = index.lookup(copied)
    assert how == "name" and entry is not None and entry.base_code == "000131128000"
    typo = Matter(name="公共场所卫生许诺", base_code="000123020000", source={"file": "x.xlsx"})
    assert index.lookup(typo)[1] == "base_code"  # a name that is no other matter's: the code decides


def test_index_picks_the_handling_item_of_the_row(catalogue: list[Matter]) -> None:
    index = CatalogueIndex(catalogue)
    row = Matter(base_code="000131128000", item_code="00013112800003", source={"file": "x.xlsx"})
    entry, _ = index.lookup(row)
    assert entry is not None and entry.item_name == "注销"


def test_impl_code_base_only_reads_31_character_codes() -> None:
    assert impl_code_base("12441500196720244T3442199806003") == "442199806003"
    assert impl_code_base("12441500196720244T344219980600") is None
    assert impl_code_base(None) is None


CATALOGUE_HEAD = """catalogue:
  name: 测试目录
matters:
  - name: 公共场所卫生许可
    type: 行政许可
    base_code: "000123020000"
"""


def test_catalogue_with_unknown_key_names_file_line_and_key(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(CATALOGUE_HEAD + "    deparment: 卫生健康局\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        _load(path)
    assert info.value.path == str(path)
    assert info.value.line == 7
    assert "deparment" in str(info.value)


def test_catalogue_with_text_time_limit_is_rejected_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(CATALOGUE_HEAD + "    legal_limit: 二十个工作日\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        _load(path)
    assert info.value.line == 7 and info.value.key == "matters.0.legal_limit"


def test_catalogue_with_unknown_matter_type_lists_the_known_types(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(CATALOGUE_HEAD.replace("type: 行政许可", "type: 行政审核"), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        _load(path)
    assert info.value.line == 5 and info.value.expected and "行政许可" in info.value.expected


def test_catalogue_synonyms_become_canonical_labels(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(CATALOGUE_HEAD.replace("type: 行政许可", "type: 许可") + "    level: [县, 乡镇（街道）级]\n",
                    encoding="utf-8")
    [matter] = _load(path)
    assert matter.type == "行政许可" and matter.level == ["县级", "乡镇级"]


def test_catalogue_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(CATALOGUE_HEAD + "    level: [县级\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        _load(path)
    assert info.value.line is not None and info.value.line >= 7


def test_a_provinces_spreadsheet_catalogue_is_read_with_the_importer(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["示例省政务服务事项基本目录"])
    sheet.append(["序号", "事项名称", "事项类型", "基本编码", "设定依据", "行使层级"])
    sheet.append([1, "公共场所卫生许可", "行政许可", "000123020000", "《公共场所卫生管理条例》第四条", "县级"])
    sheet.append([2, "老年人优待证办理", "公共服务", "000112004000", "《中华人民共和国老年人权益保障法》第五十七条",
                  "县级、乡镇级、村级"])
    path = tmp_path / "省目录.xlsx"
    workbook.save(path)
    matters = _load(path)
    assert [(m.name, m.base_code) for m in matters] == [("公共场所卫生许可", "000123020000"),
                                                       ("老年人优待证办理", "000112004000")]
    assert matters[1].level == ["县级", "乡镇级", "村级"]
    assert matters[0].source.row == 3


def test_catalogue_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema("catalogue.schema.json"))


def test_catalogue_with_a_repeated_basic_code_names_the_second_entry(tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text(CATALOGUE_HEAD + CATALOGUE_HEAD.split("matters:\n", 1)[1].replace("公共场所卫生许可", "公共场所许可"),
                    encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        _load(path)
    assert info.value.line == 9 and info.value.key == "matters.1.base_code"


def test_an_edited_catalogue_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "edited.yaml"
    path.write_text(CATALOGUE_HEAD, encoding="utf-8")
    assert _load(path)[0].name == "公共场所卫生许可"
    path.write_text(CATALOGUE_HEAD.replace("公共场所卫生许可", "公共场所卫生许可（新）"), encoding="utf-8")
    assert _load(path)[0].name == "公共场所卫生许可（新）"


def test_loading_twice_gives_independent_matters(tmp_path: Path) -> None:
    path = tmp_path / "twice.yaml"
    path.write_text(CATALOGUE_HEAD, encoding="utf-8")
    first = _load(path)
    first[0].name = "改过的名称"
    assert _load(path)[0].name == "公共场所卫生许可"
