from exitstrategi.services import phase_record_save

from .models import Deltager, ToBe


def tobe_save(**kwargs):
    """Save To-be answers (phase_record_save's arguments, without the model)."""
    return phase_record_save(model=ToBe, **kwargs)


def deltager_anonymise(sender, email, **kwargs):
    """A person who has left, on workshop participant lists: name and e-mail removed, the seat kept
    (the workshop's numbers and categories stay true). Returns how many."""
    return Deltager.objects.filter(email__iexact=email).update(navn="Tidligere deltager", email="")
