"""R2 exhaustively: every combination of Ja / Nej / unanswered for the five questions."""

from itertools import product

import pytest

from workshops.brugsmoenster import QUESTIONS, TYPES, InconsistentAnswers, brugsmoenster, next_question

J, N = True, False
# The guide's figure, written out path by path (independent of the TREE the code walks).
PATHS = {
    "0": {"q1": N},
    "A": {"q1": J, "q2": J, "q3": J, "q4": J},
    "B": {"q1": J, "q2": J, "q3": J, "q4": N},
    "C": {"q1": J, "q2": J, "q3": N},
    "D": {"q1": J, "q2": N, "q5": J},
    "E": {"q1": J, "q2": N, "q5": N},
}


def expected(answers):
    """What the figure says about these answers: a type, None (go on asking) or 'inconsistent'."""
    given = {q: a for q, a in answers.items() if a is not None}
    for code, path in PATHS.items():
        if given == path:
            return code
    for path in PATHS.values():
        order = list(path)
        for length in range(len(order)):
            if given == {q: path[q] for q in order[:length]}:
                return None
    return "inconsistent"


@pytest.mark.parametrize("values", list(product([J, N, None], repeat=5)))
def test_every_combination_of_answers_gives_what_the_figure_says(values):
    answers = dict(zip(QUESTIONS, values, strict=True))
    want = expected(answers)

    if want == "inconsistent":
        with pytest.raises(InconsistentAnswers):
            brugsmoenster(answers)
    else:
        assert brugsmoenster(answers) == want


@pytest.mark.parametrize(("code", "path"), PATHS.items())
def test_each_path_asks_only_its_own_questions(code, path):
    asked = []
    answers = {}
    while (question := next_question(answers)) is not None:
        asked.append(question)
        answers[question] = path[question]

    assert asked == list(path)
    assert brugsmoenster(answers) == code


def test_q1_nej_with_later_answers_is_refused_naming_the_questions():
    with pytest.raises(InconsistentAnswers, match="Spørgsmål 2, 5") as error:
        brugsmoenster({"q1": N, "q2": J, "q5": N})
    assert error.value.questions == ["q2", "q5"]


def test_the_types_carry_the_guides_dependency_text():
    assert TYPES["D"][1] == "Fuldkommen afhængighed af KMD Sag."
    assert TYPES["0"][1] == "Ingen afhængighed til KMD Sag."
    assert set(TYPES) == set(PATHS)
