"""An index for the staff list of one council area, newest first.

Staff type a council area in any case, so the list matches it without case: on
PostgreSQL `UPPER(local_authority) = UPPER('leeds')`, which the index on the column
itself cannot serve. Filtered by area and a spend category in a programme of 10,000,
the list read about 1,200 rows to find a page of 25; now it reads that area's."""

import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_support_organisations_and_partners'),
        ('grants', '0007_staff_list_index_of_sent_applications'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='application',
            index=models.Index(models.F('programme'), django.db.models.functions.text.Upper('local_authority'), models.OrderBy(models.F('submitted_at'), descending=True), models.OrderBy(models.F('id'), descending=True), condition=models.Q(('status', 'draft'), _negated=True), name='application_area_staff_order'),
        ),
    ]
