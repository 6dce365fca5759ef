"""The project leader asks the contact persons by e-mail, as the guide says."""

import pytest
from django.core import mail
from django.urls import reverse

from exitstrategi.models import Fagomraade

REMIND = reverse("fagomraade-remind")


def test_the_contact_persons_get_their_link_and_what_is_missing(
    login, projektleder, kontaktperson, sagsomraade, arbejdsmarked
):
    response = login(projektleder).post(
        REMIND,
        {"fagomraade": [sagsomraade.fagomraade.pk, arbejdsmarked.pk], "next": "/screening/"},
        follow=True,
    )

    [email] = mail.outbox
    assert email.to == ["karim@example.dk"]
    assert "Borgerservice" in email.subject
    assert "Fase 1: Screening: 0 af 1 sagsområder screenet. Næste: 32.06.00" in email.body
    assert "http://testserver/" in email.body
    assert Fagomraade.objects.get(navn="Borgerservice").paamindelse_sendt is not None
    page = response.content.decode()
    assert "Påmindelsen er sendt til kontaktpersonerne for Borgerservice." in page
    assert "Ingen kontaktperson med e-mail for Arbejdsmarked" in page


@pytest.mark.parametrize("persona", ["kontaktperson", "laeser"])
def test_only_the_projektleder_sends_reminders(request, login, persona, borgerservice):
    response = login(request.getfixturevalue(persona)).post(REMIND, {"fagomraade": [borgerservice.pk]})

    assert response.status_code == 403 and mail.outbox == []


def test_the_refusal_fits_the_role(login, kontaktperson, laeser, fremmed_sagsomraade):
    edit = reverse("sagsomraade-update", args=["arbejdsmarked", "32.24.04"])

    as_contact = login(kontaktperson).post(edit, {"version": 0}).content.decode()
    as_reader = login(laeser).post(edit, {"version": 0}).content.decode()
    users = login(kontaktperson).get(reverse("user-list")).content.decode()

    assert "Du kan kun ændre svar i de fagområder, du er kontaktperson for" in as_contact
    assert "Du har læseadgang" in as_reader and "kontaktperson for" not in as_reader
    assert "Det er kun projektlederen, der kan gøre dette." in users
