from django.core.management.base import BaseCommand

from exitstrategi import dokumentationsark
from exitstrategi.excel import dokumentationsark_xlsx
from exitstrategi.revisionslog import Handling, log


class Command(BaseCommand):
    help = "Gemmer hele Dokumentationsarket som Excel-fil (.xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("out", help="Filnavn, fx dokumentationsark.xlsx")

    def handle(self, *args, out, **options):
        data, count = dokumentationsark_xlsx(dokumentationsark.queryset(), dokumentationsark.columns())
        with open(out, "wb") as file:
            file.write(data)
        log(Handling.EKSPORT, brugernavn="kommandolinje", beskrivelse=f"{out}: {count} sagsområder")
        self.stdout.write(f"{count} sagsområder er gemt i {out}.")
