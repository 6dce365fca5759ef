from django.urls import reverse

from exitstrategi.history import changes_for
from exitstrategi.models import Sagsomraade
from screening.models import Screening

DETAIL = reverse("screening:fagomraade-detail", args=["borgerservice"])
ADD = reverse("screening:sagsomraade-add", args=["borgerservice"])


def rows_post(rows):
    """rows: list of (sagsomraade, version, svar, note)."""
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": str(len(rows))}
    for i, (s, version, svar, note) in enumerate(rows):
        data |= {
            f"form-{i}-sagsomraade_id": s.pk,
            f"form-{i}-version": version,
            f"form-{i}-svar": svar,
            f"form-{i}-note": note,
        }
    return data


def test_the_overview_counts_answers_per_fagomraade(login, laeser, kle, borgerservice, arbejdsmarked):
    ja, nej, _open = (
        Sagsomraade.objects.create(fagomraade=borgerservice, kle=kle[n])
        for n in ("32.06.00", "32.24.04", "32.24.05")
    )
    Screening.objects.create(sagsomraade=ja, anvender_kmd_sag="ja")
    Screening.objects.create(sagsomraade=nej, anvender_kmd_sag="nej")

    response = login(laeser).get(reverse("screening:fagomraade-list"))

    rows = {f.navn: f for f in response.context["object_list"]}
    b = rows["Borgerservice"]
    assert (b.antal, b.ja, b.nej, b.ubesvaret) == (3, 1, 1, 1)
    assert (rows["Arbejdsmarked"].antal, rows["Arbejdsmarked"].ubesvaret) == (0, 0)
    assert b.sidst_aendret is not None
    assert "67 %" in response.content.decode()
    assert response.context["total"] == {"antal": 3, "ja": 1, "nej": 1, "ubesvaret": 1}


def test_the_fagomraade_overview_explains_an_empty_list(login, projektleder):
    response = login(projektleder).get(reverse("screening:fagomraade-list"))
    assert "Opret dem med knappen «Nyt fagområde»" in response.content.decode()


def test_answers_for_many_rows_are_saved_in_one_go_and_nej_stays_documented(
    login, kontaktperson, kle, borgerservice
):
    a = Sagsomraade.objects.create(fagomraade=borgerservice, kle=kle["32.06.00"])
    b = Sagsomraade.objects.create(fagomraade=borgerservice, kle=kle["32.24.04"])
    client = login(kontaktperson)

    response = client.post(DETAIL, rows_post([(a, 0, "ja", "Via KMD Sag"), (b, 0, "nej", "Kun i SBSYS")]))

    assert response.status_code == 302
    assert Screening.objects.get(pk=a.pk).anvender_kmd_sag == "ja"
    nej = Screening.objects.get(pk=b.pk)
    assert (nej.anvender_kmd_sag, nej.note, nej.aendret_af) == ("nej", "Kun i SBSYS", kontaktperson)
    page = client.get(DETAIL).content.decode()
    assert 'value="nej" class="form-check-input" id="id_form-1-svar_1" checked' in page


def test_unchanged_rows_are_not_saved_again(login, kontaktperson, sagsomraade):
    client = login(kontaktperson)
    client.post(DETAIL, rows_post([(sagsomraade, 0, "ja", "")]))

    client.post(DETAIL, rows_post([(sagsomraade, 1, "ja", "")]))

    assert Screening.objects.get(pk=sagsomraade.pk).version == 1
    assert Screening.history.count() == 1


def test_a_change_is_in_the_historik_with_who_old_and_new(login, kontaktperson, sagsomraade):
    client = login(kontaktperson)
    client.post(DETAIL, rows_post([(sagsomraade, 0, "ja", "")]))
    client.post(DETAIL, rows_post([(sagsomraade, 1, "nej", "")]))

    changes = changes_for(sagsomraade)

    latest = changes[0]
    assert (latest.who, latest.old, latest.new) == ("Karim", "Ja", "Nej")
    assert latest.what == "Screening: Anvendes KMD Sag i dag på sagsområdet?"
    page = client.get(sagsomraade.get_absolute_url()).content.decode()
    assert "Historik" in page and "Karim" in page


def test_a_concurrent_edit_is_detected_and_nothing_is_saved(
    login, kontaktperson, projektleder, kle, borgerservice
):
    a = Sagsomraade.objects.create(fagomraade=borgerservice, kle=kle["32.06.00"])
    b = Sagsomraade.objects.create(fagomraade=borgerservice, kle=kle["32.24.04"])
    login(projektleder).post(DETAIL, rows_post([(a, 0, "nej", "PL svarede først")]))

    # The contact person's form was rendered before the project leader saved (version 0).
    response = login(kontaktperson).post(DETAIL, rows_post([(a, 0, "ja", ""), (b, 0, "ja", "")]))

    assert response.status_code == 200
    assert "Intet er gemt" in response.content.decode()
    assert "Gemt svar nu: Nej" in response.content.decode()
    assert Screening.objects.get(pk=a.pk).anvender_kmd_sag == "nej"
    assert not Screening.objects.filter(pk=b.pk).exists()


