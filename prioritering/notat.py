"""Trin 5: the beslutningsnotat's content, built from the data in one place. The HTML page, the .docx
writer and the management command only render what `byg()` returns.

The guide names the notat ("notat", "beslutningsgrundlag", p.17) and what it must hold: the Fase 3
recommendations per sagsområde, the Fase 4 order including the moves of cases and users, and "hvilke
løsningsscenarier, der skal implementeres, og i hvilken rækkefølge". Headings and order are ours, in
the structure Danish committee papers use.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from django.db.models import Count
from django.utils import timezone

from exitstrategi import guiden
from exitstrategi.indstillinger import Kommune
from exitstrategi.kontraktdatoer import dato_eller_kvartal
from exitstrategi.models import Fagomraade, Sagsomraade
from screening.models import Screening
from workshops import loesningsscenarier
from workshops.models import AsIs, Workshop
from workshops.selectors import contracts_by_system, systems_left

from . import billeder, tidsplan
from .models import Beslutning, NotatTekster
from .selectors import billeder_af, prioriteret, punkter


@dataclass
class Afsnit:
    tekst: str
    slags: ClassVar[str] = "afsnit"  # what the HTML template tells the blocks apart by


@dataclass
class Punkter:
    punkter: list
    slags: ClassVar[str] = "punkter"


@dataclass
class Tabel:
    kolonner: list
    raekker: list
    slags: ClassVar[str] = "tabel"


@dataclass
class Billede:
    """A picture: the HTML draws it as SVG; the .docx holds its table (the same facts in words)."""

    navn: str  # "portefoelje", "fordeling" or "tidslinje"
    titel: str
    tabel: Tabel
    slags: ClassVar[str] = "billede"


@dataclass
class Sektion:
    overskrift: str
    blokke: list = field(default_factory=list)


@dataclass
class Notat:
    titel: str
    kommune: str
    dato: date
    sektioner: list
    billeder: tuple  # the SVG geometry (matrix, (bars, height), timeline) for the HTML

    def overskrifter(self):
        return [s.overskrift for s in self.sektioner]


def _d(day):
    return f"{day:%d.%m.%Y}" if day else "–"


def _kritisk(raekke):
    text = {True: "Ja", False: "Nej", None: "Ikke vurderet"}[raekke.kritisk]
    return text if raekke.revurderet or raekke.kritisk is None else f"{text} (workshoppens svar)"


def _omraade(s):
    return f"{s.kle.nummer} {s.titel} ({s.fagomraade.navn})"


def byg(tekster=None, kommune=None, today=None):
    """The notat's content from the data as it is now."""
    kommune = kommune or Kommune.get()
    tekster = tekster or NotatTekster.get()
    today = today or timezone.localdate()
    liste = prioriteret(kommune=kommune)
    raekker = liste.raekker
    antal = Counter(r.scenarie for r in raekker)
    sektioner = [
        Sektion("Resumé", [Afsnit(t) for t in _afsnit(tekster.resume)] or [Afsnit(_resume(raekker, antal))]),
        _indstilling(tekster, raekker, antal, kommune),
        _baggrund(),
        _sagsfremstilling(raekker, liste.mangler, kommune),
        _oekonomi(tekster, raekker, antal),
        _kontrakter(raekker, today),
        _risici(tekster, raekker, liste.mangler),
        _videre_proces(),
        Sektion(
            "Bilag",
            [
                Punkter(
                    [
                        "Bilag 1: Dokumentationsark (Excel), med alle svar fra screening, kortlægning, "
                        "To-be og prioritering."
                    ]
                )
            ],
        ),
        _beslutning(),
    ]
    return Notat(tekster.titel, kommune.navn, today, sektioner, billeder_af(liste))


def _afsnit(text):
    return [part.strip() for part in text.split("\n\n") if part.strip()]


def _resume(raekker, antal):
    if not raekker:
        return "Der er endnu ingen sagsområder med et løsningsscenarie at prioritere."
    fordeling = ", ".join(f"{antal[n]} på løsningsscenarie {n}" for n in sorted(antal))
    return (
        f"Notatet samler anbefalingerne fra To-be workshopperne og prioriteringen af {len(raekker)} "
        "sagsområder, "
        f"der i dag bruger KMD Sag til sager og/eller journalnotater (brugsmønster C og D): {fordeling}."
    )


