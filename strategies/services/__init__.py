"""Every write the portal makes to a strategy document goes through these functions (the
demo loader, `strategies/demo.py`, writes its seed rows directly with `get_or_create`).

Versions: an adopted document is never edited in place. `document_start_draft` copies the
whole adopted tree (goal areas, goals, strategies, measures, amendments) into a new
draft; `document_adopt` makes the draft current and marks the previous version as
superseded (never deleted). `document_revert` starts a new draft from any earlier
version, so a revert is one more change in the history, never a rewrite of it.

The action plan and follow-ups are not part of the adopted text: they are edited on the
adopted document and the action plan moves to the new version when that is adopted.

Edits that people make at length use optimistic locking (`expected_version`): the second
of two coordinators saving the same item gets an `EditConflict`.

The package re-exports every name so that `from strategies.services import X` keeps working.
"""

from .action_plan import (
    _check_activity,
    action_plan_create,
    action_plan_delete,
    action_plan_roll_over,
    action_plan_update,
    activity_create,
    activity_delete,
    activity_update,
    milestone_create,
    milestone_delete,
    milestone_update,
    rollover_split,
)
from .amendments import (
    _check_amendment_target,
    amendment_create,
    amendment_delete,
    amendment_update,
)
from .common import (
    _CONSTRAINT_FIELDS,
    ACTION_PLAN_FIELDS,
    ACTIVITY_FIELDS,
    AMENDMENT_FIELDS,
    DOCUMENT_FIELDS,
    FOLLOW_UP_FIELDS,
    GOAL_AREA_FIELDS,
    GOAL_FIELDS,
    INDICATOR_FIELDS,
    MEASURE_FIELDS,
    MILESTONE_FIELDS,
    STRATEGY_FIELDS,
    _check_departments,
    _create,
    _move,
    _renumber_swap,
    _require_current,
    _require_draft,
    _save,
    _update,
    validate,
)
from .document import (
    _copy,
    _copy_tree,
    _head_of,
    _move_action_plans,
    _new_draft_from,
    _record_owner_decision,
    current_draft_of,
    document_adopt,
    document_create,
    document_delete_draft,
    document_revert,
    document_start_draft,
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
from .follow_ups import (
    _check_follow_up,
    follow_up_create,
    follow_up_delete,
    follow_up_update,
)
from .indicators import (
    indicator_create,
    indicator_delete,
    indicator_update,
    indicator_value_set,
)
from .pdf import (
    _mark_queued,
    _pdf_source,
    _queue_pdf,
    document_pdf_context,
    document_pdf_mark_failed,
    document_pdf_render,
    document_pdf_request,
    document_pdf_retry,
    document_pdfs_queue,
)
from .progress import (
    PROGRESS_RECORD_FIELDS,
    progress_record,
)
from .sources import (  # noqa: E402
    indicator_link_source,
    indicator_unlink_source,
    indicator_value_take_source,
    look_up,
    queue_indicator_refresh,
    refresh_indicators,
    sources_for,
)
