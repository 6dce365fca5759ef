from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from exitstrategi import kitos, kitos_import


class Command(BaseCommand):
    help = (
        "Indlæser kommunens IT-systemer og IT-kontrakter fra OS2 KITOS (API v2, kun læsning) eller fra "
        "gemte JSON-filer: viser, hvad der tilføjes, ændres og fjernes, og gemmer det samlet. Konflikter "
        "beholder vores værdi."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Vis kun, hvad der ville blive ændret.")
        parser.add_argument("--filer", metavar="MAPPE", help="Læs it-system-usages.json m.fl. fra en mappe.")
        parser.add_argument("--alt", action="store_true", help="Læs hele registret, ikke kun ændringer.")
        parser.add_argument("--user", help="Brugernavnet, der indlæser (Historikken viser det).")
        parser.add_argument(
            "--overskriv",
            action="append",
            default=[],
            metavar="UUID:FELT",
            help="En konflikt, hvor KITOS' værdi skal vinde (id'et står i konfliktlisten). Kan gentages.",
        )

    def handle(self, *args, dry_run, filer, alt, user, overskriv, **options):
        bruger = None
        if user:
            bruger = get_user_model().objects.filter(username=user).first()
            if bruger is None:
                raise CommandError(f"Brugeren {user} findes ikke.")
        if filer:
            try:
                source, kilde, since = kitos.Filer(filer), f"filer i {filer}", None
            except kitos.KitosFejl as error:
                raise CommandError(str(error)) from None
        else:
            if not (settings.KITOS_ORGANISATION and settings.KITOS_EMAIL):
                raise CommandError(
                    "Sæt KITOS_ORGANISATION, KITOS_EMAIL og KITOS_PASSWORD, eller brug --filer."
                )
            source = kitos.Api(
                settings.KITOS_URL,
                settings.KITOS_ORGANISATION,
                email=settings.KITOS_EMAIL,
                password=settings.KITOS_PASSWORD,
                timeout=settings.KITOS_TIMEOUT,
            )
            kilde, since = settings.KITOS_URL, None if alt else kitos_import.since_last()
        started = timezone.now()
        try:
            udtraek = kitos.read(source, since)
        except kitos.KitosFejl as error:
            raise CommandError(str(error)) from None
        plan = kitos_import.plan(udtraek, kilde=kilde, tidspunkt=started, overskriv=frozenset(overskriv))
        for line in kitos_import.rapport(plan):
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Prøvekørsel: intet er gemt.")
            return
        koersel = kitos_import.apply(plan, bruger)
        self.stdout.write(
            f"Gemt: {koersel.tilfoejet} nye, {koersel.aendret} ændrede, {koersel.fjernet} fjernede, "
            f"{koersel.konflikter} konflikter, hvor vores værdi er beholdt."
        )
