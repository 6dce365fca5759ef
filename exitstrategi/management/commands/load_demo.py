from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from exitstrategi.demo import logins


class Command(BaseCommand):
    help = "Indlæser demokommunen «Eksempel Kommune» (kun med DEBUG=1). Kan køres flere gange."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "load_demo kører kun med DEBUG=1, så kendte demo-adgangskoder aldrig havner i en "
                "produktionsdatabase."
            )
        # Each app in dependency order (core first) adds its part of Eksempel Kommune.
        for app in apps.get_app_configs():
            if app.path.startswith(str(settings.BASE_DIR)) and find_spec(f"{app.name}.demo"):
                import_module(f"{app.name}.demo").load(self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Eksempel Kommune er klar. Log ind med:"))
        for username, password, rolle in logins():
            self.stdout.write(f"  {rolle:<14} brugernavn: {username:<14} adgangskode: {password}")
