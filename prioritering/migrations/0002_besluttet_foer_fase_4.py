from django.db import migrations


def move_decisions(apps, schema_editor):
    """To-be's "besluttet løsningsscenarie" becomes one decision record, marked as registered before
    fase 4 and without a date: who decided and when was never recorded."""
    ToBe = apps.get_model("workshops", "ToBe")
    Beslutning = apps.get_model("prioritering", "Beslutning")
    BeslutningLinje = apps.get_model("prioritering", "BeslutningLinje")
    decided = list(ToBe.objects.exclude(besluttet_scenarie=None))
    if not decided:
        return
    beslutning = Beslutning.objects.create(foer_fase_4=True)
    BeslutningLinje.objects.bulk_create(
        BeslutningLinje(beslutning=beslutning, sagsomraade_id=tobe.pk, scenarie=tobe.besluttet_scenarie)
        for tobe in decided
    )


def restore_decisions(apps, schema_editor):
    ToBe = apps.get_model("workshops", "ToBe")
    BeslutningLinje = apps.get_model("prioritering", "BeslutningLinje")
    for linje in BeslutningLinje.objects.filter(beslutning__foer_fase_4=True):
        ToBe.objects.filter(pk=linje.sagsomraade_id).update(besluttet_scenarie=linje.scenarie)


class Migration(migrations.Migration):
    dependencies = [
        ("prioritering", "0001_initial"),
        ("workshops", "0012_markedsloesninger"),
    ]

    operations = [migrations.RunPython(move_decisions, restore_decisions)]
