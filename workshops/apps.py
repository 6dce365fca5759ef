from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = "Fase 2 og 3: Workshops, As-is og To-be"

    def ready(self):
        from exitstrategi.model_loading import load_fast
        from exitstrategi.services import person_anonymised

        from . import sheet
        from .services import deltager_anonymise

        sheet.register_asis()
        sheet.register_tobe()
        person_anonymised.connect(deltager_anonymise, dispatch_uid="workshops_deltager_anonymise")
        load_fast(self)
