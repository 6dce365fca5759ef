"""Eksempel Kommune's fase 4: user levels (the suggestion accepted), a re-assessment, planned quarters,
a pinned area, a recorded decision that departs from one recommendation, and a task under way."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from exitstrategi.kontraktdatoer import KVARTAL, add_months, period_end

from .models import Beslutning, Opgave, Prioritering
from .selectors import prioriteret
from .services import beslutning_save, brugerniveau_accept, prioritering_save


def load(out):
    if Prioritering.objects.exists():
        out("Fase 4: findes allerede.")
        return
    today = timezone.localdate()
    with transaction.atomic():
        liste = prioriteret()
        brugerniveau_accept(liste.raekker + liste.mangler, None)
        raekker = prioriteret().raekker
        for i, raekke in enumerate(raekker):
            planned = add_months(today, 3 * (2 + i // 2))
            if i != 3:  # one area planned before its contracts allow, to show the warning
                planned = max(planned, raekke.tidligste_virkning or planned)
            values = {"flytning": period_end(planned, KVARTAL)}
            if i == len(raekker) - 1:
                values.update(
                    forretningskritisk="ja",
                    faktor_politisk=True,
                    faktor_kontrakt=True,
                    hoert="Fagchef for Arbejdsmarked og kommunens kontraktmanager",
                    oekonomi="Tidlig flytning sparer licens til KMD Sag; kræver 2 ugers oprydning.",
                )
            if i == 1:
                values.update(
                    fastlaast_plads=1, fastlaast_begrundelse="Direktionen ønsker en pilot i Borgerservice."
                )
            record = Prioritering.objects.filter(pk=raekke.sagsomraade.pk).first()
            prioritering_save(
                sagsomraade=raekke.sagsomraade,
                values=values,
                version=record.version if record else 0,
                user=None,
            )
        decided = prioriteret().raekker[:4]
        linjer = [
            (r.sagsomraade, r.scenarie, "")
            if r.scenarie != 4
            else (r.sagsomraade, 3, "Økonomiudvalget foretrækker at tilpasse det eksisterende fagsystem.")
            for r in decided
        ]
        beslutning = Beslutning(
            besluttet_af="Direktionen", dato=today - timedelta(days=14), journalnummer="00.01.00-A00-12-26"
        )
        beslutning_save(beslutning=beslutning, linjer=linjer, user=None)
        first = Opgave.objects.filter(sagsomraade=decided[0].sagsomraade).first()
        if first is not None:
            first.status = Opgave.Status.I_GANG
            first.save(update_fields=["status"])
    out(f"Fase 4: {len(raekker)} sagsområder prioriteret; beslutning for {len(linjer)}.")
