"""Which sagsområder use an IT system, and for what. Phase apps register where that is recorded."""

_sources = []


def register_usage(usage_for_system):
    """usage_for_system(system) yields (sagsomraade, what) pairs, e.g. (s, "Sager (As-is)")."""
    _sources.append(usage_for_system)


def usage(system):
    """[(sagsomraade, [what, ...])] for the system, ordered by fagområde and KLE number."""
    found = {}
    for source in _sources:
        for sagsomraade, what in source(system):
            found.setdefault(sagsomraade, []).append(what)
    return sorted(found.items(), key=lambda item: (item[0].fagomraade.navn, item[0].kle.nummer))
