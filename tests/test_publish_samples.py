"""Sample matters of a small county, built in code, shared by the publish and stats tests (no tests here)."""

from __future__ import annotations

from datetime import UTC, datetime

from matterkit.model import FeeItem, Location, Material, Matter

STAMP = datetime(2026, 11, 21, 8, 0, 0, tzinfo=UTC)
HOSTILE_NAME = "<script>alert(1)</script>恶意事项"
HOSTILE_MATERIAL = '=HYPERLINK("http://evil.example","点我")'


def _matter(row: int, **values: object) -> Matter:
    sheet = values.pop("sheet", "Sheet1")
    file = values.pop("file", "县级部门/清单.xlsx")
    values.setdefault("list_level", "county")
    values.setdefault("status", "在用")
    return Matter(source=Location(file=str(file), sheet=str(sheet), row=row), **values)  # type: ignore[arg-type]


def hygiene_permit() -> Matter:
    return _matter(
        3, name="公共场所卫生许可", type="行政许可", base_code="000123020000",
        impl_code="11330000000000000X4000123020000", department="县卫生健康局", body="县卫生健康局",
        body_nature="法定机关", level=["县级"], power_source="法定本级行使", target=["企业法人", "自然人"],
        case_type="即办件", legal_basis="《公共场所卫生管理条例》第四条", legal_limit=20, promised_limit=0,
        conditions="取得营业执照\n有与经营规模相适应的卫生设施",
        process="申请\n受理\n审查\n决定", visits=1, online=True, online_depth=["互联网咨询", "互联网受理"],
        online_url="https://zwfw.example.gov.cn/", channels=["窗口办理", "网上办理"], scope="全县",
        fee=False, location="县政务服务中心二楼12号窗口", hours="工作日 9:00-17:00",
        phone="0571-12345678", complaint_phone="0571-12345000", result_type="证照",
        result_name="公共场所卫生许可证",
        materials=[
            Material(name="卫生许可告知承诺书", necessity="必要", kind="原件", medium="纸质", copies=1,
                     source="申请人自备"),
            Material(name="法定代表人身份证明", necessity="必要", kind="复印件", medium="纸质", copies=1,
                     source="政府部门核发"),
            Material(name="卫生管理制度", necessity="必要", kind="原件", medium="电子"),
        ])


def business_registration(item: str, code_suffix: str, row: int) -> Matter:
    return _matter(
        row, name="个体工商户登记注册", item_name=item, type="行政许可", base_code="000131128000",
        item_code=f"000131128000{code_suffix}", main_item="个体工商户登记注册", department="县市场监督管理局",
        body="县市场监督管理局", case_type="承诺件", legal_limit=15, promised_limit=3, visits=0,
        legal_basis="《市场主体登记管理条例》\n《促进个体工商户发展条例》", fee=True,
        fees=[FeeItem(name="工本费", standard="0元", basis="国家规定")],
        materials=[Material(name="个体工商户登记申请书", necessity="必要", kind="原件", medium="纸质", copies=1)])


def minimum_living_allowance(level: str = "county", body: str = "县民政局") -> Matter:
    values: dict[str, object] = {"list_level": level, "list_body": body}
    if level == "township":
        values["file"] = "乡镇/青山镇.xlsx"
    return _matter(
        5 if level == "county" else 4, name="城乡最低生活保障对象认定", type="行政给付",
        base_code="000105001000", department="县民政局", body=body, case_type="承诺件",
        legal_limit=30, promised_limit=20, visits=1,
        legal_basis="《社会救助暂行办法》(国务院令第649号)第九条、第十一条",
        process="申请\n乡镇调查核实\n民主评议\n公示\n乡镇审核\n县审批",
        responsibilities="1.受理责任：依法受理低保申请。", accountability=None,
        materials=[Material(name="申请表", necessity="必要"), Material(name="身份证", necessity="必要"),
                   Material(name="户口本", necessity="必要", kind="原件和复印件"),
                   Material(name="家庭经济状况核查授权书", necessity="必要")], **values)


def penalty() -> Matter:
    return _matter(6, name="对公共场所经营者未取得卫生许可证的处罚", type="行政处罚", base_code="000223020001",
                   department="县卫生健康局", body="县卫生健康局", legal_basis="《公共场所卫生管理条例》第十四条")


def inspection() -> Matter:
    return _matter(7, name="对公共场所卫生的监督检查", type="行政检查", base_code="000623020001",
                   department="县卫生健康局", body="县卫生健康局", legal_basis="《公共场所卫生管理条例》第十条")


def pension_registration_village() -> Matter:
    return _matter(2, name="城乡居民基本养老保险参保登记", type="公共服务", base_code="000400101000",
                   department="县人力资源和社会保障局", body="青山村村民委员会", list_level="village",
                   list_body="青山村", file="村社区/青山村.xlsx", case_type="承诺件", legal_limit=3,
                   promised_limit=3, visits=1,
                   materials=[Material(name="身份证", necessity="必要"), Material(name="户口簿", necessity="必要"),
                              Material(name="参保登记表", necessity="必要")])


def hostile() -> Matter:
    return _matter(9, name=HOSTILE_NAME, type="行政确认", base_code="000799999000", department="县卫生健康局",
                   body='县卫生健康局"/><img src=x onerror=alert(2)>', conditions=HOSTILE_MATERIAL,
                   responsibilities=HOSTILE_MATERIAL, case_type="即办件", legal_limit=5, promised_limit=0,
                   materials=[Material(name=HOSTILE_MATERIAL, necessity="必要")])


def sample_county() -> list[Matter]:
    return [
        hygiene_permit(),
        business_registration("设立", "01", 10), business_registration("变更", "02", 11),
        business_registration("注销", "03", 12),
        minimum_living_allowance(), minimum_living_allowance("township", "青山镇人民政府"),
        penalty(), inspection(), pension_registration_village(),
    ]
