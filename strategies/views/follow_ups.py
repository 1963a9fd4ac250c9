"""Follow-ups of a document.

One view per URL; the page mechanics are in `editing`.
"""

from __future__ import annotations

from intlstrategy.permissions import coordinator_view

from .. import forms, parts, services
from ..models import FollowUp
from .editing import (
    create_page,
    delete_page,
    editable_document,
    form_kwargs,
    update_page,
    writable_item,
)


@coordinator_view
def follow_up_create(request, access, pk: int, kind: str = "follow-up"):
    document = editable_document(access, pk, draft_only=False)
    # Only goal areas and amendments can be in a municipality's own part without a
    # parent; anything else added to the document is in the common part.
    parts.require_writable(access, document, None)
    initial = {}
    form = forms.FollowUpForm(
        request.POST or None, initial=initial, **form_kwargs(access, document)
    )
    return create_page(
        request,
        access,
        document,
        kind="follow-up",
        form=form,
        create=lambda form: services.follow_up_create(
            document=document, by=request.user, **form.service_fields()
        ),
        check_part=True,
    )


@coordinator_view
def follow_up_update(request, access, pk: int, item_pk: int, kind: str = "follow-up"):
    document = editable_document(access, pk, draft_only=False)
    follow_up = writable_item(FollowUp, "document", access, document, item_pk)
    form = forms.FollowUpForm(
        request.POST or None, instance=follow_up, **form_kwargs(access, document)
    )
    return update_page(
        request,
        access,
        document,
        kind="follow-up",
        item=follow_up,
        form=form,
        update=lambda form: services.follow_up_update(
            follow_up=follow_up,
            by=request.user,
            expected_version=form.cleaned_data.get("expected_version"),
            **form.service_fields(),
        ),
    )


@coordinator_view
def follow_up_delete(request, access, pk: int, item_pk: int, kind: str = "follow-up"):
    document = editable_document(access, pk, draft_only=False)
    follow_up = writable_item(FollowUp, "document", access, document, item_pk)
    return delete_page(
        request,
        access,
        document,
        item=follow_up,
        delete=lambda: services.follow_up_delete(follow_up=follow_up, by=request.user),
    )
