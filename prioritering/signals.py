"""Fase 4 follows the earlier phases without their knowing: a changed recommendation updates the task
list of the areas whose scenario in force is the recommended one."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from exitstrategi.services import phase_records_saved
from workshops.models import ToBe

from .services import opgaver_sync


@receiver(post_save, sender=ToBe, dispatch_uid="prioritering_opgaver_follow_tobe")
def tobe_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        opgaver_sync(instance.sagsomraade)


@receiver(phase_records_saved, sender=ToBe, dispatch_uid="prioritering_opgaver_follow_tobes")
def tobes_saved(sender, records, fields, **kwargs):
    if "anbefalet_scenarie" in fields:
        for record in records:
            opgaver_sync(record.sagsomraade)
