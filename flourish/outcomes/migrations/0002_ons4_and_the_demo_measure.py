"""Load the instruments that ship with Flourish (ONS4 and a demonstration measure), so a
person can check in on a fresh site. Later versions are loaded with `instrument_load`."""

from django.db import migrations


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    from flourish.outcomes.instruments import BUILT_IN, definition_read

    instrument = apps.get_model("outcomes", "Instrument")
    for path in sorted(BUILT_IN.glob("*.json")):
        definition = definition_read(path)
        instrument.objects.update_or_create(
            slug=definition["slug"],
            defaults={
                "name": definition["name"],
                "version": definition["version"],
                "licence": definition.get("licence", ""),
                "definition": definition,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0001_goals_checkins_and_totals")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
