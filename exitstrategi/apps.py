from django.apps import AppConfig


class ExitstrategiConfig(AppConfig):
    name = "exitstrategi"
    verbose_name = "Exitstrategi"

    def ready(self):
        from . import dokumentationsark, history

        dokumentationsark.register_core_columns()
        history.register_core_source()
