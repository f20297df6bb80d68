#!/usr/bin/env python3
"""Checks the arithmetic of the seed tables kept in samples/src/*.tsv.

Throwaway verifier behind the KNOWN MISMATCHES list in samples/README.md. It reads the
verbatim seed lines, recomputes every rule with exact decimals and prints each mismatch
with the cell it lands on in the generated workbook (layout mirrored from
examples/make_samples.rs: see LAYOUT).

    python3 samples/tools/check_seed.py [--seed /work/shared/seed/000_e7e659fee14ee82b.txt]

With --seed it also confirms that every table line in the TSV files occurs verbatim in
the seed text.
"""
import re
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

# file -> (sheet, first sheet row of the first block, first column index, blank rows between blocks)
LAYOUT = {
    "realisasi-2023.tsv": ("Realisasi 2023", 4, 0, 0),
    "evaluasi-renja-2023.tsv": ("Tabel 2.1", 5, 1, 1),
    "review-rkpd-2023.tsv": ("Review RKPD", 4, 0, 1),
    "rencana-2025.tsv": ("Rencana 2025", 3, 0, 1),
}


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


class Line:
    def __init__(self, block, kind, seed_line, row, cells, col0):
        self.block, self.kind, self.seed_line, self.row = block, kind, seed_line, row
        self.cells, self.col0 = cells, col0

    def cell(self, i):
        return f"{col_name(self.col0 + i)}{self.row}"

    def get(self, i):
        return self.cells[i] if i < len(self.cells) else ""


def load(name):
    sheet, row, col0, gap = LAYOUT[name]
    lines, block, first = [], -1, True
    for raw in (SRC / name).read_text(encoding="utf-8").split("\n"):
        if raw.startswith("#") or raw == "":
            continue
        if raw.startswith("@blok"):
            _, k, n, seed_line = raw.split()
            if not first:
                row += gap
            first = False
            block += 1
            heads, nums, seed_line = int(k), int(n), int(seed_line)
            idx = 0
            continue
        kind = "kepala" if idx < heads else "nomor" if idx < heads + nums else "data"
        lines.append(Line(block, kind, seed_line + idx, row, raw.split("\t"), col0))
        row += 1
        idx += 1
    return sheet, lines


def fmt(d):
    """Indonesian display: 1.234.567,89"""
    neg = d < 0
    q = abs(d).quantize(Decimal("0.01"))
    whole, frac = f"{q:.2f}".split(".")
    whole = f"{int(whole):,}".replace(",", ".")
    s = whole if frac == "00" else f"{whole},{frac}"
    return ("-" if neg else "") + s


def money(s):
    """'Rp. 5.636.089.563,00' / '1 541 063 680' / '28 684.032' -> Decimal (None if not a number)."""
    s = s.strip()
    s = re.sub(r"^Rp\.?\s*", "", s)
    if not re.fullmatch(r"[\d .]+(,\d+)?", s):
        return None
    whole, _, frac = s.partition(",")
    return Decimal(whole.replace(" ", "").replace(".", "") + ("." + frac if frac else ""))


def measure(s):
    """'150,77 Set' / '149,53' / '150%' / '0,26 PERSEN' -> Decimal (None if not a number)."""
    m = re.fullmatch(r"\s*(\d+(?:,\d+)?)\s*%?\s*[A-Za-z ]*", s)
    return Decimal(m.group(1).replace(",", ".")) if m else None


def round_half_up(d, places):
    return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


findings = []


def report(sheet, line, col, code, column, expected, actual, note):
    diff = ""
    if isinstance(expected, Decimal) and isinstance(actual, Decimal):
        diff = fmt(actual - expected)
        expected, actual = fmt(expected), fmt(actual)
    findings.append((sheet, line.cell(col), line.seed_line, code, column, str(expected), str(actual), diff, note))


# ---------------------------------------------------------------- realisasi 2023
def parent_code(code):
    parts = code.split(".")
    return {2: None, 3: ".".join(parts[:2]), 5: ".".join(parts[:3]), 6: ".".join(parts[:5])}[len(parts)]