def test_a_row_of_another_fagomraade_cannot_be_smuggled_in(
    login, kontaktperson, sagsomraade, fremmed_sagsomraade
):
    response = login(kontaktperson).post(DETAIL, rows_post([(fremmed_sagsomraade, 0, "ja", "")]))

    assert response.status_code == 200
    assert not Screening.objects.exists()


def test_kle_search_finds_by_number_prefix_and_by_words_active_first(
    login, kontaktperson, kle, borgerservice
):
    client = login(kontaktperson)

    by_number = [t.nummer for t in client.get(DETAIL, {"q": "32.24"}).context["results"]]
    by_words = [t.nummer for t in client.get(DETAIL, {"q": "hjælp forsørgelse"}).context["results"]]

    assert by_number == ["32.24", "32.24.04", "32.24.05", "32.24.11"]
    assert by_words == ["32.24.04"]


def test_sagsomraader_are_added_from_kle_and_existing_ones_are_skipped(login, kontaktperson, sagsomraade):
    client = login(kontaktperson)

    client.post(ADD, {"kle": ["32.06.00", "32.24.04"]})

    assert list(
        Sagsomraade.objects.filter(fagomraade__slug="borgerservice").values_list("kle__nummer", "titel")
    ) == [
        ("32.06.00", "Boligstøtte i almindelighed"),
        ("32.24.04", "Hjælp til forsørgelse (kontanthjælp mv.)"),
    ]


def test_a_whole_gruppe_adds_only_its_active_emner_after_a_confirmation(
    login, kontaktperson, kle, borgerservice
):
    client = login(kontaktperson)

    confirmation = client.post(ADD, {"gruppe": "32.24", "kle": ["02.34.02"]}).content.decode()
    before = borgerservice.sagsomraader.count()
    client.post(ADD, {"gruppe": "32.24", "bekraeft": "1"})

    assert "32.24.04 Hjælp til forsørgelse" in confirmation and "32.24.11" not in confirmation
    assert before == 0
    numbers = set(borgerservice.sagsomraader.values_list("kle__nummer", flat=True))
    assert numbers == {"32.24.04", "32.24.05"}


def test_the_same_kle_number_in_two_fagomraader_is_allowed_and_shown(
    login, laeser, kle, sagsomraade, arbejdsmarked
):
    Sagsomraade.objects.create(fagomraade=arbejdsmarked, kle=kle["32.06.00"])

    page = login(laeser).get(DETAIL).content.decode()

    assert "også i Arbejdsmarked" in page


def test_a_reader_sees_answers_but_no_form(login, laeser, sagsomraade):
    Screening.objects.create(sagsomraade=sagsomraade, anvender_kmd_sag="ja")

    page = login(laeser).get(DETAIL).content.decode()

    assert "Gem svar" not in page and "Tilføj sagsområder fra KLE" not in page
    assert "<td>Ja</td>" in page


def test_after_adding_the_search_is_kept_for_the_next_pick(login, kontaktperson, kle, borgerservice):
    response = login(kontaktperson).post(ADD, {"kle": ["32.24.04"], "q": "hjælp & støtte"})

    assert response["Location"] == f"{DETAIL}?q=hj%C3%A6lp+%26+st%C3%B8tte#tilfoej"


def test_switching_ja_to_nej_warns_first_when_later_phases_have_answers_and_keeps_them(
    login, kontaktperson, c_sagsomraade
):
    from workshops.models import AsIs

    client = login(kontaktperson)
    data = {
        "form-TOTAL_FORMS": 1,
        "form-INITIAL_FORMS": 1,
        "form-0-sagsomraade_id": c_sagsomraade.pk,
        "form-0-version": 0,
        "form-0-svar": "nej",
        "form-0-note": "",
    }

    warning = client.post(DETAIL, data).content.decode()
    unchanged = Screening.objects.get(pk=c_sagsomraade.pk).anvender_kmd_sag
    client.post(DETAIL, {**data, "bekraeft_nej": "1"})

    assert "går ud af kortlægningen og vurderingen" in warning and "As-is" in warning
    assert unchanged == "ja"
    assert Screening.objects.get(pk=c_sagsomraade.pk).anvender_kmd_sag == "nej"
    assert AsIs.objects.filter(pk=c_sagsomraade.pk).exists()
