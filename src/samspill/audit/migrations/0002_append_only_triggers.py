"""The database itself refuses to change audit rows, so not even raw SQL from the application can edit them."""

from django.db import migrations

from samspill.core.append_only import append_only_triggers


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [append_only_triggers("audit_accesslog", "audit_changelog")]
