from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from prioritering.models import Opgave
from tests.conftest import ny_kontrakt
from workshops import loesningsscenarier
from workshops.models import AsIs, ToBe, Workshop


def url(s, name="workshops:tobe-update"):
    return s.url(name)


def answers(systemer, **changes):
    data = {
        "version": 0,
        "udbud": "K3 2027",
        "markedsloesninger": [systemer["SBSYS"].pk],
        "loesning_sager": systemer["SBSYS"].pk,
        "loesning_journalnotater": systemer["SBSYS"].pk,
        "loesning_adviser": systemer["KMD Sag"].pk,
        "loesning_dokumenter": systemer["SBSYS"].pk,
        "loesning_overblik": systemer["KMD Sag"].pk,
        "forretningskritisk": "ja",
        "kompleksitet": "middel",
        "anbefalet_scenarie": 2,
        "begrundelse": "SBSYS kan overtage sagerne",
    }
    return {key: value for key, value in (data | changes).items() if value is not None}


def test_a_c_area_gets_its_to_be_answers_and_the_scenarios_task_list(
    login, kontaktperson, c_sagsomraade, systemer
):
    response = login(kontaktperson).post(url(c_sagsomraade), answers(systemer))

    assert response.status_code == 302
    tobe = ToBe.objects.get(pk=c_sagsomraade.pk)
    assert (tobe.udbud_dato, tobe.udbud_kvartal, tobe.udbud_tekst) == (
        date(2027, 9, 30),
        True,
        "3. kvartal 2027",
    )
    assert (tobe.forretningskritisk, tobe.kompleksitet, tobe.anbefalet_scenarie) == ("ja", "middel", 2)
    assert [o.tekst for o in c_sagsomraade.opgaver.all()] == [  # the guide's words, Figur 3; kept in fase 4
        "Oprydning i sager",
        "Konvertering af data fra én løsning til en anden",
        "Systemopsætning, brugeroprettelse, licensudvidelser/fornyelser",
        "Guidelines, arbejdsgangsbeskrivelser",
        "Forandringsproces og -ledelse",
        "Uddannelse",
    ]
    assert tobe.mangler() == []
    listing = login(kontaktperson).get(reverse("workshops:fagomraade-tobe", args=["borgerservice"]))
    row = listing.content.decode().split(f"<tr><td>{c_sagsomraade.kle.nummer}</td>", 1)[1].split("</tr>")[0]
    assert loesningsscenarier.beskrivelse(2) in row and "Komplet" in row and "Udfyld To-be" in row


def test_changing_the_scenario_keeps_started_tasks_and_drops_untouched_ones(
    login, kontaktperson, c_sagsomraade, systemer
):
    client = login(kontaktperson)
    client.post(url(c_sagsomraade), answers(systemer))
    Opgave.objects.filter(tekst="Konvertering af data fra én løsning til en anden").update(status="i_gang")

    client.post(url(c_sagsomraade), answers(systemer, version=1, anbefalet_scenarie=4))

    tasks = {(o.scenarie, o.tekst): o.status for o in Opgave.objects.all()}
    assert tasks[4, "Anskaffelsesproces på ny løsning"] == "ikke_startet"
    assert tasks[4, "Konvertering af data fra én løsning til en anden"] == "ikke_startet"
    assert tasks[2, "Konvertering af data fra én løsning til en anden"] == "i_gang"  # started work is kept
    assert (2, "Uddannelse") not in tasks


def test_scenario_1_on_a_kmd_aktiv_area_awaits_ky_ksd(login, kontaktperson, c_sagsomraade, systemer):
    AsIs.objects.filter(pk=c_sagsomraade.pk).update(system_sager=systemer["KMD Aktiv"])

    login(kontaktperson).post(url(c_sagsomraade), answers(systemer, anbefalet_scenarie=1))

    tobe = ToBe.objects.get(pk=c_sagsomraade.pk)
    assert tobe.afvent_ky_ksd
    assert tobe.scenarie_tekst.endswith("– afvent KY/KSD")
    first, second = c_sagsomraade.opgaver.all()
    assert first.tekst.startswith("Overvej hvordan kommunen kan afløfte udbudspligten")
    assert second.tekst.startswith("Hvis det nuværende fagsystem er KMD Aktiv eller KMD Sygedagpenge")
    page = login(kontaktperson).get(url(c_sagsomraade)).content.decode()
    assert second.tekst in page and "Gælder ikke her" not in page


def test_scenario_1_without_a_monopoly_system_does_not_wait(login, kontaktperson, c_sagsomraade, systemer):
    login(kontaktperson).post(url(c_sagsomraade), answers(systemer, anbefalet_scenarie=1))

    tobe = ToBe.objects.get(pk=c_sagsomraade.pk)
    assert not tobe.afvent_ky_ksd
    assert c_sagsomraade.opgaver.count() == 2  # both of the guide's tasks are always listed
    page = login(kontaktperson).get(url(c_sagsomraade)).content.decode()
    assert "Gælder ikke her" in page


