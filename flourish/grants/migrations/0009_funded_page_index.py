"""An index for "who we funded": a page of a programme's awards, newest first, read
from the index instead of sorting every award the programme has made."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_support_organisations_and_partners'),
        ('grants', '0008_staff_list_index_by_council_area'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='award',
            index=models.Index(fields=['programme', '-awarded_on', '-id'], name='award_funded_order'),
        ),
    ]
