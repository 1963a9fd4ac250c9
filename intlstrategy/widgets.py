"""Form helpers: date pickers, web addresses taken as https, and select boxes rendered in Python for
filter forms (project register, twin-town list).

Django renders every <option> through its widget templates (an include per option);
on the project register, with a municipality's ~60 departments and every funding
programme, that was a large part of the page's time. `FastSelect` writes the same
markup as Django's `django/forms/widgets/select.html` and `select_option.html` (same
attributes, escaping and whitespace) directly; anything unusual (a label that is not
text) falls back to the templates.
"""

from __future__ import annotations

from django import forms
from django.utils.functional import Promise
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe


class DateInput(forms.DateInput):
    """The browser's date picker; the value in ISO format, as <input type="date"> needs."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def https_formfield(field, **kwargs):
    """ModelForm `formfield_callback`: an address typed without a scheme is taken as
    https (Django 6's default; Django 5.2 assumes http and warns)."""
    from django.db import models

    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: ` name="value"`, ` name` for True, nothing for False."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"')
    return "".join(out)


class FastSelect(forms.Select):
    """Django's Select markup, written here; the options straight from the choices.

    Django's `optgroups()` builds a dictionary of a dozen keys (and copies the
    attributes) for every option before the templates print three of them: on the
    register's filter form, with every department and programme, that was a tenth of
    the page (issue 14, profiled). The selection rules are Django's: the first option
    whose value matches is selected, and only one.
    """

    def render(self, name, value, attrs=None, renderer=None):
        if self.allow_multiple_selected:
            return super().render(name, value, attrs, renderer)
        final_attrs = self.build_attrs(self.attrs, attrs)
        parts = [f'<select name="{escape(name)}"{_attrs(final_attrs)}>']
        selected_values = set(self.format_value(value))
        has_selected = False
        for group_name, group_choices in self._grouped():
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option_value, label in group_choices:
                option_value = str(option_value)
                if isinstance(label, Promise):  # translated lazily
                    label = str(label)
                if not isinstance(label, str):  # e.g. numbers, which templates localise
                    return super().render(name, value, attrs, renderer)
                selected = not has_selected and option_value in selected_values
                has_selected = has_selected or selected
                parts.append(
                    f'\n  <option value="{escape(option_value)}"'
                    f"{' selected' if selected else ''}>{conditional_escape(label)}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))

    def _grouped(self):
        """(group label or None, [(value, label), …]) as Django's optgroups() groups them."""
        for option_value, option_label in self.choices:
            if option_value is None:
                option_value = ""
            if isinstance(option_label, (list, tuple)):
                yield option_value, option_label
            else:
                yield None, [(option_value, option_label)]


class ListedChoiceIterator(forms.models.ModelChoiceIterator):
    """Like Django's, but reads the choices with one ordinary query.

    Django's iterator uses `QuerySet.iterator()`, which on PostgreSQL is a server-side
    cursor: DECLARE, FETCH and CLOSE, three round trips for a list of ~60 names.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class FilterChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField for filter forms: one plain query, rendered by FastSelect."""

    iterator = ListedChoiceIterator
    widget = FastSelect
