"""Personal data (GDPR): where it is, how to export it and how to anonymise it.

The registry below names, for every model that holds a person's name, e-mail or phone,
which fields those are and how a row is tied to a portal user. An app declares its
fields in one of two ways:

* an entry in ``PERSONAL_DATA`` below (keyed by "app_label.ModelName"), or
* an attribute on the model class::

      class ContactPerson(models.Model):
          PERSONAL_DATA_FIELDS = ("name", "email", "phone")
          PERSONAL_DATA_EMAIL_FIELD = "email"     # rows with the user's e-mail are theirs
          PERSONAL_DATA_USER_FIELD = "user"       # or: a foreign key to the user

Field names are base names: the language columns made by modeltranslation
(``name_nb``, ``name_sv``, ``name_en``) are covered automatically, and so are the
historical tables of simple-history. ``tests/production/test_privacy.py`` fails when a
model has a field that looks personal (e-mail, phone, a person's name) and is neither
registered nor listed in ``NOT_PERSONAL``.

Commands: ``export_person``, ``anonymise_person``, ``purge_history`` (docs/privacy.md).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import serializers
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from . import public_cache


@dataclass(frozen=True)
class PersonalFields:
    fields: tuple[str, ...]
    email_field: str | None = None  # rows whose value equals the user's e-mail are theirs
    user_field: str | None = None  # rows pointing to the user through this foreign key
    is_user: bool = False  # the user table itself
    # Any other way to find the person's rows: user -> Q, applied to the model and its
    # historical table (so use fields both have).
    match: Callable[[object], Q] | None = None
    # True: the fields are lists or free text that also name other people; only the
    # person's own e-mail/name is cut out of them instead of blanking the whole field.
    substring: bool = False


def _full_name_match(*fields):
    """Rows naming the person (first + last name) in one of `fields`. Names are not
    unique: export_person shows these matches so that they can be checked first."""

    def match(user) -> Q:
        name = user.get_full_name().strip()
        if not name or " " not in name:
            return Q(pk__in=[])
        condition = Q(pk__in=[])
        for field in fields:
            condition |= Q(**{f"{field}__iexact": name})
        return condition

    return match


def _email_in(field):
    def match(user) -> Q:
        return Q(**{f"{field}__icontains": user.email}) if user.email else Q(pk__in=[])

    return match


PERSONAL_DATA: dict[str, PersonalFields] = {
    "intlstrategy.User": PersonalFields(
        fields=("first_name", "last_name", "email", "phone", "username"), is_user=True
    ),
    # Contact persons at twin towns: theirs when the e-mail or the full name matches.
    "partners.ContactPerson": PersonalFields(
        fields=("name", "email", "phone"), email_field="email", match=_full_name_match("name")
    ),
    # The municipality's representatives in networks, consuls, forum members: by name.
    "partners.Representation": PersonalFields(
        fields=("person_name",), match=_full_name_match("person_name")
    ),
    "partners.Consulate": PersonalFields(
        fields=("consul_name",), match=_full_name_match("consul_name")
    ),
    "partners.ForumParticipant": PersonalFields(
        fields=("representative",), match=_full_name_match("representative")
    ),
    # Who was reminded (a list of e-mail addresses): cut the person's address out.
    "reporting.ReminderSent": PersonalFields(
        fields=("recipients",), match=_email_in("recipients"), substring=True
    ),
}

# Fields whose names look personal but are not (checked by the registry test).
# Keys are "app_label.ModelName.field".
NOT_PERSONAL: set[str] = {
    "partners.Representation.person_kind",  # politician / official: a category
    # The accessibility statement's contact is a functional address or switchboard number
    # (the service refuses a user's own e-mail address): published on purpose.
    "intlstrategy.AccessibilityStatement.feedback_email",
    "intlstrategy.AccessibilityStatement.feedback_phone",
}

# Field names that make the registry test ask "is this personal data?".
LOOKS_PERSONAL = re.compile(
    r"(^|_)(e_?mail|phone|telephone|mobile|first_name|last_name|full_name|person|"
    r"contact_name|consul|ambassador|representative|recipients)($|_)"
)

ANONYMISED = "anonymised"


def registry() -> dict[type[models.Model], PersonalFields]:
    """Every registered model (both ways of declaring), by model class."""
    found: dict[type[models.Model], PersonalFields] = {}
    for label, entry in PERSONAL_DATA.items():
        found[apps.get_model(label)] = entry
    for model in apps.get_models():
        declared = getattr(model, "PERSONAL_DATA_FIELDS", None)
        if declared and model not in found and not is_historical(model):
            found[model] = PersonalFields(
                fields=tuple(declared),
                email_field=getattr(model, "PERSONAL_DATA_EMAIL_FIELD", None),
                user_field=getattr(model, "PERSONAL_DATA_USER_FIELD", None),
            )
    return found


def is_historical(model) -> bool:
    return hasattr(model, "instance_type") and model.__name__.startswith("Historical")


def historical_models() -> list[type[models.Model]]:
    """All simple-history tables (including those of many-to-many fields)."""
    found = []
    for model in apps.get_models():
        if is_historical(model):
            found.append(model)
        elif model.__name__.startswith("Historical") and any(
            f.name == "history" and f.is_relation for f in model._meta.get_fields()
        ):
            found.append(model)
    return found


def history_model_of(model):
    manager = getattr(model, "history", None)
    return getattr(manager, "model", None)


def columns(model, base_fields) -> list[str]:
    """The concrete columns of `base_fields`, including every language column."""
    names = {f.name for f in model._meta.concrete_fields}
    result = []
    for base in base_fields:
        if base in names:
            result.append(base)
        for language, _ in settings.LANGUAGES:
            translated = f"{base}_{language}"
            if translated in names:
                result.append(translated)
    return result


def _owner_filter(model, entry: PersonalFields, user) -> Q:
    """The rows of `model` (current or historical) that belong to `user`."""
    conditions = Q(pk__in=[])
    if entry.is_user:
        pk_name = "id" if is_historical(model) else "pk"
        conditions |= Q(**{pk_name: user.pk})
    if entry.user_field:
        conditions |= Q(**{f"{entry.user_field}_id": user.pk})
    if entry.email_field and user.email:
        for column in columns(model, [entry.email_field]):
            conditions |= Q(**{f"{column}__iexact": user.email})
    if entry.match is not None:
        conditions |= entry.match(user)
    return conditions


def personal_rows(user) -> dict[type[models.Model], tuple[PersonalFields, list[int]]]:
    """For every registered model and its history: the pks of the rows about `user`."""
    result = {}
    for model, entry in registry().items():
        pks = list(
            model._base_manager.filter(_owner_filter(model, entry, user)).values_list(
                "pk", flat=True
            )
        )
        result[model] = (entry, pks)
        history = history_model_of(model)
        if history is not None:
            condition = _owner_filter(history, entry, user) | Q(id__in=pks)
            history_pks = list(history._base_manager.filter(condition).values_list("pk", flat=True))
            result[history] = (entry, history_pks)
    return result


def _serialise(queryset) -> list[dict]:
    rows = serializers.serialize("python", queryset)
    return [{"model": row["model"], "pk": row["pk"], **row["fields"]} for row in rows]


def related_to_user(user) -> dict[str, list[dict]]:
    """Rows of every table with a foreign key or many-to-many link to the user
    (memberships, history rows of changes the person made, …)."""
    User = get_user_model()
    found: dict[str, list[dict]] = defaultdict(list)
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not field.is_relation or field.related_model is not User:
                continue
            if field.auto_created and not field.concrete:
                continue  # reverse side
            if field.many_to_many:
                queryset = model._base_manager.filter(**{field.name: user})
            elif field.concrete:
                queryset = model._base_manager.filter(**{field.attname: user.pk})
            else:
                continue
            key = f"{model._meta.label}.{field.name}"
            found[key] = _serialise(queryset.order_by("pk"))
    return {key: rows for key, rows in found.items() if rows}


def export_person(user) -> dict:
    """Everything the portal holds about one person, as JSON-ready data."""
    personal = {}
    for model, (_entry, pks) in personal_rows(user).items():
        if pks:
            personal[model._meta.label] = _serialise(
                model._base_manager.filter(pk__in=pks).order_by("pk")
            )
    from axes.models import AccessAttempt, AccessLog

    login_records = {
        "axes.AccessAttempt": _serialise(AccessAttempt.objects.filter(username=user.username)),
        "axes.AccessLog": _serialise(AccessLog.objects.filter(username=user.username)),
    }
    return {
        "exported_at": timezone.now().isoformat(),
        "user": {"pk": user.pk, "username": user.username},
        "personal_data": personal,
        "linked_rows": related_to_user(user),
        "login_records": {k: v for k, v in login_records.items() if v},
    }


def _replacement(field: models.Field, pk) -> object:
    if field.null:
        return None
    if field.blank:
        return ""
    if isinstance(field, models.EmailField):
        return f"{ANONYMISED}-{pk}@invalid.invalid"
    value = f"{ANONYMISED}-{pk}" if field.unique else ANONYMISED
    return value[: field.max_length] if field.max_length else value


def _scrub(model, pks, fields, user) -> None:
    """Cut the person's e-mail and full name out of list or free-text fields."""
    needles = [n for n in (user.email, user.get_full_name().strip()) if n]
    if not needles:
        return
    pattern = re.compile("|".join(re.escape(n) for n in needles), re.IGNORECASE)
    for row in model._base_manager.filter(pk__in=pks).values("pk", *fields):
        values = {f: pattern.sub(ANONYMISED, row[f]) for f in fields if row[f]}
        model._base_manager.filter(pk=row["pk"]).update(**values)


