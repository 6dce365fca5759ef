"""Optimistic locking: a form carries the version it was rendered from; a save checks it."""


class ConcurrentEditError(Exception):
    """Someone saved since the form was rendered. `records` maps the key of each conflicting row
    (the sagsområde's id) to its record as saved now, or None if it has none any more."""

    message = (
        "Nogen har gemt en ændring, mens du redigerede. Din ændring er ikke gemt; "
        "se den nye værdi og ret igen."
    )

    def __init__(self, records):
        super().__init__(self.message)
        self.records = records


def check_version(instance, submitted_version):
    """Raise if the row was saved by someone else since the form was rendered."""
    if instance.version != submitted_version:
        raise ConcurrentEditError({instance.pk: instance})
