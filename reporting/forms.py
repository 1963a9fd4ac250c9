"""Forms of the reporting app: they parse and explain; services decide."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from intlstrategy.concurrency import NOT_STORED, VersionedFormMixin
from intlstrategy.models import Department
from intlstrategy.widgets import DateInput
from partners.models import Relation
from strategies.models import ProgressStatus

from .models import (
    COMMENT_MAX_LENGTH,
    INSTRUCTIONS_MAX_LENGTH,
    RESULT_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TEXT_TOO_LONG,
    FollowUpDocument,
    ReportActivity,
    ReportingRound,
    ReportProgress,
    ReportProject,
    ReportResult,
    RoundStatus,
    Trip,
)


def long_text(*, limit: int, rows: int, help_text: str = "", **kwargs) -> forms.CharField:
    """An optional free text bounded by `limit` characters, the limit of its model field;
    too long a text is refused at the field with its length, and kept. No `maxlength`
    attribute: a browser silently cuts pasted text there."""
    limit_text = gettext("At most %(limit)s characters.") % {
        "limit": formats.number_format(limit, force_grouping=True)
    }
    field = forms.CharField(
        required=False,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": TEXT_TOO_LONG},
        help_text=f"{help_text} {limit_text}" if help_text else limit_text,
        **kwargs,
    )
    field.widget.attrs.pop("maxlength", None)
    return field


def _instruction_fields(form):
    for code, name in settings.LANGUAGES:
        form.fields[f"instructions_{code}"] = long_text(
            label=_("Instructions (%(language)s)") % {"language": name},
            limit=INSTRUCTIONS_MAX_LENGTH,
            rows=4,
        )


class RoundForm(VersionedFormMixin):
    year = forms.IntegerField(label=_("Report year"), min_value=2000, max_value=2100)
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments that must report"),
        queryset=Department.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, municipality, round: ReportingRound | None = None, **kwargs):
        self.municipality = municipality
        self.round = round
        self.instance = round  # VersionedFormMixin: the version the editor started from
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = (
            Department.objects.for_municipality(municipality).active().order_by("name")
        )
        _instruction_fields(self)
        if round is not None:
            del self.fields["year"]
            self.fields["status"] = forms.ChoiceField(
                label=_("Status"), choices=RoundStatus.choices
            )
            if not self.is_bound:
                self.initial.update(
                    {
                        "deadline": round.deadline,
                        "status": round.status,
                        "departments": list(round.departments.all()),
                        **{
                            f"instructions_{c}": getattr(round, f"instructions_{c}")
                            for c, _n in settings.LANGUAGES
                        },
                    }
                )
        elif not self.is_bound:
            self.initial.setdefault("year", timezone.localdate().year)
            self.initial.setdefault("departments", list(self.fields["departments"].queryset))

    def clean_year(self):
        year = self.cleaned_data["year"]
        if ReportingRound.objects.filter(municipality=self.municipality, year=year).exists():
            raise forms.ValidationError(
                _("There is already a reporting round for %(year)s.") % {"year": year}
            )
        return year

    @property
    def instructions(self) -> dict[str, str]:
        return {
            code: self.cleaned_data.get(f"instructions_{code}", "")
            for code, _n in settings.LANGUAGES
        }


class ReportForm(VersionedFormMixin):
    """The report's texts: a comment per project row and results per goal area."""

    no_activities = forms.BooleanField(
        label=_("The department had no other international work this year"), required=False
    )

    def __init__(self, *args, report, rows, goal_areas, results, progress_rows=None, **kwargs):
        self.instance = report
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.initial.setdefault("no_activities", report.no_activities)
        for row in rows:
            self.fields[f"comment_{row.pk}"] = long_text(
                label=_("Comment on %(project)s")
                % {"project": row.data.get("title") or row.project},
                limit=COMMENT_MAX_LENGTH,
                rows=3,
                initial=row.comment,
            )
        texts = {result.goal_area_id: result.text for result in results}
        self.result_keys = []
        for area in goal_areas or [None]:
            key = area.pk if area else None
            name = f"result_{key or 0}"
            self.result_keys.append((name, key))
            self.fields[name] = long_text(
                label=str(area) if area else _("Results of the international work"),
                limit=RESULT_MAX_LENGTH,
                rows=4,
                initial=texts.get(key, ""),
            )

        # "Our measures and activities": a status (empty: not reported) and a note per row.
        self.progress_rows = progress_rows or []
        for row in self.progress_rows:
            self.fields[f"progress_status_{row.pk}"] = forms.ChoiceField(
                label=_("Status"),
                required=False,
                choices=[("", _("not reported")), *ProgressStatus.choices],
                initial=row.status,
            )
            self.fields[f"progress_note_{row.pk}"] = long_text(
                label=_("Progress note"), limit=COMMENT_MAX_LENGTH, rows=2, initial=row.note
            )

    def comment_fields(self):
        return [(row, self[f"comment_{row.pk}"]) for row in self.rows]

    def progress_fields(self):
        return [
            (row, self[f"progress_status_{row.pk}"], self[f"progress_note_{row.pk}"])
            for row in self.progress_rows
        ]

    @property
    def progress(self) -> dict[int, tuple[str, str]]:
        """(status, note) per row the page posted: a page that did not show a row (an
        older page, a row added since) leaves it as it is."""
        posted = {}
        for row in self.progress_rows:
            status, note = f"progress_status_{row.pk}", f"progress_note_{row.pk}"
            if self.add_prefix(status) in self.data or self.add_prefix(note) in self.data:
                posted[row.pk] = (
                    self.cleaned_data.get(status, "")
                    if self.add_prefix(status) in self.data
                    else row.status,
                    self.cleaned_data.get(note, "")
                    if self.add_prefix(note) in self.data
                    else row.note,
                )
        return posted

    def result_fields(self):
        return [self[name] for name, _key in self.result_keys]

    @property
    def comments(self) -> dict[int, str]:
        return {row.pk: self.cleaned_data.get(f"comment_{row.pk}", "") for row in self.rows}

    @property
    def results(self) -> dict[int | None, str]:
        return {key: self.cleaned_data.get(name, "") for name, key in self.result_keys}

    # The merge view after a colleague's save (VersionedFormMixin.add_conflict). The texts
    # are not attributes of the report but its child rows, so the form says where each
    # field is stored, now and as this person last saw it.

    def stored_value(self, current, name: str):
        texts = current if isinstance(current, ReportTexts) else ReportTexts.stored(current)
        return texts.value(name)

    def stored_display(self, current, name: str) -> str:
        value = self.stored_value(current, name)
        if name.startswith("progress_status_"):
            return str(ProgressStatus(value).label) if value else str(_("not reported"))
        if isinstance(value, bool):
            return str(_("yes") if value else _("no"))
        return value or ""

    def version_seen(self, current):
        started = self.cleaned_data.get("expected_version")
        return ReportTexts.as_seen(current, started) if started is not None else None