def anonymise_person(user, *, reason: str = "") -> AnonymisationRecord:  # noqa: F821 - imported inside to avoid a cycle
    """Removes the person's name, e-mail and phone from every registered table, every
    language column and every history row; records that it happened (without the data)."""
    from axes.models import AccessAttempt, AccessLog
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.sessions.models import Session

    from .models import AnonymisationRecord

    User = get_user_model()
    counts: dict[str, int] = {}
    with transaction.atomic():
        rows = personal_rows(user)
        old_username = user.username
        for model, (entry, pks) in rows.items():
            if not pks:
                continue
            concrete = {f.name: f for f in model._meta.concrete_fields}
            if entry.substring:
                _scrub(model, pks, columns(model, entry.fields), user)
                counts[model._meta.label] = len(pks)
                continue
            for pk in pks:
                values = {}
                for column in columns(model, entry.fields):
                    field = concrete[column]
                    if column == "username":
                        values[column] = f"{ANONYMISED}-{user.pk}"
                    else:
                        values[column] = _replacement(field, user.pk if entry.is_user else pk)
                model._base_manager.filter(pk=pk).update(**values)
            counts[model._meta.label] = len(pks)
        # The account itself can no longer be used.
        User._base_manager.filter(pk=user.pk).update(is_active=False, password="!")
        # Traces outside the registered tables.
        attempts = AccessAttempt.objects.filter(username=old_username)
        counts["axes.AccessAttempt"] = attempts.delete()[0]
        counts["axes.AccessLog"] = AccessLog.objects.filter(username=old_username).delete()[0]
        user_type = ContentType.objects.get_for_model(User)
        counts["admin.LogEntry"] = LogEntry.objects.filter(
            content_type=user_type, object_id=str(user.pk)
        ).update(object_repr=ANONYMISED)
        sessions = [
            s.pk
            for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
            if str(s.get_decoded().get("_auth_user_id")) == str(user.pk)
        ]
        counts["sessions.Session"] = Session.objects.filter(pk__in=sessions).delete()[0]
        record = AnonymisationRecord.objects.create(
            user_id_reference=user.pk,
            reason=reason,
            rows_changed={k: v for k, v in counts.items() if v},
        )
    public_cache.invalidate()  # the rows above were changed with update(), without signals
    return record


def purge_history(*, older_than_days: int | None = None) -> dict[str, int]:
    """Deletes history rows older than the retention period from every historical table."""
    days = settings.HISTORY_RETENTION_DAYS if older_than_days is None else older_than_days
    cutoff = timezone.now() - timedelta(days=days)
    deleted: dict[str, int] = {}
    tables = historical_models()
    dated = [m for m in tables if any(f.name == "history_date" for f in m._meta.concrete_fields)]
    # History of many-to-many fields: rows hang off a parent history row (DO_NOTHING).
    m2m = [m for m in tables if m not in dated]
    with transaction.atomic():
        for model in m2m:
            count, _ = model._base_manager.filter(history__history_date__lt=cutoff).delete()
            if count:
                deleted[model._meta.label] = count
        for model in dated:
            count, _ = model._base_manager.filter(history_date__lt=cutoff).delete()
            if count:
                deleted[model._meta.label] = count
    return deleted
