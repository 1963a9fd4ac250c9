from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from intlstrategy.concurrency import VersionedFormMixin
from intlstrategy.models import Department
from intlstrategy.widgets import DateInput, FastSelect, FilterChoiceField, https_formfield
from partners.models import Organisation, Relation
from strategies.models import GoalArea, Strategy

from .models import (
    Call,
    Currency,
    ExchangeRate,
    Funder,
    FundingProgramme,
    Project,
    ProjectPartner,
    ProjectStatus,
)
from .services import allowed_transitions
from .transfer import IMPORT_HELP

PROJECT_FIELDS = [
    "title_sv",
    "title_nb",
    "title_en",
    "acronym",
    "programme",
    "call",
    "role",
    "lead_department",
    "participating_departments",
    "status",
    "start_date",
    "end_date",
    "submitted_on",
    "decision_expected_on",
    "currency",
    "total_budget",
    "municipality_budget",
    "grant",
    "co_financing",
    "goal_areas",
    "strategies",
    "expected_results_sv",
    "expected_results_nb",
    "expected_results_en",
    "achieved_results_sv",
    "achieved_results_nb",
    "achieved_results_en",
    "programme_project_id",
    "keep_eu_url",
    "cordis_url",
]


class ProjectForm(VersionedFormMixin, forms.ModelForm):
    """Create (with a first status) and edit (status changes go through the pipeline)."""

    class Meta:
        model = Project
        formfield_callback = https_formfield
        fields = PROJECT_FIELDS
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "submitted_on": DateInput(),
            "decision_expected_on": DateInput(),
            "participating_departments": forms.CheckboxSelectMultiple,
            "goal_areas": forms.CheckboxSelectMultiple,
            "strategies": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        municipality = access.municipality
        language = municipality.default_language
        departments = Department.objects.for_municipality(municipality).active()
        lead = (
            departments
            if access.is_coordinator
            else departments.filter(pk__in=access.department_ids)
        )
        self.fields["lead_department"].queryset = lead
        self.fields["participating_departments"].queryset = departments
        # Only what the options show: the names (every language, for the fallback).
        names = ("name", "name_nb", "name_sv", "name_en")
        usable = FundingProgramme.objects.usable_by(municipality)
        self.fields["programme"].queryset = usable.only("short_name", *names)
        self.fields["call"].queryset = Call.objects.usable_by(municipality).select_related(
            "programme"
        )
        self._group_calls_by_programme()
        self.fields["goal_areas"].queryset = GoalArea.objects.adopted_for(municipality)
        self.fields["strategies"].queryset = Strategy.objects.filter(
            document__municipalities=municipality, document__status="adopted"
        ).filter(Q(municipality__isnull=True) | Q(municipality=municipality))
        for name in ("title", "expected_results", "achieved_results"):
            for code, label in settings.LANGUAGES:
                field = self.fields[f"{name}_{code}"]
                field.label = f"{Project._meta.get_field(name).verbose_name.capitalize()} – {label}"
                if name != "title":
                    field.widget.attrs["rows"] = 3
        self.fields[f"title_{language}"].required = True
        # The municipality's own language first.
        order = [code for code, _l in settings.LANGUAGES]
        order.sort(key=lambda code: code != language)
        self.language_order = order
        for name in ("goal_areas", "strategies"):
            if not self.fields[name].queryset.exists():
                del self.fields[name]
        if not self.instance.pk and lead.count() == 1:
            self.initial.setdefault("lead_department", lead.first().pk)
        for name in ("total_budget", "municipality_budget", "grant", "co_financing"):
            self.fields[name].widget.attrs.update({"min": "0", "step": "0.01"})
        if self.instance.pk:
            del self.fields["status"]
        else:
            self.fields["status"].help_text = _(
                "Usually “idea” or “in preparation”; choose a later status to register a "
                "project that is already under way. Later changes go through the pipeline."
            )
        self.fields["submitted_on"].help_text = _("Filled in when the status becomes “submitted”.")
        self.fields["decision_expected_on"].help_text = _(
            "When the funder is expected to decide; the dashboard reminds you after this date."
        )

    def _group_calls_by_programme(self) -> None:
        """Calls listed under their programme (an <optgroup> each), so the right call is
        easy to find; portal.js then shows only the chosen programme's calls. A call of
        another programme is still refused on save."""
        field = self.fields["call"]
        groups: dict[str, list] = {}
        for call in field.queryset:
            groups.setdefault(str(call.programme), []).append((call.pk, str(call)))
        field.choices = [("", field.empty_label), *groups.items()]
        field.widget.attrs["data-grouped-by"] = self["programme"].auto_id

    def fieldsets(self):
        """(legend, [bound fields]) groups for the template; the languages in the
        municipality's order."""

        def langs(name):
            return [f"{name}_{code}" for code in self.language_order]

        groups = [
            (_("The project"), langs("title") + ["acronym", "programme", "call", "role", "status"]),
            (_("Departments"), ["lead_department", "participating_departments"]),
            (_("Dates"), ["start_date", "end_date", "submitted_on", "decision_expected_on"]),
            (
                _("Budget"),
                ["currency", "total_budget", "municipality_budget", "grant", "co_financing"],
            ),
            (
                _("Strategy and results"),
                ["goal_areas", "strategies"]
                + langs("expected_results")
                + langs("achieved_results"),
            ),
            (_("External identifiers"), ["programme_project_id", "keep_eu_url", "cordis_url"]),
        ]
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in groups
        ]

    def service_fields(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "expected_version"}
        return data


class StatusChangeForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"))
    on = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. the decision's reference number, or why."),
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        # All statuses are offered so that a forbidden jump gets a clear explanation,
        # but the allowed next steps come first.
        allowed = allowed_transitions(project.status)
        choices = [(s, ProjectStatus(s).label) for s in allowed]
        self.fields["to"].choices = choices or [("", "–")]


