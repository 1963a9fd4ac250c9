"""A service's refusal shown where the reader looks: at the field, or above the form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's `ValidationError` on `form`: each message at its field when the
    form has that field, otherwise above the form. Works for a plain message, a list and
    a field dict alike (a `ValidationError` without a field dict has no `error_dict`)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def error_messages(error: ValidationError) -> list[str]:
    """Every message of `error`, field dict or not, for a page without a form."""
    return list(error.messages)


class TableImportForm(forms.Form):
    """The upload of every spreadsheet import (intlstrategy.lib.tabular.import_page)."""

    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"),
        help_text=_(
            "An export from this page, edited, or a file with the same columns. CSV may be "
            "separated by commas or semicolons, in UTF-8 or Windows-1252."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.csv,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
