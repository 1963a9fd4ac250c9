"""Every change is in history: each model people edit is registered with simple-history."""

from django.apps import apps
from simple_history.models import registered_models

# Models deliberately without history, and why.
EXEMPT = {
    # Authentication data; personal data is handled by the privacy commands instead.
    "intlstrategy.User": "accounts",
    # A log itself: records that an anonymisation happened, without personal data.
    "intlstrategy.AnonymisationRecord": "log",
    # What the portal told whom: a log, written once (read_at / emailed_at are its marks).
    "intlstrategy.Notification": "log",
    # Personal data with no public value: removing a contact must really remove it.
    "partners.ContactPerson": "privacy",
    # Append-only logs and generated artefacts, never edited.
    "projects.ProjectStatusChange": "log",
    "reporting.ReminderSent": "log",
    "reporting.FollowUpDocument": "generated",
    "strategies.DocumentPdf": "generated",
    # A background job's own record (the uploaded file, its progress and outcome); what it
    # writes, the projects, keeps history with who imported them.
    "projects.ProjectImport": "job",
}
OWN_APPS = ["intlstrategy", "strategies", "partners", "projects", "reporting"]


def test_every_edited_model_keeps_history():
    registered = {model._meta.label for model in registered_models.values()}
    missing = [
        model._meta.label
        for app in OWN_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
        and not model._meta.auto_created
        and model._meta.label not in registered
        and model._meta.label not in EXEMPT
    ]
    assert missing == [], f"register these in their app's translation.py: {missing}"
