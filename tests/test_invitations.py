"""An invitation lost or expired is no dead end: the project leader sends a new one, and the person
can also order a link themselves; never a flood of mails to one address."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from exitstrategi.models import Logpost
from exitstrategi.services import user_invite


@pytest.fixture
def invited(projektleder, borgerservice):
    user = user_invite(
        email="kim@kommune.dk",
        fulde_navn="Kim Kontakt",
        rolle="Kontaktperson",
        fagomraader=[borgerservice],
        base_url="http://testserver/",
        invited_by=projektleder,
    )
    mail.outbox.clear()
    return user


def test_the_project_leader_sends_a_new_invitation_with_a_working_link(login, client, projektleder, invited):
    page = login(projektleder).get(reverse("user-update", args=[invited.pk])).content.decode()
    assert "Send invitationen igen" in page

    login(projektleder).post(reverse("user-reinvite", args=[invited.pk]))

    assert mail.outbox[0].to == ["kim@kommune.dk"]
    assert "Kontaktperson" in mail.outbox[0].body and "Borgerservice" in mail.outbox[0].body
    link = re.search(r"http://testserver(/konto/reset/\S+)", mail.outbox[0].body).group(1)
    client.logout()
    assert client.get(link, follow=True).context["validlink"]


def test_only_the_project_leader_resends_invitations(login, kontaktperson, invited):
    assert login(kontaktperson).post(reverse("user-reinvite", args=[invited.pk])).status_code == 403
    assert mail.outbox == []


def test_an_invited_person_orders_a_link_themselves_but_not_a_flood(client, invited):
    for _ in range(5):
        response = client.post(reverse("password_reset"), {"email": "KIM@kommune.dk"})
        assert response.status_code == 302  # the same answer every time

    assert len(mail.outbox) == 3
    assert "/konto/reset/" in mail.outbox[0].body
    sent = Logpost.objects.filter(handling=Logpost.Handling.NULSTILLING, bruger=invited)
    assert sent.count() == 3  # the limit is kept in the database, so every server process shares it


def test_the_reset_limit_counts_the_last_hour_only(client, invited):
    for _ in range(3):
        client.post(reverse("password_reset"), {"email": "kim@kommune.dk"})
    Logpost.objects.filter(handling=Logpost.Handling.NULSTILLING).update(
        tidspunkt=timezone.now() - timedelta(minutes=61)
    )
    mail.outbox.clear()

    client.post(reverse("password_reset"), {"email": "kim@kommune.dk"})

    assert len(mail.outbox) == 1
