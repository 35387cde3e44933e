"""The offline guide website: index, guide pages, escaping, QR codes, reproducible output."""

from __future__ import annotations

import re
from pathlib import Path

from matterkit.publish import PublishResult, publish_all
from test_publish_samples import HOSTILE_MATERIAL, STAMP, hostile, sample_county

BASE_URL = "https://zwfw.example.gov.cn/guides/"


def _publish(tmp_path: Path, **kwargs: object) -> PublishResult:
    return publish_all(sample_county() + [hostile()], out_dir=tmp_path / "out", base_url=BASE_URL,
                       formats=["html"], stamp=STAMP, **kwargs)  # type: ignore[arg-type]


def test_index_groups_guides_by_level_then_department_then_type(tmp_path: Path) -> None:
    result = _publish(tmp_path)
    html = result.site_index.read_text(encoding="utf-8")  # type: ignore[union-attr]
    order = [html.index(text) for text in ("县级", "县卫生健康局", "县民政局", "乡镇级", "青山镇人民政府", "村级")]
    assert order == sorted(order)
    assert "公共场所卫生许可" in html and "个体工商户登记注册（设立）" in html


def test_punishments_and_inspections_get_no_guide(tmp_path: Path) -> None:
    result = _publish(tmp_path)
    html = result.site_index.read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert "处罚" not in html and "监督检查" not in html
    assert result.guides == 8


def test_guide_page_has_every_section_and_the_materials_table(tmp_path: Path) -> None:
    _publish(tmp_path)
    page = tmp_path / "out/guides/county/县卫生健康局/公共场所卫生许可.html"
    html = page.read_text(encoding="utf-8")
    for heading in ("基本信息", "设定依据", "受理条件", "申请材料", "办理流程", "办理时限", "收费标准和依据",
                    "办理地点和时间", "咨询和监督投诉", "到办事现场次数", "网上办理", "通办范围", "办理结果"):
        assert f"<h2>{heading}</h2>" in html
    assert "当场办结" in html and "20个工作日" in html
    assert "一、取得营业执照" in html
    assert "<td>卫生许可告知承诺书</td>" in html and "<td>复印件</td>" in html
    assert 'href="../../assets/site.css"' in html


def test_each_guide_carries_a_qr_code_pointing_at_its_public_url(tmp_path: Path) -> None:
    result = _publish(tmp_path)
    page = tmp_path / "out/guides/county/县卫生健康局/公共场所卫生许可.html"
    assert "<svg" in page.read_text(encoding="utf-8")
    assert result.guides == len(list((tmp_path / "out/guides").rglob("*.html"))) - 1


def test_values_from_input_come_out_inert(tmp_path: Path) -> None:
    _publish(tmp_path)
    site = tmp_path / "out/guides"
    pages = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")]
    joined = "\n".join(pages)
    assert "<script>alert(1)" not in joined
    assert "&lt;script&gt;alert(1)&lt;/script&gt;恶意事项" in joined
    assert "<img src=x" not in joined
    assert HOSTILE_MATERIAL.replace('"', "&#34;") in joined
    for page in site.rglob("*.html"):
        assert "<" not in page.name and ">" not in page.name


def test_same_input_gives_byte_identical_site_and_the_stamp_is_the_only_difference(tmp_path: Path) -> None:
    first = _publish(tmp_path / "a")
    second = _publish(tmp_path / "b")
    names = sorted(p.relative_to(first.out_dir) for p in first.written)
    assert names == sorted(p.relative_to(second.out_dir) for p in second.written)
    for name in names:
        assert (first.out_dir / name).read_bytes() == (second.out_dir / name).read_bytes(), name
    later = publish_all(sample_county() + [hostile()], out_dir=tmp_path / "c", base_url=BASE_URL,
                        formats=["html"], stamp=STAMP.replace(hour=9))
    changed = [n for n in names if (first.out_dir / n).read_bytes() != (later.out_dir / n).read_bytes()]
    assert changed == [Path("guides/index.html")]


def test_a_workspace_template_overrides_the_bundled_one(tmp_path: Path) -> None:
    own = tmp_path / "templates/site"
    own.mkdir(parents=True)
    (own / "site.css").write_text("body { color: green; }\n", encoding="utf-8")
    result = _publish(tmp_path, templates_dir=tmp_path / "templates")
    assert (result.out_dir / "guides/assets/site.css").read_text(encoding="utf-8") == "body { color: green; }\n"


def test_a_guide_removed_from_the_catalogue_disappears_from_the_site(tmp_path: Path) -> None:
    _publish(tmp_path)
    removed = tmp_path / "out/guides/county/县卫生健康局/公共场所卫生许可.html"
    assert removed.exists()
    publish_all(sample_county()[1:], out_dir=tmp_path / "out", base_url=BASE_URL, formats=["html"], stamp=STAMP)
    assert not removed.exists()
    assert re.search("个体工商户", (tmp_path / "out/guides/index.html").read_text(encoding="utf-8"))


def test_publishing_only_the_list_keeps_the_site_from_before(tmp_path: Path) -> None:
    _publish(tmp_path)
    publish_all(sample_county(), out_dir=tmp_path / "out", formats=["list"], stamp=STAMP)
    assert (tmp_path / "out/guides/county/县卫生健康局/公共场所卫生许可.html").exists()
    assert (tmp_path / "out/权责清单.xlsx").exists()


def test_guides_with_the_same_title_in_one_department_get_their_own_files(tmp_path: Path) -> None:
    from test_publish_samples import hygiene_permit

    first = hygiene_permit()
    second = first.model_copy(update={"body": "县卫生健康局综合监督执法局", "impl_code": "X2"})
    third = first.model_copy(update={"body": None, "impl_code": "X3"})
    result = publish_all([first, second, third], out_dir=tmp_path, formats=["html"], stamp=STAMP)
    pages = sorted(p.name for p in (tmp_path / "guides/county/县卫生健康局").iterdir())
    assert result.guides == 3 and len(pages) == 3
    assert "公共场所卫生许可.html" in pages and "公共场所卫生许可-县卫生健康局综合监督执法局.html" in pages


def test_site_title_names_the_county_unless_configured(tmp_path: Path) -> None:
    from matterkit.publish import config_from_section

    config = config_from_section({}, tmp_path, county="青山县")
    result = publish_all(sample_county(), out_dir=tmp_path / "out", formats=["html"], config=config, stamp=STAMP)
    assert "<title>青山县政务服务事项办事指南</title>" in result.site_index.read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert config_from_section({"title": "办事指南"}, tmp_path, county="青山县").title == "办事指南"
