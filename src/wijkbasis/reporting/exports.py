"""The figures as CSV and XLSX: the same tables as the page, cell for cell.

CSV: semicolons and a byte-order mark, as Dutch spreadsheet programs expect; each table is its
caption, its header row, its rows and its notes, followed by an empty line. XLSX: one sheet per table,
shown numbers as numbers and "<5", "x" and "–" as text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

from wijkbasis.reporting.selectors import MunicipalityFigures, Table

#: A cell starting with one of these is a formula to a spreadsheet program.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def tables_of(report: Sequence[MunicipalityFigures]) -> Iterator[Table]:
    for municipality in report:
        yield municipality.per_wijk
        if municipality.over_time is not None:
            yield municipality.over_time


def table_rows(table: Table) -> list[list[str]]:
    """The header row and the rows of a table as the page shows them."""
    return [[column.label for column in table.columns]] + [
        [row.label, *(value.text for value in row.values)] for row in table.rows
    ]


def as_csv(report: Sequence[MunicipalityFigures]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for table in tables_of(report):
        writer.writerow([_safe(table.caption)])
        writer.writerows([[_safe(cell) for cell in row] for row in table_rows(table)])
        writer.writerows([[_safe(note)] for note in table.notes])
        writer.writerow([])
    return buffer.getvalue().encode("utf-8-sig")


def _sheet_title(caption: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", caption)[:28].strip() or "Cijfers"
    title, number = base, 1
    while title.lower() in used:
        number += 1
        title = f"{base[:25]} {number}"
    used.add(title.lower())
    return title


def as_xlsx(report: Sequence[MunicipalityFigures]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in tables_of(report):
        sheet = workbook.create_sheet(_sheet_title(table.caption, used))
        sheet.append([table.caption])
        sheet["A1"].font = Font(bold=True)
        sheet.append([column.label for column in table.columns])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            values: list[object] = [_safe(row.label)]
            values += [value.number if value.number is not None else value.text for value in row.values]
            sheet.append(values)
        if table.notes:
            sheet.append([])
        for note in table.notes:
            sheet.append([_safe(note)])
        sheet.column_dimensions["A"].width = max(12, *(len(row.label) + 2 for row in table.rows))
        for letter in "BCDEF"[: len(table.columns) - 1]:
            sheet.column_dimensions[letter].width = 18
    if not workbook.worksheets:
        workbook.create_sheet("Cijfers")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
