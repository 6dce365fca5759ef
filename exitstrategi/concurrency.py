"""Optimistic locking: a form carries the version it was rendered from; a save checks it."""


class ConcurrentEditError(Exception):
    message = (
        "Nogen har gemt en ændring, mens du redigerede. Din ændring er ikke gemt; "
        "se den nye værdi og ret igen."
    )

    def __init__(self, current):
        super().__init__(self.message)
        self.current = current


def check_version(instance, submitted_version):
    """Raise if the row was saved by someone else since the form was rendered."""
    if instance.version != submitted_version:
        raise ConcurrentEditError(instance)
