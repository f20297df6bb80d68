#!/usr/bin/env python3
"""Writes tests/fixtures/biff8-xlwt-realisasi.xls: the sample realisation table as a BIFF8
workbook of the kind xlwt writes (one CFB container, a Workbook stream, an SST, LABELSST,
NUMBER and RK records, one sheet per input sheet), values only. The mutation tests and the
.xls reproduction of issue 18 start from it.

    pip install xlwt openpyxl
    python3 scripts/make-xls-fixture.py
"""
import pathlib

import openpyxl
import xlwt

root = pathlib.Path(__file__).resolve().parent.parent
source = root / "samples" / "realisasi-2023.xlsx"
target = root / "tests" / "fixtures" / "biff8-xlwt-realisasi.xls"

book = openpyxl.load_workbook(source, data_only=True)
out = xlwt.Workbook(encoding="utf-8")
for sheet in book.worksheets:
    page = out.add_sheet(sheet.title[:31])
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            value = cell.value
            if not isinstance(value, (int, float, str, bool)):
                value = str(value)
            page.write(cell.row - 1, cell.column - 1, value)
out.save(str(target))
print(target, target.stat().st_size, "bytes")
