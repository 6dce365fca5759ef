from django.db.models import Count, F, Max, Q
from django.db.models.functions import Coalesce, Greatest

from exitstrategi.models import Fagomraade, aktive

ANSWER = "sagsomraader__screening__anvender_kmd_sag"


def fagomraader_with_progress():
    """Fagområder annotated with screening counts and the time of the latest change."""
    in_use = aktive("sagsomraader__")
    screened = Max("sagsomraader__screening__aendret", filter=in_use)
    edited = Max("sagsomraader__aendret", filter=in_use)
    return (
        Fagomraade.objects.prefetch_related("kontaktpersoner")
        .annotate(
            antal=Count("sagsomraader", filter=in_use),
            ja=Count("sagsomraader", filter=in_use & Q(**{ANSWER: "ja"})),
            nej=Count("sagsomraader", filter=in_use & Q(**{ANSWER: "nej"})),
            sidst_aendret=Greatest(Coalesce(screened, edited), Coalesce(edited, screened)),
        )
        .annotate(besvaret=F("ja") + F("nej"), ubesvaret=F("antal") - F("ja") - F("nej"))
        .order_by("navn")
    )