class ReportTexts:
    """What a report said: its project comments, results and "no activities" box, by the
    field names of ReportForm. From the database, or from history as it was at a version."""

    def __init__(self, *, comments: dict, results: dict, no_activities: bool, progress=None):
        self.comments, self.results, self.no_activities = comments, results, no_activities
        self.progress = progress or {}  # row pk → (status, note)

    def value(self, name: str):
        kind, _sep, key = name.partition("_")
        if name == "no_activities":
            return self.no_activities
        if kind == "comment":
            return self.comments.get(int(key), "")
        if kind == "result":
            return self.results.get(int(key) or None, "")
        if kind == "progress":
            part, _sep, pk = key.partition("_")
            if pk.isdigit() and int(pk) in self.progress:
                return self.progress[int(pk)][0 if part == "status" else 1]
            return ""
        return NOT_STORED

    @classmethod
    def stored(cls, report) -> ReportTexts:
        return cls(
            comments=dict(report.project_rows.values_list("pk", "comment")),
            results=dict(report.results.values_list("goal_area_id", "text")),
            no_activities=report.no_activities,
            progress={
                pk: (status, note)
                for pk, status, note in report.progress_rows.values_list("pk", "status", "note")
            },
        )

    @classmethod
    def as_seen(cls, report, version: int) -> ReportTexts | None:
        """The texts as they were when the report had `version`: the child rows' history
        up to the save that made the next version (a save writes the report's row first,
        then the texts, so everything before that moment belongs to `version`)."""
        seen = report.history.filter(version=version).order_by("-history_id").first()
        after = report.history.filter(version__gt=version).order_by("history_id").first()
        if seen is None or after is None:
            return None

        def as_of(history, field):
            state = {}
            rows = history.filter(report_id=report.pk, history_date__lt=after.history_date)
            for record in rows.order_by("history_date", "history_id"):
                key = record.goal_area_id if field == "text" else record.id
                if record.history_type == "-":
                    state.pop(key, None)
                elif field == "progress":
                    state[key] = (record.status, record.note)
                else:
                    state[key] = getattr(record, field)
            return state

        return cls(
            comments=as_of(ReportProject.history, "comment"),
            results=as_of(ReportResult.history, "text"),
            no_activities=seen.no_activities,
            progress=as_of(ReportProgress.history, "progress"),
        )


