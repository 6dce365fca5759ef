"""R2, the brugsmønstermodel: five yes/no questions give a usage pattern 0, A, B, C, D or E.

Plain Python, no Django: the form, the wizard in the browser and the tests all read TREE. The
questions and types are the guide's own words (exitstrategi.guiden).
"""

from exitstrategi import guiden

QUESTIONS = guiden.R2_SPOERGSMAAL

# question: (next if Ja, next if Nej); a next is another question or a brugsmønster
TREE = {
    "q1": ("q2", "0"),
    "q2": ("q3", "q5"),
    "q3": ("q4", "C"),
    "q4": ("A", "B"),
    "q5": ("D", "E"),
}
FIRST = "q1"

# brugsmønster: (how KMD Sag is used today, the dependency on KMD Sag), in the guide's words
TYPES = guiden.BRUGSMOENSTRE
NAVNE = guiden.BRUGSMOENSTER_NAVNE  # C and D have names of their own in the guide
CHOICES = [
    (code, f"{code} ({NAVNE[code]}): {dependency}" if code in NAVNE else f"{code}: {dependency}")
    for code, (_today, dependency) in TYPES.items()
]


class InconsistentAnswers(ValueError):
    """Answers were given to questions the path does not reach."""

    def __init__(self, questions):
        self.questions = questions
        numbers = ", ".join(q[1:] for q in questions)
        super().__init__(
            f"Spørgsmål {numbers} hører ikke med, når de tidligere svar er givet; fjern svaret eller ret de "
            "tidligere svar."
        )


def walk(answers):
    """Follow the tree as far as the answers go.

    answers maps "q1".."q5" to True (Ja), False (Nej) or None (not answered).
    Returns (path, result): the questions asked in order, and the brugsmønster, or None while
    a question on the path is unanswered (the last question of the path is then the next to ask).
    """
    path, node = [], FIRST
    while node in TREE:
        path.append(node)
        answer = answers.get(node)
        if answer is None:
            return path, None
        node = TREE[node][0 if answer else 1]
    return path, node


def brugsmoenster(answers):
    """The brugsmønster the answers give, or None while incomplete.

    Raises InconsistentAnswers when a question off the path has an answer, e.g. Q1 = Nej with
    later answers present.
    """
    path, result = walk(answers)
    off_path = [q for q in QUESTIONS if answers.get(q) is not None and q not in path]
    if off_path:
        raise InconsistentAnswers(off_path)
    return result


def next_question(answers):
    """The next question to ask, or None when the brugsmønster is known."""
    path, result = walk(answers)
    return None if result is not None else path[-1]
