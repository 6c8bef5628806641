"""The report's figures as an Excel workbook: one sheet per figure, numbers as numbers."""

import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.exports import neutralise_cell

from .figures import Report


def sheet_name(title: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    name = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31]
    base, number = name, 2
    while name in taken:
        suffix = f" {number}"
        name = base[: 31 - len(suffix)] + suffix
        number += 1
    taken.add(name)
    return name


def report_workbook(report: Report, scope: str) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for figure in report.figures:
        sheet = workbook.create_sheet(sheet_name(figure.title, taken))
        sheet.append([figure.title])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([_("%(year)s, %(scope)s") % {"year": report.year, "scope": scope}])
        sheet.append([figure.description])
        sheet.append([])
        sheet.append([str(column) for column in figure.columns])
        for cell in sheet[5]:
            cell.font = Font(bold=True)
        for row in figure.rows:
            sheet.append(
                [value if isinstance(value, int) else neutralise_cell(value) for value in row]
            )
        for note in figure.notes:
            sheet.append([])
            sheet.append([note])
        sheet.column_dimensions["A"].width = 48
        for index in range(2, len(figure.columns) + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 14
        sheet.freeze_panes = "A6"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