class ActivityForm(forms.ModelForm):
    prefix = "activity"
    # Part of the report's one form: a browser's `required` would stop "Save draft" while
    # the activity is empty. The view checks it once anything is typed into it.
    use_required_attribute = False

    class Meta:
        model = ReportActivity
        fields = ["kind", "date", "title", "partner", "relation", "participants", "goal_area"]
        widgets = {"date": DateInput()}

    # The activity being changed (its pk), when the sub-form edits one in place.
    editing = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, report, goal_areas, editing=None, **kwargs):
        super().__init__(*args, instance=editing or ReportActivity(report=report), **kwargs)
        if editing is not None:
            self.initial["editing"] = editing.pk
        self.fields["relation"].queryset = Relation.objects.for_municipality(
            report.round.municipality
        )
        self.fields["goal_area"].queryset = self.fields["goal_area"].queryset.filter(
            pk__in=[area.pk for area in goal_areas]
        )
        self.fields["participants"].widget.attrs["min"] = 0
        year = report.round.year
        self.fields["date"].widget.attrs.update({"min": f"{year}-01-01", "max": f"{year}-12-31"})
        self.fields["date"].help_text = _("A date in %(year)s.") % {"year": year}


class TripForm(forms.ModelForm):
    prefix = "trip"
    use_required_attribute = False  # as ActivityForm: part of the report's one form
    co2_kg = forms.DecimalField(
        label=_("Estimated CO2 (kg)"),
        required=False,
        min_value=0,
        decimal_places=1,
        help_text=_(
            "Leave empty to estimate it from mode, distance and travellers: per person and km "
            "flight 0.25 kg, train 0.04, car 0.17, bus 0.10, boat 0.12."
        ),
    )

    class Meta:
        model = Trip
        fields = ["destination", "mode", "distance_km", "travellers", "compensated"]

    editing = forms.IntegerField(widget=forms.HiddenInput, required=False)  # as ActivityForm

    def __init__(self, *args, report, editing=None, **kwargs):
        super().__init__(*args, instance=editing or Trip(report=report), **kwargs)
        if editing is not None:
            self.initial["editing"] = editing.pk
            self.initial["co2_kg"] = editing.co2_kg if editing.co2_overridden else None
        self.fields["distance_km"].widget.attrs["min"] = 0
        self.fields["travellers"].widget.attrs["min"] = 1

    def _post_clean(self):
        # co2_kg is required on the model but estimated by the service when left empty.
        self.instance.co2_kg = self.cleaned_data.get("co2_kg") or 0
        super()._post_clean()


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the department change?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class FollowUpForm(forms.Form):
    PERIOD_YEAR = "year"
    PERIOD_TERM = "term"
    period = forms.ChoiceField(
        label=_("Period"),
        widget=forms.RadioSelect,
        choices=[
            (PERIOD_YEAR, _("one report year")),
            (PERIOD_TERM, _("a term of office (four years)")),
        ],
        initial=PERIOD_YEAR,
    )
    year = forms.IntegerField(
        label=_("Year (or first year of the term)"), min_value=2000, max_value=2100
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summary"] = long_text(
            label=pgettext_lazy("follow-up", "Summary"),
            limit=SUMMARY_MAX_LENGTH,
            rows=8,
            help_text=gettext("Your summary for the council, shown before the key figures."),
        )

    def years(self) -> list[int]:
        year = self.cleaned_data["year"]
        return (
            [year]
            if self.cleaned_data["period"] == self.PERIOD_YEAR
            else list(range(year, year + 4))
        )


class FollowUpGenerateForm(FollowUpForm):
    """The preview's confirmation: the period and summary come back as the first step
    sent them (hidden), with the languages to make, one document each."""

    languages = forms.MultipleChoiceField(
        label=_("Languages to produce"),
        widget=forms.CheckboxSelectMultiple,
        choices=settings.LANGUAGES,
        error_messages={"required": _("Choose at least one language.")},
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, municipality=municipality, **kwargs)
        self.initial.setdefault("languages", [municipality.default_language])
        for name in ("period", "year", "summary"):
            self.fields[name].widget = forms.HiddenInput()


def followup_initial(municipality, year: int | None) -> dict:
    """Start from the latest summary written, so a regeneration keeps the text."""
    latest = FollowUpDocument.objects.for_municipality(municipality).exclude(summary="").first()
    initial = {"year": year}
    if latest is not None:
        initial["summary"] = latest.summary
    return initial
