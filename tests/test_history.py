"""The Historik shows every value as the user saw it in the form."""

from django.urls import reverse

from exitstrategi.services import phase_record_save
from workshops.models import AsIs


def historik(client, sagsomraade):
    response = client.get(reverse("sagsomraade-detail", args=["borgerservice", sagsomraade.kle.nummer]))
    return {(c.what, c.old, c.new) for c in response.context["changes"]}, response.content.decode()


def test_answers_show_as_yes_no_labels_and_names_without_repeats(
    login, laeser, projektleder, ja_sagsomraade, systemer
):
    save = dict(model=AsIs, sagsomraade=ja_sagsomraade, user=projektleder)
    phase_record_save(**save, values={"q1": True, "q2": False, "q5": True}, version=0)
    phase_record_save(
        **save,
        values={"system_sager": systemer["KMD Sag"], "monopolbrud_tsa": "ja", "q5": False},
        m2m={"monopolbrud_tsa_systemer": [systemer["KMD Aktiv"], systemer["KMD Aktiv"]]},
        version=1,
    )

    shown, page = historik(login(laeser), ja_sagsomraade)

    assert ("As-is: Anvender I KMD Sag på sagsområdet?", "–", "Ja") in shown
    assert any(what == "As-is: 3. Brugsmønster" and new.startswith("D") for what, _old, new in shown)
    assert ("As-is: a) Sager journaliseres i", "–", "KMD Sag") in shown
    assert ("As-is: Monopolbrud- og TSA-systemer", "–", "KMD Aktiv") in shown
    assert any(
        what.endswith("eneste/primære sagssystem?") and (old, new) == ("Ja", "Nej")
        for what, old, new in shown
    )
    assert not any("komplet" in what or "version" in what for what, _old, _new in shown)
    assert "True" not in page and "+00:00" not in page
