"""Helper of bench_workshop_load.py, run in its database's environment: fill the database and print
each client's plan (JSON), or (--check SAVES) print how many confirmed saves the database lost."""

import json
import sys

from scratch import setup_database_from_environment, workshop_municipality


def fill(clients, password):
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group, User

    from screening.models import screenet_ja

    workshop, _big = workshop_municipality(2000)
    fagomraader = list(workshop.fagomraader.order_by("pk"))
    hashed = make_password(password)  # once: the production hasher is slow by design
    kontaktperson = Group.objects.get(name="Kontaktperson")
    plan = []
    for n in range(clients):
        fagomraade = fagomraader[n % len(fagomraader)]
        user = User.objects.create(username=f"deltager{n}@kommune.dk", password=hashed)
        user.groups.add(kontaktperson)
        fagomraade.kontaktpersoner.add(user)
        areas = list(fagomraade.sagsomraader.filter(screenet_ja()).order_by("kle__nummer"))
        share = clients // len(fagomraader) + 1
        own = areas[n // len(fagomraader) :: share]  # no two clients save the same area
        plan.append(
            {
                "username": user.username,
                "slug": fagomraade.slug,
                "fagomraade": fagomraade.pk,
                "workshop": workshop.pk,
                "areas": [{"pk": s.pk, "kle": s.kle.nummer} for s in own],
            }
        )
    print(json.dumps(plan))


def lost(saves):
    from workshops.models import AsIs

    stored = dict(
        AsIs.objects.filter(pk__in=[int(k) for k in saves]).values_list("pk", "antal_sagsbehandlere")
    )
    print(sum(1 for pk, value in saves.items() if stored.get(int(pk)) != value))


if __name__ == "__main__":
    setup_database_from_environment()
    if sys.argv[1] == "--check":
        lost(json.loads(sys.argv[2]))
    else:
        fill(int(sys.argv[1]), sys.argv[2])
