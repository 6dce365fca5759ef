import exitstrategi.generation
from django.db import migrations, models

from exitstrategi.generation import COUNT_FUNCTION, _start, watch


def add_opslag(apps, schema_editor):
    # Not AddField: SQLite would copy the table to add a column with a default, and refuses to drop
    # the old one while the triggers of 0027 update it by name.
    schema_editor.execute("ALTER TABLE exitstrategi_generation ADD COLUMN opslag bigint NOT NULL DEFAULT 0")
    schema_editor.execute("UPDATE exitstrategi_generation SET opslag = %s", [_start()])
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE exitstrategi_generation ALTER COLUMN opslag DROP DEFAULT")
        schema_editor.execute(COUNT_FUNCTION)  # now with a branch for `opslag`


def drop_opslag(apps, schema_editor):
    schema_editor.execute("ALTER TABLE exitstrategi_generation DROP COLUMN opslag")


class Migration(migrations.Migration):
    dependencies = [
        ("exitstrategi", "0027_generation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(add_opslag, drop_opslag)],
            state_operations=[
                migrations.AddField(
                    model_name="generation",
                    name="opslag",
                    field=models.BigIntegerField(default=exitstrategi.generation._start),
                ),
            ],
        ),
        watch("exitstrategi_kle", "opslag"),
        watch("exitstrategi_fagomraade", "opslag"),
        watch("exitstrategi_itsystem", "opslag"),
        watch("exitstrategi_kontrakt", "opslag"),
        watch("exitstrategi_kontrakt_itsystemer", "opslag"),
        watch("exitstrategi_kontrakt_afventer_udfasning", "opslag"),
        watch("exitstrategi_kommune", "opslag"),
    ]
