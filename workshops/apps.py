from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = "Fase 2 og 3: Workshops, As-is og To-be"

    def ready(self):
        from . import sheet

        sheet.register_asis()
        sheet.register_tobe()
