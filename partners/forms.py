"""Forms of the partner registers: they parse, explain at the field, and keep the input."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from intlstrategy.concurrency import VersionedFormMixin
from intlstrategy.lib.languages import translated
from intlstrategy.models import Department
from intlstrategy.widgets import DateInput, https_formfield
from strategies.models import GoalArea

from .countries import country_choices
from .files import validate_pdf_upload
from .models import (
    Agreement,
    Category,
    CategoryChange,
    Consulate,
    ContactPerson,
    DecidingBody,
    Evaluation,
    FinancingLine,
    ForumParticipant,
    NetworkMembership,
    Organisation,
    Relation,
    RelationActivity,
    Representation,
)


class CountrySelect(forms.Select):
    """Country names in the active language, sorted by name, the code kept as value."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

    @property
    def choices(self):
        return [("", "---------"), *country_choices()]

    @choices.setter
    def choices(self, value):
        pass


def _country_field(required=True):
    # A text value is validated by the model (ISO 3166 list) with a clear message.
    return forms.CharField(
        label=capfirst(_("country")),
        required=required,
        max_length=2,
        widget=CountrySelect,
        help_text=_("ISO 3166-1 alpha-2 code, e.g. SE, NO, DE."),
    )


class RelationForm(VersionedFormMixin, forms.ModelForm):
    reason = forms.CharField(
        label=capfirst(_("reason for the grading")),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the relation is given this category. It starts the category history."),
        error_messages={"required": _("Give the reason for the grading.")},
    )

    class Meta:
        model = Relation
        fields = [
            *translated("city"),
            "country",
            "latitude",
            "longitude",
            "kind",
            "category",
            "established_year",
            "established_on",
            "established_by",
            "established_decision_on",
            "established_case_number",
            "responsible_department",
            "focus_areas",
            *translated("description"),
            "next_review_on",
        ]
        widgets = {
            "established_on": DateInput(),
            "established_decision_on": DateInput(),
            "next_review_on": DateInput(),
            **{name: forms.Textarea(attrs={"rows": 4}) for name in translated("description")},
            "focus_areas": forms.CheckboxSelectMultiple,
        }
        labels = {
            "city_nb": capfirst(_("city (Norwegian)")),
            "city_sv": capfirst(_("city (Swedish)")),
            "city_en": capfirst(_("city (English)")),
            "description_nb": capfirst(_("description (Norwegian)")),
            "description_sv": capfirst(_("description (Swedish)")),
            "description_en": capfirst(_("description (English)")),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"] = _country_field()
        self.fields["responsible_department"].queryset = Department.objects.for_municipality(
            municipality
        ).order_by("name")
        self.fields["focus_areas"].queryset = GoalArea.objects.adopted_for(municipality)
        self.fields["latitude"].help_text = _("Decimal degrees between −90 and 90, e.g. 59.91.")
        self.fields["longitude"].help_text = _("Decimal degrees between −180 and 180, e.g. 10.75.")
        own = settings.LANGUAGES and municipality.default_language
        self.fields[f"city_{own}"].required = True
        if self.instance.pk:
            # The category changes only through a regrading, with its reason.
            del self.fields["category"]
            del self.fields["reason"]

    def clean_latitude(self):
        value = self.cleaned_data.get("latitude")
        if value is not None and not -90 <= value <= 90:
            raise forms.ValidationError(_("Latitude must be between −90 and 90 degrees."))
        return value

    def clean_longitude(self):
        value = self.cleaned_data.get("longitude")
        if value is not None and not -180 <= value <= 180:
            raise forms.ValidationError(_("Longitude must be between −180 and 180 degrees."))
        return value

    def clean(self):
        cleaned = super().clean()
        # The untranslated `city` column mirrors the municipality's own language.
        return cleaned


class CategoryChangeForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = CategoryChange
        fields = ["to_category", "date", "reason", "decided_by", "decision_date", "case_number"]
        widgets = {
            "date": DateInput(),
            "decision_date": DateInput(),
            "reason": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"to_category": capfirst(_("new category"))}
        help_texts = {
            "reason": _("Why the category changes; this is kept in the timeline."),
            "date": _("The date from which the new category applies."),
        }
        error_messages = {
            "reason": {"required": _("Give the reason for the change of category.")},
        }

    def __init__(self, *args, relation: Relation, **kwargs):
        super().__init__(*args, **kwargs)
        self.relation = relation
        self.initial.setdefault("expected_version", relation.version)
        self.fields["to_category"].choices = [
            (value, label) for value, label in Category.choices if value != relation.category
        ]

    def clean_reason(self):
        reason = (self.cleaned_data.get("reason") or "").strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason for the change of category."))
        return reason

    def _post_clean(self):
        # The service validates the whole change; the form checks only its own fields.
        pass


class EndRelationForm(VersionedFormMixin, forms.Form):
    ended_on = forms.DateField(label=capfirst(_("ended")), widget=DateInput())
    reason = forms.CharField(
        label=capfirst(_("reason for ending")), widget=forms.Textarea(attrs={"rows": 4})
    )
    decided_by = forms.ChoiceField(
        label=capfirst(_("decided by")),
        choices=[("", "---------"), *DecidingBody.choices],
        required=False,
    )
    case_number = forms.CharField(label=capfirst(_("case number")), max_length=60, required=False)


class EvaluationForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = ["date", "evaluated_by", "assessment", "recommendation"]
        widgets = {"date": DateInput(), "assessment": forms.Textarea(attrs={"rows": 6})}


class AgreementForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["title", "signed_on", "valid_until", "file"]
        widgets = {
            "signed_on": DateInput(),
            "valid_until": DateInput(),
            "file": forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.file:
            # No "clear" box and no link to the storage path: a new upload replaces the file.
            self.fields["file"].widget = forms.FileInput(attrs={"accept": "application/pdf,.pdf"})
            self.fields["file"].label = capfirst(_("replace the file (PDF)"))
            self.fields["file"].help_text = _(
                "Leave empty to keep the current file (PDF, %(size)s). A new PDF of at most "
                "20 MB replaces it."
            ) % {"size": filesizeformat(self.instance.file_size)}

    def add_conflict(self, conflict) -> None:
        super().add_conflict(conflict)
        if isinstance(self.cleaned_data.get("file"), UploadedFile):
            # A page cannot put a chosen file back into the file input: say so at the field.
            self.add_error(
                "file",
                _("The PDF you chose was not saved either. Choose it again before you save."),
            )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):  # not the file already stored
            validate_pdf_upload(upload)
        return upload


class FinancingLineForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = FinancingLine
        fields = ["year", "amount", "currency", "source"]
        error_messages = {
            "year": {
                "min_value": _("Give a year between 1945 and 2100."),
                "max_value": _("Give a year between 1945 and 2100."),
            },
            "amount": {"min_value": _("The amount cannot be negative.")},
        }


class ActivityForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = RelationActivity
        fields = ["date", "direction", "participants", "goal_area", "description"]
        widgets = {"date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "participants": {"min_value": _("The number of participants cannot be negative.")},
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal_area"].queryset = GoalArea.objects.adopted_for(municipality)


class ContactForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "role", "email", "phone"]


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        formfield_callback = https_formfield
        fields = [*translated("name"), "kind", "country", "website"]
        labels = {
            "name_nb": capfirst(_("name (Norwegian)")),
            "name_sv": capfirst(_("name (Swedish)")),
            "name_en": capfirst(_("name (English)")),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"] = _country_field(required=False)


class MembershipForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = NetworkMembership
        fields = [
            "organisation",
            "since",
            "yearly_fee",
            "currency",
            "renewal_on",
            "value_note",
            "ended_on",
        ]
        widgets = {
            "renewal_on": DateInput(),
            "ended_on": DateInput(),
            "value_note": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")


class RepresentationForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Representation
        fields = ["person_name", "person_kind", "body", "from_date", "to_date"]
        widgets = {"from_date": DateInput(), "to_date": DateInput()}


class ConsulateForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Consulate
        fields = ["country", "consul_name", "address"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"] = _country_field()


class ForumParticipantForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ForumParticipant
        fields = ["organisation_name", "representative", "role"]
