from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from exitstrategi.kontraktfrister import frister
from exitstrategi.models import Kontrakt
from exitstrategi.roles import Rolle


class Command(BaseCommand):
    help = (
        "E-mailer projektlederen om kontrakter, hvis sidste opsigelsesdag er mindre end "
        "PAAMINDELSE_DAGE dage væk (én gang pr. frist). Køres dagligt, fx fra cron som backuppen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Vis kun, hvem der ville få hvad.")

    def handle(self, *args, dry_run, **options):
        today = timezone.localdate()
        due = [
            f
            for f in frister(today, settings.PAAMINDELSE_DAGE)
            if f.kontrakt.frist_paamindet != f.opsig_senest
        ]
        if not due:
            self.stdout.write("Ingen nye frister at minde om.")
            return
        leaders = (
            get_user_model()
            .objects.filter(Q(groups__name=Rolle.PROJEKTLEDER) | Q(is_superuser=True), is_active=True)
            .exclude(email="")
        )
        recipients = sorted({user.email for user in leaders})
        lines = [
            f"- {f.kontrakt.navn} ({f.kontrakt.systemnavne}): opsig senest {f.opsig_senest:%d.%m.%Y}, "
            f"ophører tidligst {f.tidligste_ophoer:%d.%m.%Y}"
            for f in due
        ]
        for line in lines:
            self.stdout.write(line)
        if dry_run or not recipients:
            self.stdout.write("Intet sendt." if dry_run else "Ingen projektleder har en e-mailadresse.")
            return
        send_mail(
            f"Exitstrategi: {len(due)} kontraktfrist{'er' if len(due) != 1 else ''} nærmer sig",
            "Disse kontrakter skal opsiges snart, hvis de skal ophøre hurtigst muligt:\n\n"
            + "\n".join(lines)
            + "\n\nSe kontraktoverblikket i Exitstrategi.",
            None,
            recipients,
        )
        for frist in due:  # a bookkeeping mark, not a change to the contract: no Historik row
            Kontrakt.objects.filter(pk=frist.kontrakt.pk).update(frist_paamindet=frist.opsig_senest)
        self.stdout.write(f"Sendt til {', '.join(recipients)}.")
