"""Pages of the reporting app. Thin: look up through the municipality, check, call a service.

The package re-exports every name so that `from reporting.views import X` keeps working.
"""

from .common import (
    _errors,
    _round,
)
from .followups import (
    _followup,
    followup_detail,
    followup_docx,
    followup_list,
    followup_pdf,
    followup_preview,
    followup_retry,
    followup_web,
)
from .reports import (
    ROW_ACTIONS,
    ROW_DONE,
    SECTIONS,
    _activity_add,
    _autosave_conflict,
    _back,
    _being_edited,
    _bound_report_form,
    _edit_form,
    _editor_post,
    _refused_at_fields,
    _render_report,
    _report_for,
    _row_delete,
    _row_partial,
    _SubformRefused,
    _trip_add,
    _typed_into,
    activity_add,
    activity_delete,
    activity_edit,
    report_autosave,
    report_detail,
    report_refresh,
    report_review,
    report_save,
    report_start,
    report_submit,
    trip_add,
    trip_delete,
    trip_edit,
)
from .rounds import (
    index,
    round_create,
    round_detail,
    round_edit,
    round_export,
    round_remind,
)
