"""Contract deadlines reach people: the front page lists the last notice days of the next 90 days, and
`manage.py paamindelser` e-mails the project leader once per deadline, a set number of days ahead."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from exitstrategi.kontraktdatoer import add_months
from tests.conftest import make_user, ny_kontrakt


@pytest.fixture
def kontrakter(systemer):
    """Opera's notice runs out this month (three months to a month end), SBSYS's is years away."""
    soon = ny_kontrakt(systemer["KMD Opera"], navn="Opera drift", opsigelsesvarsel=3)
    ny_kontrakt(systemer["SBSYS"], navn="SBSYS drift", uopsigelig_til=add_months(timezone.localdate(), 36))
    return soon


def deadline(kontrakt):
    return kontrakt.tidligste_ophoer(timezone.localdate()).opsig_senest


def paamindelser(*args):
    out = StringIO()
    call_command("paamindelser", *args, stdout=out)
    return out.getvalue()


def test_the_front_page_lists_the_deadlines_of_the_next_90_days(login, laeser, kontrakter):
    page = login(laeser).get(reverse("home")).content.decode()
    assert "Kontraktfrister de næste 90 dage" in page
    assert "Opera drift (KMD Opera)" in page and "SBSYS drift" not in page
    assert deadline(kontrakter).strftime("%-d.") in page


def test_with_no_deadlines_the_front_page_says_where_they_come_from(login, laeser, db):
    page = login(laeser).get(reverse("home")).content.decode()
    assert "Ingen opsigelsesfrister de næste 90 dage" in page and reverse("kontrakt-list") in page


def test_the_project_leader_is_mailed_once_per_deadline(kontrakter, settings):
    leader, _reader = make_user("pia", "Projektleder"), make_user("lone", "Læser")
    settings.PAAMINDELSE_DAGE = 60
    history_rows = kontrakter.history.count()
    output = paamindelser()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [leader.email]
    body = mail.outbox[0].body
    assert "Opera drift (KMD Opera): opsig senest" in body and "SBSYS" not in body
    assert "Sendt til" in output
    paamindelser()
    assert len(mail.outbox) == 1  # the same deadline is not mailed again
    assert kontrakter.history.count() == history_rows  # the reminder's mark writes no Historik row


def test_a_deadline_further_away_than_the_set_days_waits_and_a_dry_run_sends_nothing(kontrakter, settings):
    make_user("pia", "Projektleder")
    settings.PAAMINDELSE_DAGE = (deadline(kontrakter) - timezone.localdate()).days - 1
    assert "Ingen nye frister" in paamindelser()
    settings.PAAMINDELSE_DAGE = 90
    assert "Intet sendt." in paamindelser("--dry-run")
    assert mail.outbox == []