def check_realisasi():
    sheet, lines = load("realisasi-2023.tsv")
    rows = [ln for ln in lines if ln.kind == "data"]
    by_code, children, top = {}, {}, []
    total = None
    for ln in rows:
        code = ln.get(1).strip()
        if not code:
            total = ln
            continue
        by_code[code] = ln
        p = parent_code(code)
        (children.setdefault(p, []) if p else top).append(code)
    cols = {3: "pagu (4)", 4: "realisasi (9)", 6: "sisa (14)"}

    def val(ln, i):
        return money(ln.get(i))

    for code, ln in by_code.items():
        pagu, real, pct, sisa = val(ln, 3), val(ln, 4), measure(ln.get(5)), val(ln, 6)
        kids = children.get(code, [])
        for i, label in cols.items():
            if kids:
                exp = sum(val(by_code[k], i) for k in kids)
                if exp != val(ln, i):
                    report(sheet, ln, i, code, label, exp, val(ln, i), "parent != sum of direct children")
        if pagu - real != sisa:
            report(sheet, ln, 6, code, "sisa (14)", pagu - real, sisa, "sisa != pagu - realisasi")
        exp = Decimal(0) if pagu == 0 else round_half_up(real / pagu * 100, 2)
        if exp != pct:
            report(sheet, ln, 5, code, "% (10)", exp, pct, "% != ROUND(realisasi/pagu*100,2)")
    for i, label in cols.items():
        exp = sum(val(by_code[c], i) for c in top)
        if exp != val(total, i):
            report(sheet, total, i, "JUMLAH", label, exp, val(total, i), "JUMLAH != sum of top-level rows")
    pagu, real, sisa = val(total, 3), val(total, 4), val(total, 6)
    if pagu - real != sisa:
        report(sheet, total, 6, "JUMLAH", "sisa (14)", pagu - real, sisa, "sisa != pagu - realisasi")
    exp = round_half_up(real / pagu * 100, 2)
    if exp != measure(total.get(5)):
        report(sheet, total, 5, "JUMLAH", "% (10)", exp, measure(total.get(5)), "% != ROUND")


# ---------------------------------------------------------------- Tabel 2.1
def check_evaluasi():
    sheet, lines = load("evaluasi-renja-2023.tsv")
    blocks = {}
    for ln in lines:
        blocks.setdefault(ln.block, []).append(ln)
    for block in blocks.values():
        label_row = next((ln for ln in block if any(c.startswith("8=") for c in ln.cells)), None)
        if label_row is None:
            continue  # first block: codes and names only, no values
        col = {}
        for i, c in enumerate(label_row.cells):
            m = re.match(r"^(\d+)", c)
            if m and i > 0:
                col.setdefault(int(m.group(1)), i)
        code = ""
        for ln in block[block.index(label_row) + 1:]:
            parts = [c for c in ln.cells[:4] if re.fullmatch(r"[\d .]+", c.strip() or "x")]
            if parts:
                code = " ".join(parts)
            name = next((c for c in ln.cells if re.search(r"[a-z]{3}", c)), "")
            v = {k: measure(ln.get(i)) for k, i in col.items() if k >= 4}
            if v.get(4) is None:
                continue  # name/unit line of a two-line row
            where = f"{code} {name[:40]}"
            if 6 in v and 7 in v and 8 in col:
                printed = ln.get(col[8]).strip()
                if v[6] == 0:
                    if printed != "#DIV/0!":
                        report(sheet, ln, col[8], where, "8=(7/6)", "#DIV/0!", printed, "division by zero")
                else:
                    exp = round_half_up(v[7] / v[6] * 100, 0)
                    if measure(printed) != exp:
                        report(sheet, ln, col[8], where, "8=(7/6)", f"{exp}%", printed, "rule 8=(7/6)")
            if 9 in col and 10 in col:
                exp = v[5] + v[7] + v[9]
                if v[10] != exp:
                    report(sheet, ln, col[10], where, "10=(5+7+9)", exp, v[10], "rule 10=(5+7+9)")
            if 10 in col and 11 in col:
                printed = ln.get(col[11]).strip()
                exp = round_half_up(v[10] / v[4] * 100, 0)
                if measure(printed) is None:
                    report(sheet, ln, col[11], where, "11=(10/4)", f"{exp}%", printed, "label text where the value belongs")
                elif measure(printed) != exp:
                    report(sheet, ln, col[11], where, "11=(10/4)", f"{exp}%", printed, "rule 11=(10/4)")


# ---------------------------------------------------------------- Review RKPD
def check_review():
    sheet, lines = load("review-rkpd-2023.tsv")
    groups = []
    for ln in lines:
        if ln.kind != "data":
            continue
        if ln.get(1).startswith("Program"):
            groups.append((ln, []))
        else:
            groups[-1][1].append(ln)
    for prog, kids in groups:
        for i, label in ((5, "Pagu Indikatif (6)"), (10, "Kebutuhan Dana (11)")):
            exp = sum(money(k.get(i)) for k in kids)
            if exp != money(prog.get(i)):
                report(sheet, prog, i, prog.get(1), label, exp, money(prog.get(i)), "program != sum of its kegiatan")


# ---------------------------------------------------------------- Rencana 2025
# columns (0-based within the block) holding Pagu Indikatif 2025 and Kebutuhan Dana 2026, per block
RENCANA_COLS = {0: (10, 13), 1: (8, 11), 2: (None, 11), 3: (10, 11), 4: (8, 12)}


