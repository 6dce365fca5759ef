"""Trin 1: a suggested user level (få / mellem / mange) from As-is question 2. Pure, no Django.

The guide asks the project leader to compare the areas' numbers of users and set the level; it gives
no thresholds. The suggestion is ours and only a suggestion: it is never stored as the leader's level.
"""

from fractions import Fraction

FAA, MELLEM, MANGE = "faa", "mellem", "mange"
NIVEAUER = (FAA, MELLEM, MANGE)
MINDST = 3  # fewer areas with a known count than this: nothing to compare, no suggestion

REGEL = (
    "Forslaget er vores egen regel, ikke guidens: sagsområderne ordnes efter antal sagsbehandlere "
    "(As-is spørgsmål 2); den nederste tredjedel foreslås få, den midterste mellem og den øverste mange. "
    "Lige store antal får samme forslag. Uden et kendt antal, eller når færre end tre sagsområder har et "
    "kendt antal, gives intet forslag."
)


def forslag(antal):
    """{key: "faa" | "mellem" | "mange" | None} for {key: number of caseworkers or None}.

    Each known count's place in the distribution is its mid-rank (0 the smallest, 1 the largest; equal
    counts share the average of their ranks): below 1/3 få, above 2/3 mange, else mellem.
    """
    known = sorted(n for n in antal.values() if n is not None)
    if len(known) < MINDST:
        return dict.fromkeys(antal)
    last = len(known) - 1
    result = {}
    for key, n in antal.items():
        if n is None:
            result[key] = None
            continue
        below = sum(1 for m in known if m < n)
        equal = sum(1 for m in known if m == n)
        place = Fraction(2 * below + equal - 1, 2 * last)  # exact, so a place of exactly 1/3 is mellem
        result[key] = FAA if place < Fraction(1, 3) else MANGE if place > Fraction(2, 3) else MELLEM
    return result
