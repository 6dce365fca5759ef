from django.db import migrations

from exitstrategi.generation import watch


class Migration(migrations.Migration):
    dependencies = [
        ("exitstrategi", "0028_opslag"),
        ("workshops", "0017_generation"),
    ]

    operations = [
        watch("workshops_workshop", "opslag"),
        watch("workshops_workshop_fagomraader", "opslag"),
    ]
