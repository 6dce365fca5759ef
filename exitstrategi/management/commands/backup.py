from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from exitstrategi.backup import backup_bytes


class Command(BaseCommand):
    help = "Gemmer hele installationen (alle data, Historikken og de uploadede filer) i én fil."

    def add_arguments(self, parser):
        parser.add_argument("ud", help="Filnavn, fx exitstrategi-2026-11-27.backup")

    def handle(self, *args, ud, **options):
        data = backup_bytes()
        Path(ud).write_bytes(data)
        how = "krypteret" if settings.BACKUP_KEY else "IKKE krypteret (sæt BACKUP_KEY)"
        self.stdout.write(f"Sikkerhedskopien er gemt i {ud} ({len(data) // 1024} kB, {how}).")
