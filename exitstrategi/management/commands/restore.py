from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exitstrategi.backup import BackupError, restore


class Command(BaseCommand):
    help = "Gendanner en sikkerhedskopi i en ny, tom og migreret installation (alt eller intet)."

    def add_arguments(self, parser):
        parser.add_argument("ind", help="Sikkerhedskopien, som `backup` har lavet")

    def handle(self, *args, ind, **options):
        try:
            manifest = restore(Path(ind).read_bytes())
        except OSError as error:
            raise CommandError(f"{ind} kan ikke læses: {error.strerror}.") from None
        except BackupError as error:
            raise CommandError(f"{error} Intet er ændret.") from None
        self.stdout.write(
            f"Gendannet: sikkerhedskopien fra {manifest['oprettet']} med {manifest['filer']} filer."
        )
