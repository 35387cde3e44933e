"""The fictional county: its departments, townships and villages, each with a valid credit code.

青山县 in the fictional 示例省示例市. Area code 519925 has the GB/T 2260 form (province 51, prefecture 99,
county 25) but no prefecture 99 exists, so it names no real place.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from matterkit.codes import credit_code_check_char, org_code_check_char

PROVINCE, CITY, COUNTY = "示例省", "示例市", "青山县"
AREA_CODE = "519925"
PHONE_AREA = "0799"

# (township name, villages) — names ending in 街道 are sub-districts whose villages are 社区.
TOWNSHIPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("城关镇", ("青溪村", "南门村", "北岭村", "马岗村", "茶园村")),
    ("青石镇", ("石桥村", "上坪村", "下坪村", "枫树村", "大屋村")),
    ("柳溪乡", ("柳溪村", "黄泥村", "竹山村", "高坑村", "杨家村")),
    ("白沙镇", ("白沙村", "沙洲村", "鹅湖村", "新塘村", "梅岭村")),
    ("龙泉镇", ("龙泉村", "泉水村", "李家村", "樟树村", "横岭村")),
    ("桃源乡", ("桃源村", "坪上村", "山背村", "河口村", "官庄村")),
    ("东城街道", ("滨河社区", "东门社区", "文化社区", "新华社区", "朝阳社区")),
    ("西城街道", ("西门社区", "府前社区", "花园社区", "解放社区", "和平社区")),
    ("石门镇", ("石门村", "塘边村", "老屋村", "罗坊村", "田心村")),
    ("双河乡", ("双河村", "河背村", "陈家村", "洋田村", "岭下村")),
    ("枫林镇", ("枫林村", "湖田村", "坳头村", "长富村", "水口村")),
    ("云岭乡", ("云岭村", "云峰村", "西坑村", "排上村", "坪山村")),
)


@dataclass
class Body:
    """One implementing body, the owner of one list file."""

    name: str
    level: str  # county | township | village
    credit_code: str
    short: str  # the name used for its file: 市场监督管理局, 青石镇, 青石镇石桥村
    generic: str | None = None  # catalogue department kind, for county departments
    township: Body | None = None  # for villages
    phone: str = ""
    file: str = ""  # relative posix path, filled by the layout step
    extras: dict[str, str] = field(default_factory=dict)

    @property
    def level_label(self) -> str:
        return {"county": "县级", "township": "乡镇级", "village": "村级"}[self.level]


def make_credit_code(rng: random.Random, authority: str, category: str, area_code: str = AREA_CODE) -> str:
    """A credit code with valid GB 11714 and GB 32100 check characters and a random organisation code."""
    org8 = "".join(rng.choice("0123456789") for _ in range(8))
    first17 = authority + category + area_code + org8 + org_code_check_char(org8)
    return first17 + credit_code_check_char(first17)


def build_bodies(rng: random.Random, departments: list[str]) -> list[Body]:
    """County departments (one per catalogue department), townships, villages — in a fixed order.

    Authorities and categories: 11 (机构编制, 机关) for departments and township governments; 54 for
    村民委员会 and 55 for 居民委员会 (基层群众性自治组织 — our assumption of the usual prefixes).
    """
    bodies: list[Body] = []
    seen_codes: set[str] = set()

    def code(authority: str, category: str) -> str:
        while True:
            candidate = make_credit_code(rng, authority, category)
            if candidate not in seen_codes:
                seen_codes.add(candidate)
                return candidate

    for generic in departments:
        bodies.append(Body(name=COUNTY + generic, level="county", credit_code=code("1", "1"), short=generic,
                           generic=generic, phone=_phone(rng)))
    for township_name, villages in TOWNSHIPS:
        township = township_body(COUNTY, township_name, code, lambda: _phone(rng))
        bodies.append(township)
        bodies.extend(village_body(township, village, code, lambda: _phone(rng)) for village in villages)
    return bodies


CodeMaker = Callable[[str, str], str]  # (registration authority, category) -> a new unique credit code


def township_body(county: str, township_name: str, code: CodeMaker, phone: Callable[[], str]) -> Body:
    """A township's government (a 街道's 办事处); the credit code is drawn before the phone."""
    government = f"{county}{township_name}{'办事处' if township_name.endswith('街道') else '人民政府'}"
    return Body(name=government, level="township", credit_code=code("1", "1"), short=township_name, phone=phone())


def village_body(township: Body, village: str, code: CodeMaker, phone: Callable[[], str]) -> Body:
    """A village's 村民委员会 (a community's 居民委员会) under its township."""
    community = village.endswith("社区")
    return Body(name=f"{township.short}{village}{'居民委员会' if community else '村民委员会'}", level="village",
                credit_code=code("5", "5" if community else "4"), short=township.short + village,
                township=township, phone=phone())


def _phone(rng: random.Random) -> str:
    return f"{PHONE_AREA}-6{rng.randrange(100000, 1000000)}"
