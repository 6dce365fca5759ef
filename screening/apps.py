from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "screening"
    verbose_name = "Fase 1: Screening"

    def ready(self):
        from . import sheet

        sheet.register()
