from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "screening"
    verbose_name = "Fase 1: Screening"

    def ready(self):
        from exitstrategi.model_loading import load_fast

        from . import sheet

        sheet.register()
        load_fast(self)