class PartnerForm(forms.ModelForm):
    class Meta:
        model = ProjectPartner
        fields = ["relation", "organisation", "name", "country"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["relation"].queryset = Relation.objects.for_municipality(municipality)
        self.fields["organisation"].queryset = Organisation.objects.all()
        self.fields["name"].help_text = _(
            "For a partner not in the registers: its name and country."
        )

    def clean_country(self):
        return self.cleaned_data["country"].upper()


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word (DOCX) or Excel (XLSX), at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx"}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"),
        help_text=IMPORT_HELP,
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.csv,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )


class ExchangeRateForm(forms.ModelForm):
    class Meta:
        model = ExchangeRate
        fields = ["year", "currency", "rate"]

    def __init__(self, *args, base, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].choices = [(c, c) for c in Currency.values if c != base]
        self.fields["rate"].help_text = _(
            "How many %(base)s one unit of this currency was worth."
        ) % {"base": base}

    def validate_unique(self):
        # exchange_rate_set updates an existing rate for the same year and currency.
        pass


class CatalogueForm(VersionedFormMixin, forms.ModelForm):
    """A funder, programme or call: the version the editor started from, the choices of
    what it may be part of limited to what the municipality uses, and (for operators
    adding an entry) whether it goes into the portal-wide catalogue."""

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        from .permissions import is_operator

        self.access = access
        if not self.instance.pk:
            # The model's own checks (what an entry may be part of) run on this instance.
            self.instance.owner = access.municipality
        if not self.instance.pk and is_operator(access.user):
            self.fields["portal_wide"] = forms.BooleanField(
                label=_("Part of the portal-wide catalogue"),
                required=False,
                help_text=_(
                    "Every municipality sees and uses it, and only the portal's operators "
                    "can change it. Leave unticked for an addition of this municipality."
                ),
            )
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = field.queryset.usable_by(access.municipality)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("portal_wide"):
            self.instance.owner = None
        return cleaned

    def _label_languages(self, model, names):
        for name in names:
            for code, label in settings.LANGUAGES:
                self.fields[
                    f"{name}_{code}"
                ].label = f"{model._meta.get_field(name).verbose_name.capitalize()} – {label}"

    def _one_name_at_least(self, cleaned) -> None:
        """A name in at least one language; the others may come later (fallbacks show
        the one there is, marked with its language)."""
        if not any(cleaned.get(f"name_{code}") for code, _label in settings.LANGUAGES):
            first = f"name_{(get_language() or settings.LANGUAGE_CODE)[:2]}"
            if first not in self.fields:
                first = f"name_{settings.LANGUAGES[0][0]}"
            self.add_error(first, _("Give the name in at least one language."))

    @property
    def portal_wide(self) -> bool:
        return bool(self.cleaned_data.get("portal_wide"))

    def service_fields(self) -> dict:
        skip = {"expected_version", "portal_wide"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class FunderForm(CatalogueForm):
    class Meta:
        model = Funder
        formfield_callback = https_formfield
        fields = ["name_sv", "name_nb", "name_en", "website"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._label_languages(Funder, ["name"])

    def clean(self):
        cleaned = super().clean()
        self._one_name_at_least(cleaned)
        return cleaned


class ProgrammeForm(CatalogueForm):
    class Meta:
        model = FundingProgramme
        formfield_callback = https_formfield
        fields = [
            "funder",
            "parent",
            "name_sv",
            "name_nb",
            "name_en",
            "short_name",
            "website",
            "description_sv",
            "description_nb",
            "description_en",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._label_languages(FundingProgramme, ["name", "description"])
        for code, _label in settings.LANGUAGES:
            self.fields[f"description_{code}"].widget.attrs["rows"] = 3
        parent = self.fields["parent"]
        parent.queryset = parent.queryset.filter(parent__isnull=True)
        if self.instance.pk:
            parent.queryset = parent.queryset.exclude(pk=self.instance.pk)

    def clean(self):
        cleaned = super().clean()
        self._one_name_at_least(cleaned)
        return cleaned


class CallForm(CatalogueForm):
    class Meta:
        model = Call
        formfield_callback = https_formfield
        fields = ["programme", "identifier", "title", "deadline", "website"]
        widgets = {"deadline": DateInput()}


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=FastSelect)
    programme = FilterChoiceField(
        label=_("Programme"), required=False, queryset=FundingProgramme.objects.none()
    )
    department = FilterChoiceField(
        label=_("Department"), required=False, queryset=Department.objects.none()
    )
    year = forms.IntegerField(
        label=_("Active in year"), required=False, min_value=1990, max_value=2100
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-start_date", _("start, newest first")),
            ("start_date", _("start, oldest first")),
            ("title", _("title")),
            ("status", _("status")),
            ("-total_budget", _("total budget, largest first")),
            ("-grant", _("grant, largest first")),
        ],
        widget=FastSelect,
    )

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        statuses = ProjectStatus.choices
        if not access.is_member:
            from .models import PUBLIC_STATUSES

            statuses = [(value, label) for value, label in statuses if value in PUBLIC_STATUSES]
        self.fields["status"].choices = [("", _("all"))] + list(statuses)
        # Only what the options show: the names (every language, for the fallback).
        names = ("name", "name_nb", "name_sv", "name_en")
        self.fields["programme"].queryset = FundingProgramme.objects.usable_by(
            access.municipality
        ).only("short_name", *names)
        self.fields["programme"].empty_label = _("all")
        self.fields["department"].queryset = Department.objects.for_municipality(
            access.municipality
        ).only(*names)
        self.fields["department"].empty_label = _("all")