def _indstilling(tekster, raekker, antal, kommune):
    punkter = [
        f"løsningsscenarie {n} «{loesningsscenarier.SCENARIER[n][0]}» implementeres for {antal[n]} sagsområde"
        f"{'r' if antal[n] != 1 else ''}"
        for n in sorted(antal)
    ]
    if raekker:
        punkter.append(
            "løsningsscenarierne implementeres i den rækkefølge, som sagsområderne står i under «Prioriteret "
            "rækkefølge og tidsplan», med flytning af sager, journalnotater og brugere i de angivne kvartaler"
        )
    if any(r.scenarie == 1 for r in raekker):
        punkter.append(
            "sagsområder på løsningsscenarie 1 planlægger fornyet kontraktgrundlag (eget udbud eller SKI)"
        )
    blokke = [Afsnit(t) for t in _afsnit(tekster.indstilling)]
    blokke.append(Afsnit("Det indstilles,"))
    blokke.append(
        Punkter([f"at {p}" for p in punkter] or ["at prioriteringen færdiggøres, før der træffes beslutning"])
    )
    return Sektion("Indstilling", blokke)


def _baggrund():
    return Sektion(
        "Baggrund",
        [
            Afsnit(
                "Kommunen bruger i dag KMD Sag, ofte forskelligt fra brugergruppe til brugergruppe: til "
                "overblik "
                "og adviser eller til håndtering af sager og journalnotater. Med SAPA skal kommunen kunne "
                "opsige "
                "aftalen om KMD Sag, og SAPA er en overbliks- og advisløsning uden funktionalitet til at "
                "lagre "
                "sager. Derfor skal det besluttes, hvor sager og journalnotater fremover skal ligge."
            ),
            Afsnit(
                "Monopolbruddet betyder, at KMD Aktiv afløses af KY og KMD Sygedagpenge af KSD. Hvis "
                "kommunen "
                "hurtigt får flyttet de manuelle KMD Sag-sager og brugerne ud af KMD Sag, reduceres "
                "licensprisen, "
                "indtil kontrakten kan opsiges helt (KOMBITs procesguide, s. 5)."
            ),
        ],
    )