def test_areas_of_other_brugsmoenstre_are_out_of_scope_and_say_why(
    login, kontaktperson, c_sagsomraade, systemer
):
    AsIs.objects.filter(pk=c_sagsomraade.pk).update(brugsmoenster="A")
    client = login(kontaktperson)

    page = client.get(url(c_sagsomraade)).content.decode()
    client.post(url(c_sagsomraade), answers(systemer))

    assert "Kun sagsområder med brugsmønster C eller D vurderes i To-be" in page
    assert not ToBe.objects.exists()
    listing = client.get(reverse("workshops:fagomraade-tobe", args=["borgerservice"])).content.decode()
    assert "Vurderes ikke i To-be" in listing and "brugsmønster A" in listing


def test_an_unreadable_tender_date_re_renders_with_a_danish_error(
    login, kontaktperson, c_sagsomraade, systemer
):
    response = login(kontaktperson).post(url(c_sagsomraade), answers(systemer, udbud="snart"))

    assert "Skriv en dato (fx 30.09.2027) eller et kvartal (fx K3 2027)." in response.content.decode()
    assert not ToBe.objects.exists()


def test_the_tender_date_is_suggested_from_the_contract_overview(
    login, kontaktperson, c_sagsomraade, systemer
):
    ny_kontrakt(systemer["KMD Opera"], navn="Opera SKI", opsigelsesvarsel=3)

    page = login(kontaktperson).get(url(c_sagsomraade)).content.decode()

    assert "Forslag fra kontraktoverblikket: senest" in page and "KMD Opera: Opera SKI" in page


def test_task_status_is_saved_by_the_contact_person(login, kontaktperson, c_sagsomraade, systemer):
    client = login(kontaktperson)
    client.post(url(c_sagsomraade), answers(systemer))
    task = Opgave.objects.get(tekst="Uddannelse")

    client.post(url(c_sagsomraade, "prioritering:opgaver"), {f"status-{task.pk}": "faerdig"})

    task.refresh_from_db()
    assert task.status == "faerdig"


def test_another_fagomraade_cannot_be_assessed(login, kontaktperson, fremmed_sagsomraade):
    client = login(kontaktperson)

    assert client.get(url(fremmed_sagsomraade)).status_code == 403
    assert client.post(url(fremmed_sagsomraade, "prioritering:opgaver"), {}).status_code == 403


def test_answers_at_a_to_be_workshop_record_it_as_the_recommending_source(
    login, kontaktperson, c_sagsomraade, systemer
):
    workshop = Workshop.objects.create(
        titel="To-be 1", type="tobe", start=datetime(2027, 1, 10, 9, tzinfo=UTC)
    )
    workshop.fagomraader.set([c_sagsomraade.fagomraade])

    login(kontaktperson).post(
        url(c_sagsomraade), answers(systemer, anbefalet_paa=workshop.pk, workshop=workshop.pk)
    )

    tobe = ToBe.objects.get(pk=c_sagsomraade.pk)
    assert tobe.anbefalet_paa == workshop
    assert tobe.history.first().history_change_reason == f"Workshop: {workshop}"


def test_the_overview_counts_areas_per_recommended_scenario(
    login, laeser, kontaktperson, c_sagsomraade, systemer
):
    login(kontaktperson).post(url(c_sagsomraade), answers(systemer))

    response = login(laeser).get(reverse("workshops:vurdering"))

    assert [(n, count) for n, _title, count in response.context["scenarier"]] == [
        (1, 0),
        (2, 1),
        (3, 0),
        (4, 0),
    ]
    assert (
        "1 af 1 sagsområder med brugsmønster C eller D har et anbefalet løsningsscenarie."
        in response.content.decode()
    )


@pytest.mark.parametrize("persona", ["laeser", "uden_rolle"])
def test_readers_cannot_open_the_to_be_form(request, login, persona, c_sagsomraade):
    assert login(request.getfixturevalue(persona)).get(url(c_sagsomraade)).status_code == 403


def test_only_workshops_that_covered_the_fagomraade_are_offered_as_where_it_was_recommended(
    login, projektleder, c_sagsomraade, arbejdsmarked
):
    from django.utils import timezone

    from workshops.models import Workshop

    covered = Workshop.objects.create(titel="To-be Borgerservice", type="tobe", start=timezone.now())
    covered.fagomraader.set([c_sagsomraade.fagomraade])
    other = Workshop.objects.create(titel="To-be Arbejdsmarked", type="tobe", start=timezone.now())
    other.fagomraader.set([arbejdsmarked])
    asis = Workshop.objects.create(titel="As-is Borgerservice", type="asis", start=timezone.now())
    asis.fagomraader.set([c_sagsomraade.fagomraade])

    form = (
        login(projektleder)
        .get(reverse("workshops:tobe-update", args=["borgerservice", "32.06.00"]))
        .context["form"]
    )

    assert list(form.fields["anbefalet_paa"].queryset) == [covered]
