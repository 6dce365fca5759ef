from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from exitstrategi import indlaesning
from exitstrategi.concurrency import ConcurrentEditError
from exitstrategi.excel_import import ExcelRefused, open_xlsx
from exitstrategi.revisionslog import Handling, log
from exitstrategi.roles import READ_ONLY, Rolle, rolle_for


class Command(BaseCommand):
    help = (
        "Indlæser et udfyldt Dokumentationsark (.xlsx): viser hver ændring og hver konflikt og gemmer "
        "dem samlet, eller intet, hvis filen har fejl."
    )

    def add_arguments(self, parser):
        parser.add_argument("fil", help="Filnavn, fx dokumentationsark.xlsx")
        parser.add_argument("--dry-run", action="store_true", help="Vis kun, hvad der ville blive ændret.")
        parser.add_argument("--user", help="Brugernavnet, der indlæser (Historikken viser det).")
        parser.add_argument(
            "--overskriv",
            action="append",
            default=[],
            metavar="RÆKKE:KOLONNE",
            help="En konflikt, hvor filens værdi skal vinde (id'et står i konfliktlisten). Kan gentages.",
        )
        parser.add_argument(
            "--nye-sagsomraader",
            action="store_true",
            help="Opret sagsområder for rækker, der ikke findes (kun projektlederen).",
        )

    def handle(self, *args, fil, dry_run, user, overskriv, nye_sagsomraader, **options):
        bruger = self._user(user)
        path = Path(fil)
        try:
            workbook = open_xlsx(path.read_bytes(), path.name)
        except OSError as error:
            raise CommandError(f"{fil} kan ikke læses: {error.strerror}.") from None
        except ExcelRefused as error:
            raise CommandError(str(error)) from None
        plan = indlaesning.plan(
            workbook, path.name, bruger, overskriv=frozenset(overskriv), tillad_nye=nye_sagsomraader
        )
        for line in indlaesning.rapport(plan):
            self.stdout.write(line)
        if plan.fejl:
            raise CommandError(f"{path.name} er ikke indlæst: {len(plan.fejl)} fejl. Ret dem, og prøv igen.")
        if dry_run or not plan.kan_indlaeses:
            return
        try:
            saved = indlaesning.apply(plan, bruger)
        except ConcurrentEditError:
            raise CommandError("Nogen gemte svar under indlæsningen. Intet er ændret; prøv igen.") from None
        log(
            Handling.INDLAESNING,
            user=bruger,
            brugernavn="kommandolinje",
            beskrivelse=f"{path.name}: {saved} svar",
        )
        self.stdout.write(f"Indlæst: {saved} svar gemt fra {path.name}.")

    def _user(self, username):
        if not username:
            return None
        bruger = get_user_model().objects.filter(username=username, is_active=True).first()
        if bruger is None:
            raise CommandError(f"Brugeren {username} findes ikke.")
        if rolle_for(bruger) in (None, Rolle.LAESER):
            raise CommandError(READ_ONLY)
        return bruger
