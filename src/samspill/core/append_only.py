"""Database triggers that make tables append-only, for migrations of audit-like tables.

Updates are refused on every backend and deletes on PostgreSQL; on SQLite deletes are refused by the model layer
only, because Django's test flush empties tables with DELETE (PostgreSQL uses TRUNCATE, which row triggers do not
see)."""

from django.db import migrations


def append_only_triggers(*tables: str) -> migrations.RunPython:
    def create(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for table in tables:
            if vendor == "sqlite":
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, 'rows of {table} are append-only'); END;"
                )
            elif vendor == "postgresql":
                schema_editor.execute(
                    "CREATE OR REPLACE FUNCTION samspill_append_only() RETURNS trigger AS $$ "
                    "BEGIN RAISE EXCEPTION 'rows of %% are append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql;"
                )
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                    f"FOR EACH ROW EXECUTE FUNCTION samspill_append_only();"
                )

    def drop(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for table in tables:
            if vendor == "sqlite":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update;")
            elif vendor == "postgresql":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")

    return migrations.RunPython(create, drop)
