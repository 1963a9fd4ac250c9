"""Choice labels without rebuilding the choices on every call.

Django's `get_<field>_display()` builds `dict(make_hashable(field.flatchoices))` anew at
each call: on a table of relations or projects that was a sixth of the page's time
(issue 14, profiled). A field's choices never change after start-up (their labels are
lazy and translate when printed), so the dictionary is built once per field here.
"""

from __future__ import annotations

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_LABELS: dict[object, dict] = {}


def choice_labels(field) -> dict:
    """{stored value: label} of a model field with choices, built once per field."""
    labels = _LABELS.get(field)
    if labels is None:
        labels = _LABELS[field] = dict(make_hashable(field.flatchoices))
    return labels


class CachedChoiceDisplay:
    """Model mixin: the same `get_<field>_display()`, from `choice_labels`."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        key = value if isinstance(value, (str, int)) or value is None else make_hashable(value)
        # force_str for the same result as Django's: the label translated now.
        return force_str(choice_labels(field).get(key, value), strings_only=True)