def _sagsfremstilling(raekker, mangler, kommune):
    blokke = [
        Afsnit(
            "Arbejdet har fulgt KOMBITs procesguide i fire faser: screening af fagområder og sagsområder, "
            "kortlægning (As-is), undersøgelse af fremtidige løsningsscenarier (To-be) og prioritering."
        )
    ]
    workshops = list(Workshop.objects.annotate(deltagere_antal=Count("deltagere")).order_by("start"))
    if workshops:
        blokke.append(
            Tabel(
                ["Workshop", "Type", "Dato", "Deltagere"],
                [
                    [
                        w.titel,
                        w.get_type_display(),
                        _d(timezone.localtime(w.start).date()),
                        str(w.deltagere_antal),
                    ]
                    for w in workshops
                ],
            )
        )
    svar = Counter(
        Screening.objects.filter(sagsomraade__in=Sagsomraade.objects.all()).values_list(
            "anvender_kmd_sag", flat=True
        )
    )
    i_alt = Sagsomraade.objects.count()
    blokke.append(
        Afsnit(
            f"Screeningen omfatter {i_alt} sagsområder: {svar['ja']} bruger KMD Sag i dag, {svar['nej']} "
            "gør ikke, "
            f"og {i_alt - svar['ja'] - svar['nej']} er ikke besvaret."
        )
    )
    typer = Counter(
        AsIs.objects.filter(
            sagsomraade__in=Sagsomraade.objects.all(), sagsomraade__screening__anvender_kmd_sag="ja"
        )
        .exclude(brugsmoenster="")
        .values_list("brugsmoenster", flat=True)
    )
    blokke.append(
        Tabel(
            ["Brugsmønster", "Afhængighed af KMD Sag", "Sagsområder"],
            [[t, guiden.BRUGSMOENSTRE[t][1], str(typer[t])] for t in guiden.BRUGSMOENSTRE],
        )
    )
    blokke.append(Afsnit("Anbefalingerne fra To-be workshopperne pr. fagområde:"))
    for fagomraade in Fagomraade.objects.order_by("navn"):
        egne = [r for r in raekker + mangler if r.sagsomraade.fagomraade_id == fagomraade.pk]
        if egne:
            blokke.append(
                Tabel(
                    [fagomraade.navn, "Anbefalet løsningsscenarie", "Begrundelse"],
                    [
                        [
                            f"{r.sagsomraade.kle.nummer} {r.sagsomraade.titel}",
                            r.tobe.scenarie_tekst
                            if r.tobe and r.tobe.anbefalet_scenarie
                            else "Ingen anbefaling endnu",
                            (r.tobe.begrundelse if r.tobe else "") or "–",
                        ]
                        for r in sorted(egne, key=lambda r: r.sagsomraade.kle.nummer)
                    ],
                )
            )
    blokke.append(
        Afsnit(
            "Prioriteringen følger kommunens strategi: "
            f"{kommune.get_prioriteringsstrategi_display().lower()}. "
            "Forretningskritiske sagsområder står først, som guiden foreskriver; rækkefølgen derudover, "
            "omfanget "
            "af oprydningsarbejdet og forslagene til brugerniveau er kommunens egne regler."
        )
    )
    blokke.append(
        Tabel(
            [
                "Nr.",
                "Sagsområde",
                "Scenarie",
                "Forretningskritisk",
                "Omfang",
                "Flytning",
                "Tidligste virkning",
                "Hvorfor her",
            ],
            [
                [
                    str(r.nr),
                    _omraade(r.sagsomraade),
                    f"{r.scenarie} ({r.scenarie_kilde})",
                    _kritisk(r),
                    str(r.omfang),
                    dato_eller_kvartal(r.flytning, True) or "Ikke planlagt",
                    _d(r.tidligste_virkning),
                    r.begrundelse,
                ]
                for r in raekker
            ],
        )
    )
    blokke.append(Billede("tidslinje", "Rækkefølge og tidsplan", _tidslinje_tabel(raekker, kommune)))
    blokke.append(
        Billede("portefoelje", "Forretningskritisk og omfang af oprydningsarbejdet", _matrix_tabel(raekker))
    )
    en = [r for r in raekker if r.scenarie == 1]
    if en:
        blokke.append(
            Afsnit(
                "Sagsområder på løsningsscenarie 1 skal planlægge fornyet kontraktgrundlag (eget udbud "
                "eller SKI):"
            )
        )
        blokke.append(
            Punkter([f"{_omraade(r.sagsomraade)}: udbud {r.tobe.udbud_tekst or 'ikke angivet'}" for r in en])
        )
    return Sektion("Sagsfremstilling", blokke)


def _tidslinje_tabel(raekker, kommune):
    return Tabel(
        ["Nr.", "Sagsområde", "Planlagt flytning", "Tidligste virkning", "I forhold til SAPA"],
        [
            [
                str(r.nr),
                _omraade(r.sagsomraade),
                dato_eller_kvartal(r.flytning, True) or "Ikke planlagt",
                _d(r.tidligste_virkning),
                f"{r.sapa} SAPA" if r.sapa else "–",
            ]
            for r in raekker
        ]
        + (
            [["", "Planlagt ibrugtagning af SAPA", _d(kommune.sapa_idriftsaettelse), "", ""]]
            if kommune.sapa_idriftsaettelse
            else []
        ),
    )


def _matrix_tabel(raekker):
    m = billeder.matrix(punkter(raekker))
    kolonner = [label for _x, label in m.kolonner]
    felter = {(f.kritisk, f.omfang): f for f in m.felter}
    return Tabel(
        ["", *kolonner],
        [
            [
                label,
                *(
                    ", ".join(f"{p.kle} ({p.scenarie})" for _x, _y, p in felter[label, k].punkter) or "–"
                    for k in kolonner
                ),
            ]
            for _y, label in m.raekker
        ],
    )


