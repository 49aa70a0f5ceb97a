"""A circle keeps how many conversations it has, so its page never counts them: each
circle's count starts from the conversations it already has."""

from django.db import migrations, models
from django.db.models import Count, Exists, OuterRef, Subquery


def count_each_circles_threads(apps, schema_editor):
    Circle = apps.get_model("learning", "Circle")
    Thread = apps.get_model("learning", "Thread")
    counted = (
        Thread.objects.filter(circle=OuterRef("pk"))
        .order_by()
        .values("circle")
        .annotate(number=Count("pk"))
        .values("number")
    )
    has_threads = Exists(Thread.objects.filter(circle=OuterRef("pk")))
    Circle.objects.filter(has_threads).update(thread_count=Subquery(counted))


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0006_circle_meetups_invitations_digests_and_hidden_conversations"),
    ]

    operations = [
        migrations.AddField(
            model_name="circle",
            name="thread_count",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(count_each_circles_threads, migrations.RunPython.noop),
    ]
