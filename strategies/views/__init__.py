"""Pages: reading the adopted strategy (public), and the coordinator's editor.

Views are thin: look the document up through the municipality (another tenant's
document is a 404; drafts are a 404 for everyone but coordinators), bind a form, call a
service, add a message, redirect.

The package re-exports every name so that `from strategies.views import X` keeps working.
"""

from .action_plan import (
    action_plan_create,
    action_plan_delete,
    action_plan_update,
    activity_create,
    activity_delete,
    activity_import,
    activity_update,
    indicator_value_import,
    milestone_create,
    milestone_delete,
    milestone_update,
)
from .amendments import (
    amendment_create,
    amendment_delete,
    amendment_update,
)
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
    document_table,
)
from .editing import (
    create_page,
    delete_page,
    editable_document,
    form_kwargs,
    label,
    move_page,
    next_letter,
    next_number,
    render_item_form,
    update_page,
    writable_item,
    writable_parent,
)
from .follow_ups import (
    follow_up_create,
    follow_up_delete,
    follow_up_update,
)
from .indicators import (
    indicator_create,
    indicator_delete,
    indicator_source,
    indicator_source_refresh,
    indicator_source_unlink,
    indicator_update,
    indicator_value_take_source,
    indicator_values,
)
from .pdf import (
    _pdf_language,
    _pdf_status_page,
    document_docx,
    document_pdf,
    document_pdf_retry,
)
from .progress import action_plan_rollover, document_progress
from .structure import (
    document_update,
    goal_area_create,
    goal_area_delete,
    goal_area_move,
    goal_area_update,
    goal_create,
    goal_delete,
    goal_move,
    goal_update,
    measure_create,
    measure_delete,
    measure_move,
    measure_update,
    strategy_create,
    strategy_delete,
    strategy_move,
    strategy_update,
)
