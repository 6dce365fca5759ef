from django.apps import AppConfig


class PrioriteringConfig(AppConfig):
    name = "prioritering"
    verbose_name = "Fase 4: Prioritering og beslutningsgrundlag"

    def ready(self):
        from exitstrategi.model_loading import load_fast

        from . import sheet, signals  # noqa: F401  (signals connect on import)

        sheet.register()
        load_fast(self)
