"""The municipality's decision: recorded with a mandate, per area, revisable by a later record."""

from urllib.parse import urlencode

from django.urls import reverse

from prioritering.models import Beslutning

NY = reverse("prioritering:beslutning-create")


def decision(omraader, **lines):
    data = {
        "beslutning-besluttet_af": "Direktionen",
        "beslutning-dato": "2027-02-01",
        "beslutning-journalnummer": "00.01.00-A00-1-27",
    }
    for s in omraader.values():
        data[f"linjer-s{s.pk}"] = ""
    for key, (scenarie, begrundelse) in lines.items():
        data[f"linjer-s{omraader[key].pk}"] = scenarie
        data[f"linjer-b{omraader[key].pk}"] = begrundelse
    return data


def test_the_project_leader_records_a_decision_per_area(login, projektleder, omraader):
    response = login(projektleder).post(
        NY, decision(omraader, bolig=(2, ""), kontant=(3, "Billigere at tilpasse"))
    )

    beslutning = Beslutning.objects.get()
    assert response.status_code == 302 and response.url == beslutning.get_absolute_url()
    assert (beslutning.besluttet_af, str(beslutning.dato), beslutning.oprettet_af) == (
        "Direktionen",
        "2027-02-01",
        projektleder,
    )
    assert sorted(
        (linje.sagsomraade.kle.nummer, linje.scenarie, linje.begrundelse) for linje in beslutning.linjer.all()
    ) == [
        ("32.06.00", 2, ""),
        ("32.24.04", 3, "Billigere at tilpasse"),
    ]
    page = login(projektleder).get(beslutning.get_absolute_url()).content.decode()
    assert "Billigere at tilpasse" in page and "Direktionen" in page


def test_a_decision_that_departs_from_the_recommendation_needs_a_reason(login, projektleder, omraader):
    response = login(projektleder).post(NY, decision(omraader, kontant=(3, "")))

    assert response.status_code == 200
    assert "Beslutningen afviger fra anbefalingen (4); skriv begrundelsen." in response.content.decode()
    assert not Beslutning.objects.exists()


def test_a_decision_names_at_least_one_area(login, projektleder, omraader):
    response = login(projektleder).post(NY, decision(omraader))

    assert "Vælg et løsningsscenarie for mindst ét sagsområde." in response.content.decode()
    assert not Beslutning.objects.exists()


def test_the_form_starts_from_the_scenario_in_force(login, projektleder, omraader):
    form = login(projektleder).get(NY).context["linjer"]

    assert {r.sagsomraade.kle.nummer: field.value() for r, field, _b in form.rows()} == {
        "32.24.05": 1,
        "32.24.04": 4,
        "32.06.00": 2,
    }


def test_only_the_project_leader_records_decisions_and_everyone_reads_them(
    login,
    kontaktperson,
    laeser,
    projektleder,
    omraader,
):
    login(projektleder).post(NY, decision(omraader, bolig=(2, "")))
    beslutning = Beslutning.objects.get()
    for user in (kontaktperson, laeser):
        client = login(user)
        assert client.get(NY).status_code == 403
        assert client.post(NY, decision(omraader, bolig=(1, "x"))).status_code == 403
        assert client.get(reverse("prioritering:beslutning-list")).status_code == 200
        assert client.get(beslutning.get_absolute_url()).status_code == 200
    assert Beslutning.objects.count() == 1


def test_the_tasks_follow_the_decided_scenario_and_keep_started_work(login, projektleder, laeser, omraader):
    from prioritering.models import Opgave

    kontant = omraader["kontant"]
    assert {o.scenarie for o in kontant.opgaver.all()} == {4}  # the recommendation, until a decision
    kontant.opgaver.filter(tekst="Uddannelse").update(status="i_gang")

    login(projektleder).post(NY, decision(omraader, kontant=(2, "Eksisterende ESDH rækker")))

    tasks = {(o.scenarie, o.tekst): o.status for o in kontant.opgaver.all()}
    assert tasks[4, "Uddannelse"] == "i_gang"  # started work is kept
    assert (4, "Anskaffelsesproces på ny løsning") not in tasks
    assert tasks[2, "Oprydning i sager"] == "ikke_startet"
    opgaver = kontant.url("prioritering:opgaver")
    page = login(laeser).get(opgaver)
    assert "løsningsscenarie <strong>2</strong> (besluttet)" in page.content.decode()
    task = Opgave.objects.get(sagsomraade=kontant, scenarie=2, tekst="Oprydning i sager")
    assert login(laeser).post(opgaver, {f"status-{task.pk}": "faerdig"}).status_code == 403
    login(projektleder).post(
        opgaver,
        urlencode({f"status-{task.pk}": "faerdig", "status-³": "faerdig", f"status-{'9' * 5000}": "faerdig"}),
        content_type="application/x-www-form-urlencoded",  # as the page's form posts (a browser's default)
    )  # not keys: left
    task.refresh_from_db()
    assert task.status == "faerdig"
