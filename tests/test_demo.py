import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from exitstrategi.models import Fagomraade, Kontrakt, Sagsomraade
from exitstrategi.roles import Rolle, rolle_for
from screening.models import Screening
from workshops.models import AsIs, Strategi, ToBe, Workshop


def counts():
    return Fagomraade.objects.count(), Sagsomraade.objects.count(), Screening.objects.count()


def test_load_demo_builds_eksempel_kommune_and_a_second_run_changes_nothing(db, settings, capsys):
    settings.DEBUG = True

    call_command("load_demo")
    first = counts()
    call_command("load_demo")

    assert counts() == first
    fagomraader, sagsomraader, answered = first
    assert fagomraader == 6 and 35 <= sagsomraader <= 45
    assert set(Screening.objects.values_list("anvender_kmd_sag", flat=True)) == {"ja", "nej"}
    assert answered < sagsomraader  # some are still unanswered
    out = capsys.readouterr().out
    assert "brugernavn: kontaktperson" in out and "adgangskode: demo-kontaktperson" in out


def test_the_demo_maps_every_brugsmoenster_and_plans_a_workshop_of_each_type(db, settings):
    settings.DEBUG = True
    call_command("load_demo")

    patterns = set(AsIs.objects.values_list("brugsmoenster", flat=True))
    assert patterns == {"0", "A", "B", "C", "D", "E"}
    assert {True, False} == set(AsIs.objects.values_list("komplet", flat=True))
    opera_c = AsIs.objects.filter(brugsmoenster="C", system_sager__navn="KMD Opera")
    manual_d = AsIs.objects.filter(brugsmoenster="D", system_sager__navn="KMD Sag")
    assert opera_c.exists() and manual_d.exists()
    assert set(Workshop.objects.values_list("type", flat=True)) == {"asis", "tobe", "kombineret"}
    assert not AsIs.objects.exclude(sagsomraade__screening__anvender_kmd_sag="ja").exists()


def test_the_demo_recommends_every_scenario_on_c_and_d_areas_with_contracts_and_strategies(db, settings):
    settings.DEBUG = True
    call_command("load_demo")

    assert set(ToBe.objects.values_list("anbefalet_scenarie", flat=True)) == {1, 2, 3, 4}
    assert set(ToBe.objects.values_list("sagsomraade__asis__brugsmoenster", flat=True)) <= {"C", "D"}
    c_and_d = AsIs.objects.filter(brugsmoenster__in=["C", "D"]).count()
    assert ToBe.objects.count() > c_and_d / 2  # most C/D areas
    assert any(t.afvent_ky_ksd for t in ToBe.objects.all())
    kmd_sag = Kontrakt.objects.get(itsystemer__navn="KMD Sag")
    assert kmd_sag.tidligste_ophoer(timezone.localdate()) is not None
    assert Strategi.objects.count() >= 3


def test_the_demo_has_one_user_per_role_who_can_log_in(client, db, settings):
    settings.DEBUG = True
    call_command("load_demo")

    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    assert {rolle_for(users.get(username=u)) for u in ("projektleder", "kontaktperson", "laeser")} == set(
        Rolle
    )
    response = client.post("/konto/login/", {"username": "kontaktperson", "password": "demo-kontaktperson"})
    assert response.status_code == 302


def test_load_demo_refuses_to_run_without_debug(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="kun med DEBUG=1"):
        call_command("load_demo")
    assert counts() == (0, 0, 0)


def test_the_demo_data_is_valid_as_a_user_would_enter_it(db, settings):
    from django.core.exceptions import ValidationError

    from exitstrategi.models import KLE, ITSystem, Kommune

    settings.DEBUG = True
    call_command("load_demo")

    problems = []
    for model in (Kontrakt, ITSystem, Workshop, Strategi, Kommune):
        for obj in model.objects.all():
            try:
                obj.full_clean()
            except ValidationError as error:
                problems.append((obj, error.messages))
    assert problems == []
    assert not Workshop.objects.filter(invitation_sendt__gt=timezone.localdate()).exists()
    assert ITSystem.objects.filter(navn="KMD Barselsdagpenge", aftale="tsa").exists()
    assert Kommune.get().navn == "Eksempel Kommune" and Kommune.get().sapa_idriftsaettelse is not None
    assert not KLE.objects.filter(titel__icontains="[udgår", status="aktiv").exists()


def test_the_demo_to_be_workshop_has_the_guides_people_and_follows_its_as_is_workshop(db, settings):
    settings.DEBUG = True
    call_command("load_demo")

    tobe = Workshop.objects.get(type="tobe")
    kategorier = set(tobe.deltagere.values_list("kategori", flat=True))
    assert {"genganger", "specialist", "beslutningstager"} <= kategorier
    assert tobe.foelger_efter.filter(type="asis").exists()
    assert not [a for a in tobe.advarsler(2, tobe.deltagere.count(), kategorier) if "anbefaler" in a]
