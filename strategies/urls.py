from django.urls import path

from . import views

app_name = "strategies"

urlpatterns = [
    path("strategy/", views.document_list, name="document_list"),
    path("strategy/<int:pk>/", views.document_detail, name="document_detail"),
    path("strategy/<int:pk>/pdf/", views.document_pdf, name="document_pdf"),
    path("strategy/<int:pk>/pdf/retry/", views.document_pdf_retry, name="document_pdf_retry"),
    path("strategy/<int:pk>/edit/", views.document_edit, name="document_edit"),
    path("strategy/<int:pk>/start-draft/", views.document_start_draft, name="document_start_draft"),
    path("strategy/<int:pk>/adopt/", views.document_adopt, name="document_adopt"),
    path("strategy/<int:pk>/history/", views.document_history, name="document_history"),
    path("strategy/<int:pk>/revert/", views.document_revert, name="document_revert"),
    path(
        "strategy/<int:pk>/delete-draft/", views.document_delete_draft, name="document_delete_draft"
    ),
    path("strategy/<int:pk>/edit/<slug:kind>/new/", views.item_create, name="item_create"),
    path(
        "strategy/<int:pk>/edit/<slug:kind>/<int:item_pk>/", views.item_update, name="item_update"
    ),
    path(
        "strategy/<int:pk>/edit/<slug:kind>/<int:item_pk>/delete/",
        views.item_delete,
        name="item_delete",
    ),
    path(
        "strategy/<int:pk>/edit/<slug:kind>/<int:item_pk>/move/", views.item_move, name="item_move"
    ),
    path(
        "strategy/<int:pk>/edit/indicator/<int:item_pk>/values/",
        views.indicator_values,
        name="indicator_values",
    ),
]
