from django.apps import AppConfig


class ExitstrategiConfig(AppConfig):
    name = "exitstrategi"
    verbose_name = "Exitstrategi"

    def ready(self):
        from . import dokumentationsark, faser, indlaesning, lookups, pg_timestamps, revisionslog  # noqa: F401  (receivers, lookups)
        from .forms import SagsomraadeForm
        from .model_loading import load_fast
        from .models import Sagsomraade
        from .worker import tune_garbage_collector

        faser.register(
            faser.Fase(
                0,
                "Grundoplysninger",
                columns=dokumentationsark.core_columns(),
                form=SagsomraadeForm,
                history=lambda sagsomraade: Sagsomraade.history.filter(id=sagsomraade.pk),
                indlaesning=indlaesning.grundoplysninger(),
                menu=[
                    faser.Menupunkt(50, "Dokumentationsark", "dokumentationsark"),
                    faser.Menupunkt(60, "IT-systemer", "itsystem-list", under_input=True),
                    faser.Menupunkt(61, "Kontrakter", "kontrakt-list", under_input=True),
                    faser.Menupunkt(62, "Markedsløsninger", "markedsloesning-list", under_input=True),
                    faser.Menupunkt(63, "KLE-opdatering", "kle", under_input=True),
                    faser.Menupunkt(69, "Kommunens indstillinger", "indstillinger", under_input=True),
                ],
            )
        )
        load_fast(self)
        tune_garbage_collector()
