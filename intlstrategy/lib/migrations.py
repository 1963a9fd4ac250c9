"""Migration operations for what only PostgreSQL can build.

The embedded default (`scripts/run`) runs on SQLite, which cannot build an index with
``NULLS LAST`` ("unsupported use of NULLS LAST"). Such an index only serves the tenant's
ordered lists on PostgreSQL, where the data of many municipalities lives; on SQLite the
small demo needs none. The model state is the same on both, so `makemigrations` stays
clean.
"""

from django.db import migrations


class AddIndexOnPostgreSQL(migrations.AddIndex):
    """`AddIndex` that builds the index on PostgreSQL only."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
