"""Benchmark: near-duplicate detection over 50,000 matter names (the issue asks for seconds).

Run: python bench/bench_near_duplicates.py [--names 50000] [--departments 25]

Names are made from a vocabulary of objects, actions and endings, spread over departments; one name in
fifty gets a planted twin (an added suffix such as 证核发, or one character changed). The script reports the
time taken and how many planted twins were found.
"""

from __future__ import annotations

import argparse
import random
import time

from matterkit.diff.config import DEFAULT_SUFFIXES
from matterkit.diff.matching import match_matters
from matterkit.diff.near import near_duplicates
from matterkit.model import Location, Matter

OBJECTS = ["食品经营", "药品经营", "公共场所卫生", "建设工程规划", "城乡最低生活保障", "临时救助", "残疾人", "老年人优待",
           "个体工商户", "农村宅基地", "道路运输", "林木采伐", "取水", "排污", "烟草专卖零售", "出版物零售", "放射诊疗",
           "医疗机构执业", "特种设备使用", "危险化学品经营", "娱乐场所", "网吧经营", "民办学校", "劳务派遣", "人力资源服务",
           "建筑施工", "房地产开发", "物业服务", "燃气经营", "渔业捕捞", "动物防疫", "兽药经营", "农药经营", "种子生产经营",
           "水土保持", "河道采砂", "户外广告", "城市绿化", "占用道路", "挖掘道路", "犬只养殖", "殡葬", "婚姻", "收养"]
QUALIFIERS = ["", "乡村", "城镇", "临时", "小型", "大型", "跨区域", "季节性", "流动", "固定", "新设", "异地", "集体", "个人",
              "企业", "涉外", "二类", "三类", "一级", "二级"]
ACTIONS = ["许可", "审批", "备案", "登记", "认定", "核准", "确认", "检查", "补贴发放", "年检", "变更", "注销", "延续",
           "证核发", "资格认定", "信息变更", "补办", "换证", "初审", "复核"]
CHARACTERS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


def make_names(count: int, departments: int, rng: random.Random) -> tuple[list[Matter], set[frozenset[str]]]:
    rows: list[Matter] = []
    planted: set[frozenset[str]] = set()
    for index in range(count):
        department = f"县第{index % departments + 1}局"
        name = (rng.choice(QUALIFIERS) + rng.choice(OBJECTS) + rng.choice(CHARACTERS) + rng.choice(CHARACTERS)
                + rng.choice(ACTIONS))
        rows.append(_row(name, department, f"B{index:06d}", index))
        if index % 50 == 0:
            twin = name + rng.choice(["证核发", "办理", "审批"]) if index % 100 == 0 else name[:-1] + "办"
            rows.append(_row(twin, department, f"T{index:06d}", index))
            planted.add(frozenset((name, twin)))
    return rows, planted


def _row(name: str, department: str, code: str, index: int) -> Matter:
    return Matter(name=name, base_code=code, department=department, list_level="county", list_body=department,
                  source=Location(file="bench.xlsx", sheet="清单", row=index + 2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--names", type=int, default=50_000)
    parser.add_argument("--departments", type=int, default=25)
    parser.add_argument("--threshold", type=float, default=90.0)
    args = parser.parse_args()
    rows, planted = make_names(args.names, args.departments, random.Random(2026))
    start = time.perf_counter()
    groups = match_matters(rows)
    pairs = list(near_duplicates(groups, suffixes=DEFAULT_SUFFIXES, threshold=args.threshold))
    elapsed = time.perf_counter() - start
    paired = {frozenset((d.left.value, d.right.value)) for d in pairs if d.left and d.right}
    print(f"{len(rows)} names in {args.departments} departments: {len(pairs)} near-duplicate pairs in "
          f"{elapsed:.2f} s; planted twins found: {len(planted & paired)} of {len(planted)}")


if __name__ == "__main__":
    main()
