from django.urls import path

from . import views

app_name = "reporting"

report = "reporting/<int:year>/<slug:department>/"
urlpatterns = [
    path("reporting/", views.index, name="index"),
    path("reporting/rounds/new/", views.round_create, name="round_create"),
    path("reporting/followups/", views.followup_list, name="followup_list"),
    path("reporting/followups/preview/", views.followup_preview, name="followup_preview"),
    path("reporting/followups/<int:pk>/", views.followup_detail, name="followup_detail"),
    path("reporting/followups/<int:pk>/retry/", views.followup_retry, name="followup_retry"),
    path("reporting/followups/<int:pk>/pdf/", views.followup_pdf, name="followup_pdf"),
    path("reporting/followups/<int:pk>/docx/", views.followup_docx, name="followup_docx"),
    path("reporting/followups/<int:pk>/web/", views.followup_web, name="followup_web"),
    path("reporting/<int:year>/", views.round_detail, name="round_detail"),
    path("reporting/<int:year>/edit/", views.round_edit, name="round_edit"),
    path("reporting/<int:year>/reports.csv", views.round_export, {"fmt": "csv"}, name="round_csv"),
    path(
        "reporting/<int:year>/reports.xlsx", views.round_export, {"fmt": "xlsx"}, name="round_xlsx"
    ),
    path("reporting/<int:year>/remind/", views.round_remind, name="round_remind"),
    path(report, views.report_detail, name="report_detail"),
    path(report + "start/", views.report_start, name="report_start"),
    path(report + "save/", views.report_save, name="report_save"),
    path(report + "autosave/", views.report_autosave, name="report_autosave"),
    path(report + "refresh/", views.report_refresh, name="report_refresh"),
    path(report + "activities/", views.activity_add, name="activity_add"),
    path(report + "activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path(report + "activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path(report + "trips/", views.trip_add, name="trip_add"),
    path(report + "trips/<int:pk>/edit/", views.trip_edit, name="trip_edit"),
    path(report + "trips/<int:pk>/delete/", views.trip_delete, name="trip_delete"),
    path(report + "submit/", views.report_submit, name="report_submit"),
    path(report + "approve/", views.report_review, {"decision": "approve"}, name="report_approve"),
    path(report + "return/", views.report_review, {"decision": "return"}, name="report_return"),
]
