"""The conflict messages name who saved and when, in the municipality's time zone."""

import datetime

from django.utils import translation

from intlstrategy.concurrency import EditConflict


def test_the_time_of_the_other_save_is_local_time():
    # 12:00 UTC in January is 13:00 in Sweden and Norway (settings.TIME_ZONE).
    conflict = EditConflict(
        None,
        changed_by="Anna Syd",
        changed_at=datetime.datetime(2026, 1, 15, 12, 0, tzinfo=datetime.UTC),
    )
    with translation.override("sv"):
        assert "Anna Syd sparade detta 15 januari 2026 13:00" in conflict.message
        assert "Anna Syd ändrade detta 15 januari 2026 13:00" in conflict.removal_message