def rencana_level(ln):
    if ln.get(0) == "TOTAL":
        return "total"
    toks = ln.get(0).split()
    if re.fullmatch(r"\d+(\.\d+)?", ln.get(1).strip()):
        toks.append(ln.get(1).strip())
    if not toks:
        return "lanjutan"
    if ln.block == 0:  # codes "5 | 01": level only from the layout
        if len(toks) == 1:
            return "judul"
        return "kegiatan" if not ln.get(4).strip() else "sub"
    return {2: "bidang", 3: "program", 4: "kegiatan", 5: "sub"}.get(len(toks), "?")


def check_rencana():
    sheet, lines = load("rencana-2025.tsv")
    data = [ln for ln in lines if ln.kind == "data"]
    nodes = []  # (level, line, {year: value}, children)
    for ln in data:
        lvl = rencana_level(ln)
        c25, c26 = RENCANA_COLS[ln.block]
        if ln.block == 0 and lvl == "kegiatan":
            c25 = 9  # first page: the kegiatan's own 2025 figure sits one column left (J)
        vals = {}
        for year, c in (("2025", c25), ("2026", c26)):
            if c is not None and money(ln.get(c)) is not None:
                vals[year] = (c, money(ln.get(c)))
        nodes.append((lvl, ln, vals))
    # kegiatan = sum of the sub rows (and code-less value rows) that follow it
    order = {"bidang": 1, "program": 2, "kegiatan": 3}
    for idx, (lvl, ln, vals) in enumerate(nodes):
        if lvl not in order:
            continue
        if ln.get(0) == "5 03 02" and ln.block == 2:
            continue  # its one figure (L53) is the 2025 pagu (TOTAL ties out with it), not 2026
        kids = []
        for lvl2, ln2, vals2 in nodes[idx + 1:]:
            if lvl2 in order and order[lvl2] <= order[lvl] or lvl2 == "total":
                break
            want = {"kegiatan": ("sub", "lanjutan"), "program": ("kegiatan",), "bidang": ("program",)}[lvl]
            if lvl2 in want:
                kids.append((ln2, vals2))
        for year in ("2025", "2026"):
            if year not in vals or not kids:
                continue
            have = [v[year][1] for _, v in kids if year in v]
            if any(v and year not in v for _, v in kids):
                continue  # a child has the other year's figure but not this one: cannot check
            # (a child with no figure at all, like 2.04.09 whose figures slid up a row, counts 0)
            exp = sum(have)
            c, printed = vals[year]
            if exp != printed:
                report(sheet, ln, c, ln.get(0) + " " + ln.get(1), f"{year}", exp, printed, f"{lvl} != sum of its rows")
    # TOTAL = the three program totals. Where they are printed (the program rows of the first
    # page are empty): 5.03.01 on the 2.01 row (K, N), 5.03.02 on its own row, 5.04.02 on its own row.
    total = next(n for n in nodes if n[0] == "total")
    prog_503 = next(ln for lvl, ln, _ in nodes if ln.get(1) == "2.01")
    prog_50302 = next(ln for lvl, ln, _ in nodes if ln.get(0) == "5 03 02")
    prog_50402 = next(ln for lvl, ln, _ in nodes if ln.get(0) == "5 04 02")
    exp = money(prog_503.get(10)) + money(prog_50302.get(11)) + money(prog_50402.get(8))
    if exp != money(total[1].get(8)):
        report(sheet, total[1], 8, "TOTAL", "2025", exp, money(total[1].get(8)), "TOTAL != sum of program totals")
    print(f"Rencana 2025 TOTAL 2025 ({total[1].cell(8)}): {prog_503.cell(10)} + {prog_50302.cell(11)} + "
          f"{prog_50402.cell(8)} = {fmt(exp)}, printed {total[1].get(8)}")


def verify_seed(path):
    seed = set(Path(path).read_text(encoding="utf-8").split("\n"))
    missing = 0
    for f in LAYOUT:
        for raw in (SRC / f).read_text(encoding="utf-8").split("\n"):
            if raw and not raw.startswith(("#", "@")) and raw not in seed:
                print(f"NOT IN SEED: {f}: {raw[:80]}")
                missing += 1
    print(f"seed check: {missing} line(s) not found verbatim")


def main():
    if "--seed" in sys.argv:
        verify_seed(sys.argv[sys.argv.index("--seed") + 1])
    check_realisasi()
    check_evaluasi()
    check_review()
    check_rencana()
    print("| sheet | cell | seed line | row code | column | expected | actual | difference | rule |")
    print("|---|---|---|---|---|---|---|---|---|")
    for f in findings:
        print("| " + " | ".join(str(x) for x in f) + " |")
    print(f"{len(findings)} mismatch(es)")


if __name__ == "__main__":
    main()
