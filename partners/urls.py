from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("twin-towns/", views.relation_list, name="relation_list"),
    path("twin-towns/map/", views.relation_map, name="relation_map"),
    path("twin-towns/export.csv", views.relation_export, {"fmt": "csv"}, name="relation_csv"),
    path("twin-towns/export.xlsx", views.relation_export, {"fmt": "xlsx"}, name="relation_xlsx"),
    path("twin-towns/import/", views.relation_import, name="relation_import"),
    path("twin-towns/new/", views.relation_create, name="relation_create"),
    path("twin-towns/<int:pk>/", views.relation_detail, name="relation_detail"),
    path("twin-towns/<int:pk>/edit/", views.relation_edit, name="relation_edit"),
    path("twin-towns/<int:pk>/category/", views.relation_regrade, name="relation_regrade"),
    path("twin-towns/<int:pk>/end/", views.relation_end, name="relation_end"),
    path("twin-towns/<int:pk>/evaluations/new/", views.evaluation_create, name="evaluation_create"),
    path(
        "twin-towns/<int:pk>/evaluations/<int:evaluation>/edit/",
        views.evaluation_edit,
        name="evaluation_edit",
    ),
    path(
        "twin-towns/<int:pk>/evaluations/<int:evaluation>/delete/",
        views.evaluation_delete,
        name="evaluation_delete",
    ),
    path("twin-towns/<int:pk>/agreements/new/", views.agreement_create, name="agreement_create"),
    path(
        "twin-towns/<int:pk>/agreements/<int:agreement>/edit/",
        views.agreement_edit,
        name="agreement_edit",
    ),
    path(
        "twin-towns/<int:pk>/agreements/<int:agreement>/delete/",
        views.agreement_delete,
        name="agreement_delete",
    ),
    path(
        "twin-towns/<int:pk>/agreements/<int:agreement>/file/",
        views.agreement_file,
        name="agreement_file",
    ),
    path("twin-towns/<int:pk>/financing/new/", views.financing_create, name="financing_create"),
    path(
        "twin-towns/<int:pk>/financing/<int:line>/edit/",
        views.financing_edit,
        name="financing_edit",
    ),
    path(
        "twin-towns/<int:pk>/financing/<int:line>/delete/",
        views.financing_delete,
        name="financing_delete",
    ),
    path("twin-towns/<int:pk>/activities/new/", views.activity_create, name="activity_create"),
    path(
        "twin-towns/<int:pk>/activities/<int:activity>/edit/",
        views.activity_edit,
        name="activity_edit",
    ),
    path(
        "twin-towns/<int:pk>/activities/<int:activity>/delete/",
        views.activity_delete,
        name="activity_delete",
    ),
    path("twin-towns/<int:pk>/contacts/new/", views.contact_create, name="contact_create"),
    path(
        "twin-towns/<int:pk>/contacts/<int:contact>/delete/",
        views.contact_delete,
        name="contact_delete",
    ),
    path("networks/", views.network_list, name="network_list"),
    path("networks/export.csv", views.network_export, {"fmt": "csv"}, name="network_csv"),
    path("networks/export.xlsx", views.network_export, {"fmt": "xlsx"}, name="network_xlsx"),
    path("networks/new/", views.membership_create, name="membership_create"),
    path("networks/organisations/new/", views.organisation_create, name="organisation_create"),
    path("networks/<int:pk>/edit/", views.membership_edit, name="membership_edit"),
    path(
        "networks/<int:pk>/representations/new/",
        views.representation_create,
        name="representation_create",
    ),
    path(
        "networks/<int:pk>/representations/<int:representation>/edit/",
        views.representation_edit,
        name="representation_edit",
    ),
    path(
        "networks/<int:pk>/representations/<int:representation>/delete/",
        views.representation_delete,
        name="representation_delete",
    ),
    path("consulates-and-forum/", views.consulate_list, name="consulate_list"),
    path("consulates-and-forum/consulates/new/", views.consulate_create, name="consulate_create"),
    path(
        "consulates-and-forum/forum/new/",
        views.forum_participant_create,
        name="forum_participant_create",
    ),
    path(
        "consulates-and-forum/consulates/<int:pk>/edit/",
        views.consulate_edit,
        name="consulate_edit",
    ),
    path(
        "consulates-and-forum/consulates/<int:pk>/delete/",
        views.consulate_delete,
        name="consulate_delete",
    ),
    path(
        "consulates-and-forum/forum/<int:pk>/edit/",
        views.forum_participant_edit,
        name="forum_participant_edit",
    ),
    path(
        "consulates-and-forum/forum/<int:pk>/delete/",
        views.forum_participant_delete,
        name="forum_participant_delete",
    ),
]
