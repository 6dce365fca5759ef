"""The one module of the guide's words says exactly what the guide says.

The oracle below is written out independently, copied from ../shared/DOMAIN.md (the guide's Danish
wording verbatim), as the R2 test holds its own."""

from exitstrategi import guiden


def test_r2_questions_are_the_guides():
    assert list(guiden.R2_SPOERGSMAAL.values()) == [
        "Anvender I KMD Sag på sagsområdet?",
        "Har I derudover et særskilt fagsystem på sagsområdet?",
        "Skriver I journalnotaterne i dette fagsystem?",
        "Kan I se relevante adviser i dette fagsystem?",
        "Anvender I KMD Sag som jeres eneste/primære sagssystem?",
    ]


def test_both_sentences_of_every_brugsmoenster_type_are_the_guides():
    assert guiden.BRUGSMOENSTRE["0"] == ("Bruger IKKE KMD Sag i dag.", "Ingen afhængighed til KMD Sag.")
    assert guiden.BRUGSMOENSTRE["A"][1] == "Blot afhængig af KMD Sag til tværgående sagsoverblik."
    assert guiden.BRUGSMOENSTRE["B"][0].endswith(
        "mens sager, dokumenter og journalnotater ligger i fagsystem."
    )
    assert guiden.BRUGSMOENSTRE["C"][0] == (
        "Bruger i dag KMD Sag i samspil med et fagsystem (typisk et KMD-system) eller KMD EDH-modulet. "
        "Sagen (fx beregning af en ydelse) er i fagsystemet, mens adviser, journalnotater og overblik er "
        "understøttet af KMD Sag."
    )
    assert guiden.BRUGSMOENSTRE["D"] == (
        "Har ikke noget fagsystem og bruger i dag KMD Sag til hele sagsarbejdet.",
        "Fuldkommen afhængighed af KMD Sag.",
    )
    assert guiden.BRUGSMOENSTRE["E"][1] == "Lav afhængighed af KMD Sag."


def test_the_as_is_questions_keep_the_guides_words():
    assert "og TSA aftalen" in guiden.ASIS["5"]  # "og", not "eller"
    assert guiden.ASIS["6"] == "Hvor mange manuelle sager og journalnotater har I i KMD Sag på sagsområdet?"
    assert guiden.ASIS["7"].startswith("Hvad kræver det af oprydning i sagerne, hvis de skal flyttes")
    assert guiden.ASIS["8"] == "Er der nogle af sagerne, der kan arkiveres, og hvad kræver det?"


def test_the_to_be_questions_keep_the_guides_words():
    assert guiden.TOBE["2"] == "Hvornår skal løsningen/løsningerne på sagsområdet i udbud?"
    assert guiden.TOBE["3"] == (
        "Hvilke it-løsninger er der på markedet af ESDH- og fagsystemløsninger, der kan understøtte det "
        "konkrete sagsområde?"
    )
    assert guiden.TOBE["6"].startswith("Vurdér kompleksiteten af oprydningsarbejdet. Lav-middel-høj.")


def test_the_scenarios_and_their_tasks_are_the_guides_in_the_figures_order():
    assert list(guiden.LOESNINGSSCENARIER) == [4, 3, 2, 1]
    assert guiden.LOESNINGSSCENARIER[1][0] == "Fortsæt med at blive i KMD Sag og afløft udbudspligten"
    four = guiden.LOESNINGSSCENARIER[4][1]
    assert four[3] == "Anskaffelsesproces på ny løsning"  # an acquisition, not necessarily a tender
    assert four[4] == "Indkøbs- og forhandlingsproces med aktuelle leverandører"
    assert guiden.LOESNINGSSCENARIER[2][1] == [
        "Oprydning i sager",
        "Konvertering af data fra én løsning til en anden",
        "Systemopsætning, brugeroprettelse, licensudvidelser/fornyelser",
        "Guidelines, arbejdsgangsbeskrivelser",
        "Forandringsproces og -ledelse",
        "Uddannelse",
    ]
    assert guiden.LOESNINGSSCENARIER[3][1][3] == (
        "Indhent tilbud på ny funktionalitet/tilpasning af eksisterende løsning"
    )
    assert guiden.LOESNINGSSCENARIER[1][1] == [
        "Overvej hvordan kommunen kan afløfte udbudspligten (via SKI eller lokalt udbud)",
        "Hvis det nuværende fagsystem er KMD Aktiv eller KMD Sygedagpenge, afvent da implementering af KY "
        "eller KSD.",
    ]


def test_forms_and_the_preparation_pack_show_the_guides_questions(login, kontaktperson, c_sagsomraade):
    from django.urls import reverse
    from django.utils import timezone

    from workshops.models import Workshop

    workshop = Workshop.objects.create(titel="As-is 1", start=timezone.now())
    workshop.fagomraader.set([c_sagsomraade.fagomraade])
    client = login(kontaktperson)

    asis = client.get(c_sagsomraade.url("workshops:asis-update")).content.decode()
    tobe = client.get(c_sagsomraade.url("workshops:tobe-update")).content.decode()
    pack = client.get(
        reverse("workshops:forberedelsespakke", args=[workshop.pk, "borgerservice"])
    ).content.decode()

    assert guiden.ASIS["5"] in asis and guiden.ASIS["6"] in asis and guiden.ASIS["8"] in asis
    assert guiden.TOBE["2"] in tobe and guiden.TOBE["6"] in tobe
    assert "Vores hjælp, ikke den endelige guides ord" in tobe  # the draft's rule of thumb is not the guide's
    assert "Hvor mange manuelle sager og journalnotater har I i KMD Sag på sagsområdet?" in pack
