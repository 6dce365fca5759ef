"""What the As-is and To-be columns share."""

import re
from dataclasses import replace

from exitstrategi.dokumentationsark import Column


def system_columns(record, phase, functions, header, value_of):
    """One column per IT system field of question 4 (a–e), showing the system's name."""
    return [
        Column(
            f"{record}_{field}",
            header.format(letter=label[0], what=label[3:]),
            phase,
            value_of(lambda answers, f=field: str(getattr(answers, f) or "")),
            width=16,
            related=(record,),
            prefetch=(f"{record}__{field}",),  # a register: a small query beats a join per system field
            fields=(field,),
            answer=f"{record}__{field}",
        )
        for field, label in functions
    ]


def with_questions(columns, questions):
    """Each column headed by a question number carries the guide's full question (exitstrategi.guiden),
    shown on hover in the sheet and as a note in the Excel header."""
    numbered = [(column, re.match(r"(\d)", column.header)) for column in columns]
    return [replace(c, question=questions.get(m.group(1), "")) if m else c for c, m in numbered]
