"""The pictures of Fase 4 as geometry for SVG templates: the portfolio matrix, the scenario
distribution and the timeline. Pure, no Django: numbers and texts in, boxes and lines out.

Colours run from light to dark by scenario, so they stay apart in greyscale, and every mark also
carries its scenario number or a label in text.
"""

from dataclasses import dataclass, field
from datetime import date

FARVER = {1: "#fde725", 2: "#5ec962", 3: "#21918c", 4: "#3b528b"}  # viridis, light to dark
TEKSTFARVE = {1: "#000000", 2: "#000000", 3: "#ffffff", 4: "#ffffff"}


@dataclass(frozen=True)
class Punkt:
    """One area as the pictures need it."""

    nr: int
    kle: str
    titel: str
    scenarie: int
    kritisk: bool | None
    omfang: int | None
    flytning: date | None
    tidligste_virkning: date | None

    @property
    def farve(self):
        return FARVER[self.scenarie]

    @property
    def tekstfarve(self):
        return TEKSTFARVE[self.scenarie]


@dataclass
class Felt:
    x: int
    y: int
    w: int
    h: int
    kritisk: str
    omfang: str
    punkter: list = field(default_factory=list)  # (x, y, Punkt)

    @property
    def antal(self):
        return len(self.punkter)


@dataclass
class Matrix:
    width: int
    height: int
    felter: list
    raekker: list  # (y, label)
    kolonner: list  # (x, label)
    chip_w: int = 74
    chip_h: int = 20


KRITISK = [(True, "Forretningskritisk"), (False, "Ikke kritisk"), (None, "Ikke vurderet")]
OMFANG = [(3, "3 Stort"), (2, "2 Moderat"), (1, "1 Let"), (None, "Kan ikke beregnes")]


def matrix(punkter, chips_per_row=2):
    """Forretningskritisk (rows) × omfang (columns), each cell with its areas; rows and columns
    without areas beyond the guide's own (Ja/Nej, 1–3) are left out."""
    rows = [(k, label) for k, label in KRITISK if k is not None or any(p.kritisk is None for p in punkter)]
    cols = [(o, label) for o, label in OMFANG if o is not None or any(p.omfang is None for p in punkter)]
    left, top, cell_w, chip_w, chip_h, gap = 150, 34, 170, 74, 20, 6
    felter, raekker, y = [], [], top
    for kritisk, row_label in rows:
        cells = [[p for p in punkter if p.kritisk == kritisk and p.omfang == o] for o, _l in cols]
        lines = max([1, *((len(c) + chips_per_row - 1) // chips_per_row for c in cells)])
        h = 30 + lines * (chip_h + gap)
        raekker.append((y + h // 2, row_label))
        for i, ((_o, col_label), members) in enumerate(zip(cols, cells, strict=True)):
            x = left + i * cell_w
            felt = Felt(x, y, cell_w, h, row_label, col_label)
            for n, p in enumerate(sorted(members, key=lambda p: p.nr)):
                felt.punkter.append(
                    (
                        x + 8 + (n % chips_per_row) * (chip_w + gap),
                        y + 26 + (n // chips_per_row) * (chip_h + gap),
                        p,
                    )
                )
            felter.append(felt)
        y += h
    kolonner = [(left + i * cell_w + cell_w // 2, label) for i, (_o, label) in enumerate(cols)]
    return Matrix(left + len(cols) * cell_w + 2, y + 2, felter, raekker, kolonner, chip_w, chip_h)


@dataclass(frozen=True)
class Soejle:
    y: int
    scenarie: int
    label: str
    antal: int
    w: int

    @property
    def farve(self):
        return FARVER[self.scenarie]


def fordeling(antal, titler, width=520, bar_h=26, max_w=300):
    """Horizontal bars per scenario: [(Soejle)], and the picture's height."""
    most = max([1, *antal.values()])
    bars = [
        Soejle(
            10 + i * (bar_h + 10),
            n,
            f"{n}: {titler[n]}",
            antal.get(n, 0),
            round(max_w * antal.get(n, 0) / most),
        )
        for i, n in enumerate(sorted(titler))
    ]
    return bars, 10 + len(bars) * (bar_h + 10)


@dataclass(frozen=True)
class Linje:
    y: int
    punkt: Punkt
    x_flytning: int | None
    x_virkning: int | None


@dataclass
class Tidslinje:
    width: int
    height: int
    kvartaler: list  # (x, label)
    linjer: list
    milepaele: list  # (x, label)
    left: int = 230


def _kvartal(d):
    return d.year * 4 + (d.month - 1) // 3


def tidslinje(punkter, milepaele, today, quarter_w=54, row_h=26, left=230):
    """The order as rows; the planned move (filled) and the earliest effect (hollow) on a quarter axis;
    milestones [(date, label)] such as SAPA's go-live as vertical lines."""
    dates = [d for p in punkter for d in (p.flytning, p.tidligste_virkning) if d] + [
        d for d, _l in milepaele if d
    ]
    first = _kvartal(min([today, *dates]))
    last = _kvartal(max([today, *dates])) + 1
    top = 30

    def x(d):
        if d is None:
            return None
        q = _kvartal(d)
        start = date(q // 4, (q % 4) * 3 + 1, 1)
        days_in = (d - start).days / 92
        return round(left + (q - first + min(days_in, 1)) * quarter_w)

    kvartaler = [(left + (q - first) * quarter_w, f"K{q % 4 + 1} {q // 4}") for q in range(first, last + 1)]
    linjer = [
        Linje(top + i * row_h, p, x(p.flytning), x(p.tidligste_virkning))
        for i, p in enumerate(sorted(punkter, key=lambda p: p.nr))
    ]
    marks = [(x(d), label) for d, label in milepaele if d]
    return Tidslinje(
        left + (last - first + 1) * quarter_w + 10,
        top + len(linjer) * row_h + 20,
        kvartaler,
        linjer,
        marks,
        left,
    )
