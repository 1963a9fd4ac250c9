"""The council's amendments to a proposed document.

One view per URL; the page mechanics are in `editing`.
"""

from __future__ import annotations

from intlstrategy.permissions import coordinator_view

from .. import forms, services
from ..models import CouncilAmendment
from .editing import (
    create_page,
    delete_page,
    editable_document,
    form_kwargs,
    update_page,
    writable_item,
)


@coordinator_view
def amendment_create(request, access, pk: int, kind: str = "amendment"):
    document = editable_document(access, pk, draft_only=True)
    initial = {}
    form = forms.AmendmentForm(
        request.POST or None, initial=initial, **form_kwargs(access, document)
    )
    return create_page(
        request,
        access,
        document,
        kind="amendment",
        form=form,
        create=lambda form: services.amendment_create(
            document=document, by=request.user, **form.service_fields()
        ),
        check_part=True,
    )


@coordinator_view
def amendment_update(request, access, pk: int, item_pk: int, kind: str = "amendment"):
    document = editable_document(access, pk, draft_only=True)
    amendment = writable_item(CouncilAmendment, "document", access, document, item_pk)
    form = forms.AmendmentForm(
        request.POST or None, instance=amendment, **form_kwargs(access, document)
    )
    return update_page(
        request,
        access,
        document,
        kind="amendment",
        item=amendment,
        form=form,
        update=lambda form: services.amendment_update(
            amendment=amendment,
            by=request.user,
            expected_version=form.cleaned_data.get("expected_version"),
            **form.service_fields(),
        ),
    )


@coordinator_view
def amendment_delete(request, access, pk: int, item_pk: int, kind: str = "amendment"):
    document = editable_document(access, pk, draft_only=True)
    amendment = writable_item(CouncilAmendment, "document", access, document, item_pk)
    return delete_page(
        request,
        access,
        document,
        item=amendment,
        delete=lambda: services.amendment_delete(amendment=amendment, by=request.user),
    )
