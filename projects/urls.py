from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("projects/", views.project_list, name="project_list"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/import/", views.project_import, name="project_import"),
    path("projects/import/<int:pk>/", views.import_status, name="import_status"),
    path("projects/export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("projects/export.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("projects/pipeline/", views.pipeline, name="pipeline"),
    path("projects/year/", views.year_view, name="year_current"),
    path("projects/year/<int:year>/", views.year_view, name="year"),
    path("projects/charts/", views.charts, name="charts"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:pk>/status/", views.project_status, name="project_status"),
    path("projects/<int:pk>/delete/", views.project_delete, name="project_delete"),
    path("projects/<int:pk>/partners/", views.partner_add, name="partner_add"),
    path(
        "projects/<int:pk>/partners/<int:partner>/remove/",
        views.partner_remove,
        name="partner_remove",
    ),
    path("projects/<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path(
        "projects/<int:pk>/attachments/<int:attachment>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "projects/<int:pk>/attachments/<int:attachment>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path("funding/", views.catalogue, name="catalogue"),
    path("funding/funders/new/", views.funder_form, name="funder_create"),
    path("funding/funders/<int:pk>/", views.funder_form, name="funder_edit"),
    path("funding/programmes/new/", views.programme_form, name="programme_create"),
    path("funding/programmes/<int:pk>/", views.programme_form, name="programme_edit"),
    path("funding/calls/new/", views.call_form, name="call_create"),
    path("funding/calls/<int:pk>/", views.call_form, name="call_edit"),
    path("funding/exchange-rates/", views.exchange_rates, name="exchange_rates"),
]
