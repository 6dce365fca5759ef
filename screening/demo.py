"""Eksempel Kommune's screening answers: a mix of Ja, Nej and not yet answered."""

from django.db import transaction

from exitstrategi.models import Sagsomraade

from .models import Screening

JA = {
    "Borgerservice": ["32.06.00", "32.12.00", "32.15.04"],
    "Arbejdsmarked": ["32.24.04", "32.24.12", "15.20.24", "15.17.22", "15.17.06", "16.19.02"],
    "Børn og Familie": ["27.24.03", "27.24.06", "27.27.09"],
    "Voksen og Handicap": ["32.18.08", "32.18.04", "27.36.12"],
    "Sundhed og Omsorg": ["27.36.04", "27.42.08"],
}
NEJ = {
    "Borgerservice": ["29.03.04", "29.03.12"],
    "Børn og Familie": ["27.30.04"],
    "Voksen og Handicap": ["32.18.14"],
    "Teknik og Miljø": ["02.34.02", "02.00.08", "01.02.05", "09.02.00"],
    "Sundhed og Omsorg": ["29.09.04"],
}
NOTES = {
    ("Arbejdsmarked", "16.19.02"): "Sygedagpenge udbetales via KMD Sygedagpenge; sagen oprettes i KMD Sag.",
    ("Teknik og Miljø", "02.34.02"): "Byggesager behandles i BOM og journaliseres i SBSYS.",
}


def load(out):
    created = 0
    with transaction.atomic():
        for svar, table in ((Screening.Svar.JA, JA), (Screening.Svar.NEJ, NEJ)):
            for navn, numbers in table.items():
                for sagsomraade in Sagsomraade.objects.filter(fagomraade__navn=navn, kle__nummer__in=numbers):
                    _, was_created = Screening.objects.get_or_create(
                        sagsomraade=sagsomraade,
                        defaults={
                            "anvender_kmd_sag": svar,
                            "note": NOTES.get((navn, sagsomraade.kle.nummer), ""),
                            "version": 1,
                        },
                    )
                    created += was_created
    out(f"Screeningssvar: {created} oprettet, {Screening.objects.count()} i alt.")
