from django.core.management.base import BaseCommand, CommandError

from exitstrategi.kle_import import KleImportError, diff_rapport, kle_diff, kle_import, parse_emneplan
from exitstrategi.models import KLE
from exitstrategi.revisionslog import Handling, log


class Command(BaseCommand):
    help = (
        "Importerer KL's officielle KLE-emneplan (KLE-XML 2.0 eller KLE-online «fuld»): viser først "
        "forskellen fra det, vi har (nye, omdøbte, udgåede og flyttede numre, og hvilke sagsområder de "
        "berører). Udgåede og flyttede numre bevares."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Stien til KLE-XML-filen")
        parser.add_argument("--dry-run", action="store_true", help="Vis kun forskellen; intet ændres.")

    def handle(self, *args, file, dry_run, **options):
        try:
            emneplan = parse_emneplan(file)
        except OSError as error:
            raise CommandError(f"Filen kan ikke åbnes: {error}") from None
        except KleImportError as error:
            raise CommandError(f"{error} Intet er ændret.") from None
        out = self.stdout.write
        for line in diff_rapport(kle_diff(emneplan)):
            out(line)
        if dry_run:
            out("Prøvekørsel: intet er ændret.")
            return
        result = kle_import(emneplan)
        log(Handling.INDLAESNING, brugernavn="kommandolinje", beskrivelse=f"KLE-emneplan {file}")
        out(f"KLE-emneplan udgivet {result.udgivet or 'ukendt dato'} er importeret.")
        for niveau in KLE.Niveau:
            out(f"  {niveau.label}: {result.per_niveau[niveau]}")
        for status in KLE.Status:
            out(f"  {status.label}: {result.per_status[status]}")
        out(f"Oprettet: {result.created}, opdateret: {result.updated}, uændret: {result.unchanged}.")
