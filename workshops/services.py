from exitstrategi.services import phase_record_save

from .models import ToBe


def tobe_save(**kwargs):
    """Save To-be answers (phase_record_save's arguments, without the model)."""
    return phase_record_save(model=ToBe, **kwargs)
