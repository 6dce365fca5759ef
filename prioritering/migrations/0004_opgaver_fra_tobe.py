from django.db import migrations


def copy_tasks(apps, schema_editor):
    """The task list moves from To-be to Fase 4 with every status as it was."""
    Old = apps.get_model("workshops", "Opgave")
    New = apps.get_model("prioritering", "Opgave")
    New.objects.bulk_create(
        New(sagsomraade_id=o.tobe_id, scenarie=o.scenarie, raekkefoelge=o.raekkefoelge, tekst=o.tekst, status=o.status)
        for o in Old.objects.all()
    )


def copy_back(apps, schema_editor):
    Old = apps.get_model("workshops", "Opgave")
    New = apps.get_model("prioritering", "Opgave")
    Old.objects.bulk_create(
        Old(tobe_id=o.sagsomraade_id, scenarie=o.scenarie, raekkefoelge=o.raekkefoelge, tekst=o.tekst, status=o.status)
        for o in New.objects.all()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("prioritering", "0003_opgaver"),
        ("workshops", "0013_besluttet_flyttet_til_fase_4"),
    ]

    operations = [migrations.RunPython(copy_tasks, copy_back)]