def _oekonomi(tekster, raekker, antal):
    blokke = [Afsnit(t) for t in _afsnit(tekster.oekonomi)]
    blokke.append(
        Billede(
            "fordeling",
            "Sagsområder pr. løsningsscenarie",
            Tabel(
                ["Løsningsscenarie", "Indkøb", "Sagsområder"],
                [
                    [f"{n}: {loesningsscenarier.SCENARIER[n][0]}", tidsplan.INDKOEB[n], str(antal[n])]
                    for n in loesningsscenarier.SCENARIER
                ],
            ),
        )
    )
    udvidelser = antal[2] + antal[3]
    blokke.append(
        Afsnit(
            f"Det giver {udvidelser} licensudvidelse{'r' if udvidelser != 1 else ''} af systemer, kommunen "
            "har, "
            f"{antal[4]} nyanskaffelse{'r' if antal[4] != 1 else ''} og {antal[1]} fornyede kontrakt"
            f"{'er' if antal[1] != 1 else ''} på KMD Sag. {tidsplan.INDKOEB_REGEL}"
        )
    )
    noter = [(r, r.prioritering.oekonomi) for r in raekker if r.prioritering and r.prioritering.oekonomi]
    if noter:
        blokke.append(Punkter([f"{_omraade(r.sagsomraade)}: {note}" for r, note in noter]))
    return Sektion("Økonomi", blokke)


def _kontrakter(raekker, today):
    contracts = contracts_by_system(today)
    rows, seen = [], set()
    for r in raekker:
        for system in sorted(systems_left(r.sagsomraade) or set()):
            for kontrakt, ophoer in contracts.get(system, []):
                if kontrakt.pk in seen:
                    continue
                seen.add(kontrakt.pk)
                rows.append(
                    [
                        f"{kontrakt.systemnavne}: {kontrakt.navn}",
                        _d(ophoer.opsig_senest) if ophoer and ophoer.opsig_senest else "–",
                        _d(ophoer.dato) if ophoer else "Afventer udfasning uden dato",
                    ]
                )
    if not rows:
        return Sektion("Kontraktfrister", [Afsnit("Ingen registrerede kontrakter binder tidsplanen.")])
    return Sektion(
        "Kontraktfrister",
        [
            Afsnit(
                "Kontrakterne på de systemer, som løsningsscenarierne flytter væk fra, binder tidsplanen:"
            ),
            Tabel(["Kontrakt", "Opsig senest", "Tidligste ophør"], rows),
        ],
    )


def _risici(tekster, raekker, mangler):
    blokke = [Afsnit(t) for t in _afsnit(tekster.risici)]
    punkter = [f"{_omraade(r.sagsomraade)}: intet løsningsscenarie endnu" for r in mangler]
    punkter += [
        f"{_omraade(r.sagsomraade)}: omfang {str(r.omfang)[0].lower()}{str(r.omfang)[1:]}"
        for r in raekker
        if r.omfang.vaerdi is None
    ]
    punkter += [f"{_omraade(r.sagsomraade)}: flytningen er ikke planlagt" for r in raekker if not r.flytning]
    punkter += [f"{_omraade(r.sagsomraade)}: {a}" for r in raekker for a in r.advarsler]
    punkter += [
        f"{_omraade(r.sagsomraade)}: forretningskritisk er ikke vurderet på ny"
        for r in raekker
        if not r.revurderet
    ]
    blokke.append(Punkter(punkter) if punkter else Afsnit("Der mangler ingen svar."))
    return Sektion("Risici og åbne spørgsmål", blokke)


def _videre_proces():
    return Sektion(
        "Videre proces",
        [
            Afsnit(
                "Kommunens beslutning om valg af fremtidige løsningsscenarier på sagsområder af type C og "
                "D er "
                "kommunens KMD Sag Exit-strategi. Den er grundlaget for den konkrete planlægning af "
                "flytning af "
                "brugere, sager og journalnotater ud af KMD Sag og for kommunens anskaffelsesplan af nye "
                "it-løsninger (procesguiden, s. 17)."
            )
        ],
    )


def _beslutning():
    besluttet = Beslutning.objects.exclude(foer_fase_4=True).first()
    blokke = [
        Afsnit(
            "Beslutningen om løsningsscenarier og rækkefølge træffes med mandat på grundlag af dette notat."
        )
    ]
    if besluttet:
        blokke.append(
            Afsnit(
                "Senest registrerede beslutning: "
                f"{besluttet}{f', {besluttet.journalnummer}' if besluttet.journalnummer else ''}."
            )
        )
    return Sektion("Beslutning", blokke)
