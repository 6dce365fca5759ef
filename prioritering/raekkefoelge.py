"""Trin 4: the order in which the areas' løsningsscenarier are implemented. Pure, no Django.

The guide gives considerations, not a formula; this default is ours and said so on screen:
1. a forretningskritisk area first (the re-assessed answer, else the workshop's) — the guide gives it
   precedence over trin 1 and 2, so it is the first sort key, not a weight;
2. within each group the municipality's strategy on omfang: the heavy first (3 Stort before 1 Let) or
   the light first, to gain experience; an omfang that cannot be computed comes after the others;
3. the scenario's lead time: 4 takes longest to prepare, then 3, 2, 1 (longest first unless reversed);
4. the KLE number, so the order is stable.
The project leader may pin an area to a position with a reason; pins are placed after the sort.
"""

from dataclasses import dataclass

from .omfang import NAVNE

TUNGE_FOERST, LETTE_FOERST = "tunge_foerst", "lette_foerst"

REGEL = (
    "Rækkefølgen er vores standard, ikke guidens (guiden giver hensyn, ikke en formel): forretningskritiske "
    "sagsområder først; inden for hver gruppe kommunens strategi for omfanget; så forberedelsestiden "
    "(løsningsscenarie 4 tager længst at forberede, så 3, 2 og 1); til sidst KLE-nummeret. Projektlederen "
    "kan fastlåse et sagsområde på en plads med en begrundelse."
)


@dataclass(frozen=True)
class Emne:
    """One area to place: its plain values."""

    key: object
    kle: str
    scenarie: int  # the scenario in force: decided, else recommended (1–4)
    kritisk: bool | None  # None: not assessed at all
    revurderet: bool  # kritisk is the project leader's re-assessment, not the workshop's answer
    omfang: int | None  # 1–3; None: cannot be computed
    fastlaast: int | None = None  # a pinned position, 1 = first
    fastlaast_orden: object = 0  # when it was pinned: of two pins on one position the earlier goes first
    fastlaast_begrundelse: str = ""


@dataclass(frozen=True)
class Placering:
    nr: int
    emne: Emne
    begrundelse: str  # why it stands where it stands, in Danish


def _kritisk_tekst(emne):
    if emne.kritisk is None:
        return "forretningskritisk ikke vurderet"
    text = "forretningskritisk" if emne.kritisk else "ikke forretningskritisk"
    return f"{text} (revurderet)" if emne.revurderet else f"{text} (workshoppens svar, ikke revurderet)"


def _omfang_tekst(emne, strategi):
    if emne.omfang is None:
        return "omfang kan ikke beregnes, så det står efter dem med et omfang"
    order = "de tunge først" if strategi == TUNGE_FOERST else "de lette først"
    return f"omfang {NAVNE[emne.omfang]} ({order})"


def _scenarie_tekst(emne, laengst_foerst):
    order = "længst forberedelse først" if laengst_foerst else "kortest forberedelse først"
    return f"løsningsscenarie {emne.scenarie} ({order})"


def _sort_key(strategi, laengst_foerst):
    def key(emne):
        omfang = 9 if emne.omfang is None else (-emne.omfang if strategi == TUNGE_FOERST else emne.omfang)
        lead = -emne.scenarie if laengst_foerst else emne.scenarie
        return (0 if emne.kritisk else 1, omfang, lead, emne.kle)

    return key


def ranger(emner, strategi=TUNGE_FOERST, laengst_foerst=True):
    """[Placering] for the areas, first to last."""
    return [
        Placering(nr, emne, _begrundelse(nr, emne, strategi, laengst_foerst))
        for nr, emne in enumerate(orden(emner, strategi, laengst_foerst), 1)
    ]


def orden(emner, strategi=TUNGE_FOERST, laengst_foerst=True):
    """The areas, first to last (ranger without the reasons)."""
    if strategi not in (TUNGE_FOERST, LETTE_FOERST):
        raise ValueError(f"Ukendt strategi: {strategi}")
    order = sorted((e for e in emner if e.fastlaast is None), key=_sort_key(strategi, laengst_foerst))
    index = -1
    for emne in sorted(
        (e for e in emner if e.fastlaast is not None), key=lambda e: (e.fastlaast, e.fastlaast_orden)
    ):
        index = min(max(emne.fastlaast - 1, index + 1), len(order))
        order.insert(index, emne)
    return order


def _begrundelse(nr, emne, strategi, laengst_foerst):
    if emne.fastlaast is not None:
        text = f"Fastlåst på plads {emne.fastlaast} af projektlederen: {emne.fastlaast_begrundelse}"
        if nr < emne.fastlaast:
            text += f" (står på plads {nr}: listen er ikke længere)"
        elif nr > emne.fastlaast:
            text += f" (står på plads {nr}: en anden blev fastlåst på en plads foran den først)"
        return text
    parts = [
        _kritisk_tekst(emne),
        _omfang_tekst(emne, strategi),
        _scenarie_tekst(emne, laengst_foerst),
        f"KLE {emne.kle}",
    ]
    text = "; ".join(parts)
    return text[0].upper() + text[1:]
