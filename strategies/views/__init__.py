"""Pages: reading the adopted strategy (public), and the coordinator's editor.

Views are thin: look the document up through the municipality (another tenant's
document is a 404; drafts are a 404 for everyone but coordinators), bind a form, call a
service, add a message, redirect.

The package re-exports every name so that `from strategies.views import X` keeps working.
"""

from .common import (
    _apply_errors,
    _document,
    _document_url,
    _edit_url,
    _language_order,
)
from .document import (
    _change_log,
    _reading_context,
    document_adopt,
    document_delete_draft,
    document_detail,
    document_edit,
    document_history,
    document_list,
    document_revert,
    document_start_draft,
)
from .items import (
    KINDS,
    ItemKind,
    _editable_document,
    _form_kwargs,
    _item,
    _kind,
    _label,
    _next_position,
    _render_item_form,
    indicator_values,
    item_create,
    item_delete,
    item_move,
    item_update,
)
from .pdf import (
    _pdf_language,
    _pdf_status_page,
    document_pdf,
    document_pdf_retry,
)
