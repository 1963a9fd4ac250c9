"""A service's refusal shown where the reader looks: at the field, or above the form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


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
