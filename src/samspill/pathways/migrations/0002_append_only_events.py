from django.db import migrations

from samspill.core.append_only import append_only_triggers


class Migration(migrations.Migration):
    dependencies = [("pathways", "0001_initial")]
    operations = [append_only_triggers("pathways_pathwayevent")]
