import uuid

from django.db import migrations, models


def give_keys(apps, schema_editor):
    Sagsomraade = apps.get_model("exitstrategi", "Sagsomraade")
    for pk in Sagsomraade.objects.values_list("pk", flat=True):
        Sagsomraade.objects.filter(pk=pk).update(noegle=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("exitstrategi", "0012_notat_skabelon_dotx")]

    operations = [
        migrations.AddField(
            model_name="sagsomraade", name="noegle", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.RunPython(give_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="sagsomraade",
            name="noegle",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text="Følger rækken i Excel-arket.",
                unique=True,
                verbose_name="nøgle",
            ),
        ),
    ]
