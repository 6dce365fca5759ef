from django.core.management.base import BaseCommand

from exitstrategi import dokumentationsark
from exitstrategi.excel import dokumentationsark_workbook
from exitstrategi.revisionslog import Handling, log


class Command(BaseCommand):
    help = "Gemmer hele Dokumentationsarket som Excel-fil (.xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("out", help="Filnavn, fx dokumentationsark.xlsx")

    def handle(self, *args, out, **options):
        rows = dokumentationsark.prepare(list(dokumentationsark.queryset()))
        dokumentationsark_workbook(rows, dokumentationsark.columns()).save(out)
        log(Handling.EKSPORT, brugernavn="kommandolinje", beskrivelse=f"{out}: {len(rows)} sagsområder")
        self.stdout.write(f"{len(rows)} sagsområder er gemt i {out}.")
