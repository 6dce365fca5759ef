"""Which sagsområder use an IT system, and for what; each phase says where (`faser.Fase.system_usage`)."""

from . import faser


def usage(system):
    """[(sagsomraade, [what, ...])] for the system, ordered by fagområde and KLE number."""
    found = {}
    for fase in faser.alle():
        for sagsomraade, what in fase.system_usage(system) if fase.system_usage else []:
            found.setdefault(sagsomraade, []).append(what)
    return sorted(found.items(), key=lambda item: (item[0].fagomraade.navn, item[0].kle.nummer))
