from django.urls import path

from . import views

app_name = "strategies"

urlpatterns = [
    path("strategy/", views.document_list, name="document_list"),
    path("strategy/<int:pk>/", views.document_detail, name="document_detail"),
    path("strategy/<int:pk>/progress/", views.document_progress, name="document_progress"),
    path(
        "strategy/<int:pk>/action-plan/<int:plan_pk>/rollover/",
        views.action_plan_rollover,
        name="action_plan_rollover",
    ),
    path("strategy/<int:pk>/pdf/", views.document_pdf, name="document_pdf"),
    path("strategy/<int:pk>/docx/", views.document_docx, name="document_docx"),
    path(
        "strategy/<int:pk>/<str:what>.<str:fmt>",
        views.document_table,
        name="document_table",
    ),
    path("strategy/<int:pk>/pdf/retry/", views.document_pdf_retry, name="document_pdf_retry"),
    path("strategy/<int:pk>/edit/", views.document_edit, name="document_edit"),
    path("strategy/<int:pk>/start-draft/", views.document_start_draft, name="document_start_draft"),
    path("strategy/<int:pk>/adopt/", views.document_adopt, name="document_adopt"),
    path("strategy/<int:pk>/history/", views.document_history, name="document_history"),
    path("strategy/<int:pk>/revert/", views.document_revert, name="document_revert"),
    path(
        "strategy/<int:pk>/delete-draft/", views.document_delete_draft, name="document_delete_draft"
    ),
    # One view per URL. Each keeps the address and name it had (item_create …, told apart
    # by their fixed `kind`), so templates reverse them by kind as before.
    path(
        "strategy/<int:pk>/edit/document/<int:item_pk>/",
        views.document_update,
        {"kind": "document"},
        name="item_update",
    ),
    path(
        "strategy/<int:pk>/edit/goal-area/new/",
        views.goal_area_create,
        {"kind": "goal-area"},
        name="item_create",
    ),
    path(
        "strategy/<int:pk>/edit/goal-area/<int:item_pk>/",
        views.goal_area_update,
        {"kind": "goal-area"},
        name="item_update",
    ),
    path(
        "strategy/<int:pk>/edit/goal-area/<int:item_pk>/delete/",
        views.goal_area_delete,
        {"kind": "goal-area"},
        name="item_delete",
    ),
    path(
        "strategy/<int:pk>/edit/goal-area/<int:item_pk>/move/",
        views.goal_area_move,
        {"kind": "goal-area"},
        name="item_move",
    ),
    path(
        "strategy/<int:pk>/edit/goal/new/",
        views.goal_create,
        {"kind": "goal"},
        name="item_create",
    ),
    path(
        "strategy/<int:pk>/edit/goal/<int:item_pk>/",
        views.goal_update,
        {"kind": "goal"},
        name="item_update",
    ),
    path(
        "strategy/<int:pk>/edit/goal/<int:item_pk>/delete/",
        views.goal_delete,
        {"kind": "goal"},
        name="item_delete",
    ),
    path(
        "strategy/<int:pk>/edit/goal/<int:item_pk>/move/",
        views.goal_move,
        {"kind": "goal"},
        name="item_move",
    ),
    path(
        "strategy/<int:pk>/edit/strategy/new/",
        views.strategy_create,
        {"kind": "strategy"},
        name="item_create",
    ),
    path(
        "strategy/<int:pk>/edit/strategy/<int:item_pk>/",
        views.strategy_update,
        {"kind": "strategy"},
        name="item_update",
    ),
    path(
        "strategy/<int:pk>/edit/strategy/<int:item_pk>/delete/",
        views.strategy_delete,
        {"kind": "strategy"},
        name="item_delete",
    ),
    path(
        "strategy/<int:pk>/edit/strategy/<int:item_pk>/move/",
        views.strategy_move,
        {"kind": "strategy"},
        name="item_move",
    ),
    path(
        "strategy/<int:pk>/edit/measure/new/",
        views.measure_create,
        {"kind": "measure"},
        name="item_create",
    ),
    path(
        "strategy/<int:pk>/edit/measure/<int:item_pk>/",
        views.measure_update,
        {"kind": "measure"},
        name="item_update",
    ),
    path(
        "strategy/<int:pk>/edit/measure/<int:item_pk>/delete/",
        views.measure_delete,
        {"kind": "measure"},
        name="item_delete",
    ),
    path(
        "strategy/<int:pk>/edit/measure/<int:item_pk>/move/",
        views.measure_move,
        {"kind": "measure"},
        name="item_move",
    ),
    path(
        "strategy/<int:pk>/edit/amendment/new/",
        views.amendment_create,
        {"kind": "amendment"},
        name="item_create",
    ),
    path(
        "strategy/<int:pk>/edit/amendment/<int:item_pk>/",
        views.amendment_update,
        {"kind": "amendment"},
        name="item_update",
    ),
    path(
        "strategy/<int:pk>/edit/amendment/<int:item_pk>/delete/",
        views.amendment_delete,
        {"kind": "amendment"},
        name="item_delete",
    ),
    path(
        "strategy/<int:pk>/edit/action-plan/new/",
        views.action_plan_create,
        {"kind": "action-plan"},
        name="item_create",
    ),
    path(
        "strategy/<int:pk>/edit/action-plan/<int:item_pk>/",
        views.action_plan_update,
        {"kind": "action-plan"},
        name="item_update",
    ),
    path(
        "strategy/<int:pk>/edit/action-plan/<int:item_pk>/delete/",
        views.action_plan_delete,
        {"kind": "action-plan"},
        name="item_delete",
    ),
    path(
        "strategy/<int:pk>/edit/action-plan/import-activities/",
        views.activity_import,
        name="activity_import",
    ),
    path(
        "strategy/<int:pk>/edit/action-plan/import-values/",
        views.indicator_value_import,
        name="indicator_value_import",
    ),
    path(
        "strategy/<int:pk>/edit/activity/new/",
        views.activity_create,
        {"kind": "activity"},
        name="item_create",
    ),
    path(
        "strategy/<int:pk>/edit/activity/<int:item_pk>/",
        views.activity_update,
        {"kind": "activity"},
        name="item_update",
    ),
    path(
        "strategy/<int:pk>/edit/activity/<int:item_pk>/delete/",
        views.activity_delete,
        {"kind": "activity"},
        name="item_delete",
    ),
    path(
        "strategy/<int:pk>/edit/milestone/new/",
        views.milestone_create,
        {"kind": "milestone"},
        name="item_create",
    ),
    path(
        "strategy/<int:pk>/edit/milestone/<int:item_pk>/",
        views.milestone_update,
        {"kind": "milestone"},
        name="item_update",
    ),
    path(
        "strategy/<int:pk>/edit/milestone/<int:item_pk>/delete/",
        views.milestone_delete,
        {"kind": "milestone"},
        name="item_delete",
    ),
    path(
        "strategy/<int:pk>/edit/indicator/new/",
        views.indicator_create,
        {"kind": "indicator"},
        name="item_create",
    ),
    path(
        "strategy/<int:pk>/edit/indicator/<int:item_pk>/",
        views.indicator_update,
        {"kind": "indicator"},
        name="item_update",
    ),
    path(
        "strategy/<int:pk>/edit/indicator/<int:item_pk>/delete/",
        views.indicator_delete,
        {"kind": "indicator"},
        name="item_delete",
    ),
    path(
        "strategy/<int:pk>/edit/follow-up/new/",
        views.follow_up_create,
        {"kind": "follow-up"},
        name="item_create",
    ),
    path(
        "strategy/<int:pk>/edit/follow-up/<int:item_pk>/",
        views.follow_up_update,
        {"kind": "follow-up"},
        name="item_update",
    ),
    path(
        "strategy/<int:pk>/edit/follow-up/<int:item_pk>/delete/",
        views.follow_up_delete,
        {"kind": "follow-up"},
        name="item_delete",
    ),
    path(
        "strategy/<int:pk>/edit/indicator/<int:item_pk>/values/",
        views.indicator_values,
        name="indicator_values",
    ),
    path(
        "strategy/<int:pk>/edit/indicator/<int:item_pk>/values/source/",
        views.indicator_source,
        name="indicator_source",
    ),
    path(
        "strategy/<int:pk>/edit/indicator/<int:item_pk>/values/source/unlink/",
        views.indicator_source_unlink,
        name="indicator_source_unlink",
    ),
    path(
        "strategy/<int:pk>/edit/indicator/<int:item_pk>/values/source/refresh/",
        views.indicator_source_refresh,
        name="indicator_source_refresh",
    ),
    path(
        "strategy/<int:pk>/edit/indicator/<int:item_pk>/values/<int:value_pk>/take/",
        views.indicator_value_take_source,
        name="indicator_value_take_source",
    ),
]
