"""Writing the national exchange layout: a JSON document (`matterkit.national/1`, materials and fee items
nested in their matter) or a workbook of three sheets named after the national tables — `task` (the
matters), `material` and `fee_project` (linked to their matter by `task_guid`, ordered by `order_num`) —
each with the field names in row 1 and their Chinese comments in row 2. `national_read` reads both back."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from matterkit.exchange.national import MATTER_ID, ORDER, SCHEMA, NationalSchema
from matterkit.model import Matter
from matterkit.render import xlsxout


def records(matters: Iterable[Matter], schema: NationalSchema) -> Iterator[dict[str, Any]]:
    for number, matter in enumerate(matters, 1):
        yield {MATTER_ID: str(number), **schema.to_record(matter)}


def json_chunks(matters: Iterable[Matter], schema: NationalSchema) -> Iterator[str]:
    """The JSON document, streamed."""
    fields = {"matter": [f.name for f in schema.matter], "material": [f.name for f in schema.material],
              "fee_project": [f.name for f in schema.fee]}
    yield '{"schema": ' + json.dumps(SCHEMA) + ', "fields": ' + json.dumps(fields) + ', "matters": ['
    for index, record in enumerate(records(matters, schema)):
        yield ("\n" if index == 0 else ",\n") + json.dumps(record, ensure_ascii=False)
    yield "\n]}\n"


def write_xlsx(matters: Iterable[Matter], schema: NationalSchema, target: Path) -> int:
    """The three sheets; returns the number of matters. Materials and fees are gathered while the matters
    stream, one row each."""
    materials: list[list[Any]] = []
    fees: list[list[Any]] = []

    def matter_rows() -> Iterator[list[Any]]:
        yield [f.zh for f in schema.matter] + ["事项唯一标识"]
        for record in records(matters, schema):
            guid = record[MATTER_ID]
            materials.extend([guid, m[ORDER], *(m[f.name] for f in schema.material)] for m in record["materials"])
            fees.extend([guid, i[ORDER], *(i[f.name] for f in schema.fee)] for i in record["fee_projects"])
            yield [record[f.name] for f in schema.matter] + [guid]

    workbook = xlsxout.new_workbook()
    count = xlsxout.add_table_sheet(workbook, "task", [f.name for f in schema.matter] + [MATTER_ID], matter_rows())
    for title, fields, rows in (("material", schema.material, materials), ("fee_project", schema.fee, fees)):
        labels = ["事项唯一标识", "排序", *(f.zh for f in fields)]
        xlsxout.add_table_sheet(workbook, title, [MATTER_ID, ORDER, *(f.name for f in fields)], [labels, *rows])
    xlsxout.save(workbook, target)
    return count - 1
