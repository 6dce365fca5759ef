"""Fase 4's registered phase: its columns in the Dokumentationsark, its progress and navigation."""

from django.db.models import Q
from django.urls import reverse

from exitstrategi import faser, overblik
from exitstrategi.dokumentationsark import Column, answer_label
from exitstrategi.indlaesning import record_phase
from exitstrategi.indstillinger import BRUGERNIVEAUER, KOMPLEKSITETER, Kommune
from exitstrategi.models import Sagsomraade, phase_record
from workshops.selectors import tobe_in_scope, tobe_scope

from . import omfang
from .forms import PrioriteringForm
from .models import Prioritering
from .selectors import rangorden

FASE = Prioritering.FASE


def _prepare_order(rows):
    """Each row's place in the order, computed over every area in scope (not only the page's)."""
    order = rangorden()  # kept between requests, and within an export's pass
    for row in rows:
        row.fase4 = order.get(row.pk)  # (place, omfang, decided scenario) or None


def _fase4(get):
    def value(row):
        found = getattr(row, "fase4", None)
        return get(*found) if found is not None else ""

    return value


def _record(get):
    def value(row):
        record = phase_record(row, "prioritering")
        return get(record) if record is not None and tobe_in_scope(row) else ""

    return value


def _omfang_formula(letters):
    """Trin 2 as a live Excel formula over the user level and complexity cells, with the
    municipality's own matrix written into it; None when either column is not in the export."""
    niveau, kompleksitet = letters.get("fase4_brugerniveau"), letters.get("tobe_kompleksitet")
    if not (niveau and kompleksitet):
        return None
    matrix = Kommune.get().omfang_matrix
    niveauer = dict(BRUGERNIVEAUER)
    kompleksiteter = dict(KOMPLEKSITETER)
    table = ";".join(",".join(f'"{omfang.NAVNE[matrix[n][k]]}"' for k in kompleksiteter) for n in niveauer)
    rows = ",".join(f'"{label}"' for label in niveauer.values())
    cols = ",".join(f'"{label}"' for label in kompleksiteter.values())

    def formula(row):
        return (
            f"=IFERROR(INDEX({{{table}}},MATCH({niveau}{row},{{{rows}}},0),"
            f'MATCH({kompleksitet}{row},{{{cols}}},0)),"")'
        )

    return formula


def register():
    columns = [
        Column(
            "fase4_nr",
            "Prioritet",
            FASE,
            _fase4(lambda nr, _omfang, _besluttet: nr),
            width=9,
            read_only=True,
        ),
        Column(
            "fase4_brugerniveau",
            "Brugerniveau",
            FASE,
            _record(answer_label(Prioritering, "brugerniveau")),
            width=12,
            sort="prioritering__brugerniveau",
            related=("prioritering",),
            fields=("brugerniveau",),
            on_wall=False,
        ),
        Column(
            "fase4_omfang",
            "Omfang af oprydningsarbejdet",
            FASE,
            _fase4(lambda _nr, omfang_, _besluttet: omfang.NAVNE.get(omfang_, "")),
            width=14,
            read_only=True,
            formula=_omfang_formula,  # recalculates in Excel, as the KOMBIT sheet's one formula does
            overblik=True,
        ),
        Column(
            "fase4_kritisk",
            "Forretningskritisk (revurderet)",
            FASE,
            _record(answer_label(Prioritering, "forretningskritisk")),
            width=14,
            related=("prioritering",),
            fields=("forretningskritisk",),
            on_wall=False,
        ),
        Column(
            "fase4_flytning",
            "Planlagt flytning",
            FASE,
            _record(lambda p: p.flytning_tekst),
            width=14,
            sort="prioritering__flytning",
            related=("prioritering",),
            fields=("flytning",),
            on_wall=False,
        ),
        Column(
            "fase4_besluttet",
            "Besluttet løsningsscenarie",
            FASE,
            _fase4(lambda _nr, _omfang, besluttet: besluttet or ""),
            width=12,
            read_only=True,  # decided on the Beslutning page, with a mandate
        ),
    ]
    faser.register(
        faser.Fase(
            4,
            FASE,
            url_name="prioritering:oversigt",
            record=Prioritering,
            columns=columns,
            form=PrioriteringForm,
            preparers=[_prepare_order],
            indlaesning=record_phase(
                Prioritering,
                PrioriteringForm,
                in_scope=tobe_in_scope,
                kun_projektleder=True,
            ),
            link=_link,
            summary=_summary,
            menu=[
                faser.Menupunkt(
                    40,
                    "4. Prioritering",
                    "prioritering:oversigt",
                    "Fase 4: Prioritering og beslutningsgrundlag",
                )
            ],
        )
    )


def _link(sagsomraade):
    if not tobe_in_scope(sagsomraade):
        return None
    return ("Se prioriteringen", f"{reverse('prioritering:oversigt')}?fagomraade={sagsomraade.fagomraade_id}")


def _summary(scope):
    done, total, _naeste = overblik.progress(
        Sagsomraade.objects.filter(scope, tobe_scope()),
        ~Q(prioritering__brugerniveau="") & Q(prioritering__flytning__isnull=False),
        lambda s: reverse("prioritering:oversigt"),
    )
    return overblik.Fremdrift(
        4,
        "Prioritering og beslutningsgrundlag",
        "I hvilken rækkefølge skal løsningsscenarierne implementeres, og hvornår flyttes sager, "
        "journalnotater og brugere? Det samles i beslutningsnotatet.",
        reverse("prioritering:oversigt"),
        done,
        total,
        "sagsområder med brugerniveau og planlagt flytning",
        ("Prioritér sagsområderne", reverse("prioritering:oversigt")) if done < total else None,
    )
