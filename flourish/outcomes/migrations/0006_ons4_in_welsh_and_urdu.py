"""Reload ONS4 from its file, which now carries the questions and answer labels in Welsh and
Urdu. Check-ins already made keep their scores: only the wording shown changes."""

from django.db import migrations


def reload_ons4(apps, schema_editor):  # type: ignore[no-untyped-def]
    from flourish.outcomes.instruments import BUILT_IN, definition_read

    definition = definition_read(BUILT_IN / "ons4.json")
    apps.get_model("outcomes", "Instrument").objects.update_or_create(
        slug=definition["slug"],
        defaults={
            "name": definition["name"],
            "version": definition["version"],
            "licence": definition.get("licence", ""),
            "definition": definition,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0005_goals_named_by_plans_proposals_pairs_and_grants")]

    operations = [migrations.RunPython(reload_ons4, migrations.RunPython.noop)]
