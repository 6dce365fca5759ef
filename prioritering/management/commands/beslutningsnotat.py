from pathlib import Path

from django.core.management.base import BaseCommand

from prioritering.notat_docx import aktuelt_notat


class Command(BaseCommand):
    help = "Skriver beslutningsnotatet, som data er nu, som Word-dokument (.docx)."

    def add_arguments(self, parser):
        parser.add_argument("out", help="Filen, notatet skrives til, fx beslutningsnotat.docx")

    def handle(self, *args, out, **options):
        content = aktuelt_notat()
        Path(out).write_bytes(content)
        self.stdout.write(f"Beslutningsnotatet er skrevet til {out} ({len(content) // 1024} kB).")
