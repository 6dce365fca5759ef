"""Trin 2: omfang af oprydningsarbejdet (1 Let, 2 Moderat, 3 Stort). Pure, no Django.

The guide: "en simpel formel, der kombinerer kompleksitet og brugerantal"; it does not print it. The
municipality's matrix (its settings; our default the sum rule) maps user level × complexity to omfang.
"""

from dataclasses import dataclass

NAVNE = {1: "1 Let", 2: "2 Moderat", 3: "3 Stort"}


@dataclass(frozen=True)
class Omfang:
    vaerdi: int | None  # 1, 2 or 3; None: cannot be computed
    mangler: tuple[str, ...] = ()  # what is missing, in Danish

    def __str__(self):
        if self.vaerdi is None:
            return "Kan ikke beregnes: " + " og ".join(self.mangler)
        return NAVNE[self.vaerdi]


def omfang(brugerniveau, kompleksitet, matrix):
    """The omfang for a user level ("faa"/"mellem"/"mange") and a To-be question 6 complexity
    ("lav"/"middel"/"hoej"), either possibly "" or None, through the matrix {level: {complexity: 1–3}}."""
    mangler = []
    if not brugerniveau:
        mangler.append("brugerniveau ikke angivet")
    if not kompleksitet:
        mangler.append("kompleksitet (To-be spørgsmål 6) ikke besvaret")
    if mangler:
        return Omfang(None, tuple(mangler))
    return Omfang(matrix[brugerniveau][kompleksitet])
