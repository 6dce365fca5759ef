"""What the As-is and To-be columns share."""

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
            related=(f"{record}__{field}",),
            fields=(field,),
            answer=f"{record}__{field}",
        )
        for field, label in functions
    ]
