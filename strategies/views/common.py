"""Page helpers every strategies view shares: the document the user may see, its address, the
language order.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse

from .. import forms
from ..models import (
    StrategyDocument,
)
from ..selectors import (
    document_tree,
)


def _language_order(municipality) -> list[str]:
    """Side-by-side editors show the municipality's own language first."""
    first = municipality.default_language
    return [first] + [code for code in forms.LANGUAGES if code != first]


def _document(access, pk: int, *, tree: bool = False) -> StrategyDocument:
    queryset = StrategyDocument.objects.visible_to(access)
    if tree:
        queryset = document_tree(queryset, access.municipality)
    return get_object_or_404(queryset, pk=pk)


def _document_url(access, document, name="document_detail", **kwargs) -> str:
    return reverse(
        f"strategies:{name}",
        kwargs={"municipality": access.municipality.slug, "pk": document.pk, **kwargs},
    )


def _apply_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, at the field where there is one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _edit_url(access, document, anchor: str = "") -> str:
    return _document_url(access, document, "document_edit") + (f"#{anchor}" if anchor else "")
