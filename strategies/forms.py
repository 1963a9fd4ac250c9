"""Forms: parse and explain. Translated texts are edited side by side (nb, sv, en)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intlstrategy.concurrency import VersionedFormMixin
from intlstrategy.i18n import language_name
from intlstrategy.lib.languages import codes, translated
from intlstrategy.models import Department, Municipality
from intlstrategy.widgets import DateInput

from . import parts
from .models import (
    ActionPlan,
    ActionPlanActivity,
    AdoptingBody,
    CouncilAmendment,
    FollowUp,
    Goal,
    GoalArea,
    Indicator,
    Measure,
    Milestone,
    Strategy,
    StrategyDocument,
)

# The languages and column names come from the one setting (intlstrategy.lib.languages).
LANGUAGES = list(codes())


class TranslatedForm(VersionedFormMixin, forms.ModelForm):
    """A model form whose translated fields are shown side by side, missing ones marked.

    `translated_fields` names the base fields; `layout()` groups their language
    variants for the template. The municipality's own language comes first.
    """

    translated_fields: tuple[str, ...] = ()

    def __init__(self, *args, language_order=None, document=None, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.document = document
        # The municipality writing: in a joint document only the common part and its own
        # part are offered (strategies.access decides what it may write).
        self.municipality = municipality
        self.language_order = language_order or LANGUAGES
        for name in self.translated_fields:
            for code in LANGUAGES:
                field = self.fields.get(f"{name}_{code}")
                if field is None:
                    continue
                field.label = language_name(code)
                field.widget.attrs["lang"] = code
                if isinstance(field.widget, forms.Textarea):
                    field.widget.attrs["rows"] = 6

    def layout(self):
        grouped = {f"{n}_{c}" for n in self.translated_fields for c in LANGUAGES}
        rows, done = [], set()
        for bound in self.visible_fields():
            name = bound.name
            if name not in grouped:
                rows.append({"field": bound})
                continue
            base = name.rsplit("_", 1)[0]
            if base in done:
                continue
            done.add(base)
            model_field = self._meta.model._meta.get_field(base)
            variants = []
            for code in self.language_order:
                variant = self[f"{base}_{code}"]
                value = variant.value()
                variants.append(
                    {"field": variant, "code": code, "missing": not (value or "").strip()}
                )
            rows.append(
                {
                    "legend": model_field.verbose_name,
                    "help": model_field.help_text,
                    "variants": variants,
                    "required": not model_field.blank,
                }
            )
        return rows

    def clean(self):
        cleaned = super().clean()
        for name in self.translated_fields:
            model_field = self._meta.model._meta.get_field(name)
            if model_field.blank:
                continue
            if not any(cleaned.get(f"{name}_{code}") for code in LANGUAGES):
                self.add_error(
                    f"{name}_{self.language_order[0]}",
                    _("Write this text in at least one language."),
                )
        return cleaned

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("expected_version", None)
        return data


class DocumentForm(TranslatedForm):
    translated_fields = (
        "title",
        "introduction",
        "purpose",
        "vision",
        "guidelines",
        "responsibilities",
    )

    class Meta:
        model = StrategyDocument
        fields = [
            *translated("title"),
            "kind",
            "owner",
            "valid_until",
            "replaces_note",
            "common_part_editor",
            *translated("introduction", "purpose", "vision", "guidelines", "responsibilities"),
        ]
        widgets = {"valid_until": DateInput()}

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Department.objects.filter(
            municipality__in=municipalities
        ).order_by("name")
        if len(municipalities) > 1:
            self.fields["common_part_editor"].queryset = Municipality.objects.filter(
                pk__in=[m.pk for m in municipalities]
            )
            self.fields["common_part_editor"].empty_label = _("each municipality")
        else:
            del self.fields["common_part_editor"]


class GoalAreaForm(TranslatedForm):
    translated_fields = ("title", "description")

    class Meta:
        model = GoalArea
        fields = ["number", "municipality", *translated("title", "description")]

    def __init__(self, *args, document=None, **kwargs):
        super().__init__(*args, document=document, **kwargs)
        municipalities = document.municipalities.all()
        if len(municipalities) > 1:
            # Another municipality's part is not offered: it writes that part itself.
            field = self.fields["municipality"]
            field.queryset = municipalities.filter(pk=getattr(self.municipality, "pk", None))
            field.empty_label = _("common part")
            if self.municipality is not None and not parts.may_write_common_part(
                self.municipality, document
            ):
                field.required = True
        else:
            del self.fields["municipality"]


class GoalForm(TranslatedForm):
    translated_fields = ("text",)

    class Meta:
        model = Goal
        fields = ["letter", *translated("text")]


class StrategyForm(TranslatedForm):
    translated_fields = ("title",)

    class Meta:
        model = Strategy
        fields = ["number", *translated("title"), "goal_areas"]
        widgets = {"goal_areas": forms.CheckboxSelectMultiple}

    def __init__(self, *args, document=None, **kwargs):
        super().__init__(*args, document=document, **kwargs)
        self.fields["goal_areas"].queryset = _goal_areas(document, self.municipality)


def _goal_areas(document, municipality):
    areas = document.goal_areas.order_by("number")
    if municipality is not None:
        areas = areas.filter(parts.in_parts_of(GoalArea, municipality))
    return areas


def _in_parts(queryset, municipality):
    if municipality is None:
        return queryset
    return queryset.filter(parts.in_parts_of(queryset.model, municipality))


class MeasureForm(TranslatedForm):
    translated_fields = ("text",)

    class Meta:
        model = Measure
        fields = ["letter", *translated("text"), "responsible_departments", "goal_areas"]
        widgets = {
            "goal_areas": forms.CheckboxSelectMultiple,
            "responsible_departments": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, document=None, **kwargs):
        super().__init__(*args, document=document, **kwargs)
        self.fields["goal_areas"].queryset = _goal_areas(document, self.municipality)
        # Every department is offered so that a wrong choice is explained, not hidden;
        # the service refuses another municipality's department with a clear message.
        self.fields["responsible_departments"].queryset = Department.objects.filter(
            municipality__in=document.municipalities.all()
        ).order_by("name")


class AmendmentForm(TranslatedForm):
    translated_fields = ("text", "proposed_text")

    class Meta:
        model = CouncilAmendment
        fields = [
            "body",
            "decided_on",
            "item",
            "kind",
            *translated("text"),
            "goal",
            "strategy",
            "measure",
            "part",
            *translated("proposed_text"),
        ]
        widgets = {"decided_on": DateInput()}

    def __init__(self, *args, document=None, **kwargs):
        super().__init__(*args, document=document, **kwargs)
        self.fields["goal"].queryset = _in_parts(
            Goal.objects.filter(goal_area__document=document), self.municipality
        )
        self.fields["strategy"].queryset = _in_parts(document.strategies.all(), self.municipality)
        self.fields["measure"].queryset = _in_parts(
            Measure.objects.filter(strategy__document=document), self.municipality
        ).select_related("strategy")
        self.fields["measure"].label_from_instance = lambda m: (
            f"{m.strategy.number} {m.letter}) {m.text[:70]}"
        )
        self.fields["goal"].label_from_instance = lambda g: f"{g.letter}) {g.text[:70]}"

    def clean_decided_on(self):
        value = self.cleaned_data.get("decided_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The decision date cannot be in the future."))
        return value

    def clean(self):
        cleaned = super().clean()
        targets = [f for f in ("goal", "strategy", "measure") if cleaned.get(f)]
        if cleaned.get("part"):
            targets.append("part")
        if len(targets) > 1:
            self.add_error(
                targets[1],
                _("An amendment changes one thing: a goal, a strategy, a measure or a text."),
            )
        return cleaned


class AdoptForm(VersionedFormMixin, forms.Form):
    adopted_by = forms.ChoiceField(label=_("adopted by"), choices=AdoptingBody.choices)
    adopted_on = forms.DateField(label=_("adoption date"), widget=DateInput())
    paragraph = forms.CharField(
        label=_("paragraph (§)"), max_length=30, required=False, help_text=_("E.g. “§ 213”.")
    )
    case_number = forms.CharField(
        label=_("case number"),
        max_length=60,
        required=False,
        help_text=_("Arkivsak / Dnr, e.g. “KS/2012:935”."),
    )

    def clean_adopted_on(self):
        value = self.cleaned_data["adopted_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The adoption date cannot be in the future."))
        return value


class ActionPlanForm(TranslatedForm):
    translated_fields = ("title",)

    class Meta:
        model = ActionPlan
        fields = [*translated("title"), "start_year", "end_year"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The last year cannot be before the first year."))
        return cleaned


class ActivityForm(TranslatedForm):
    translated_fields = ("title", "description", "result_target")

    class Meta:
        model = ActionPlanActivity
        fields = [
            "number",
            *translated("title", "description"),
            "responsible_department",
            "starts_on",
            "ends_on",
            *translated("result_target"),
            "resources_amount",
            "resources_currency",
            "measures",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "measures": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, document=None, **kwargs):
        super().__init__(*args, document=document, **kwargs)
        self.fields["responsible_department"].queryset = Department.objects.filter(
            municipality__in=document.municipalities.all()
        ).order_by("name")
        self.fields["measures"].queryset = (
            _in_parts(Measure.objects.filter(strategy__document=document), self.municipality)
            .select_related("strategy")
            .order_by("strategy__number", "letter")
        )
        self.fields["measures"].label_from_instance = lambda m: (
            f"{m.strategy.number} {m.letter}) {m.text[:80]}"
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end cannot be before the start."))
        if cleaned.get("resources_amount") is not None and not cleaned.get("resources_currency"):
            self.add_error("resources_currency", _("Give the currency of the resources needed."))
        return cleaned


class MilestoneForm(TranslatedForm):
    translated_fields = ("title",)

    class Meta:
        model = Milestone
        fields = [*translated("title"), "due_on", "done"]
        widgets = {"due_on": DateInput()}


class IndicatorForm(TranslatedForm):
    translated_fields = ("name",)

    class Meta:
        model = Indicator
        fields = [
            "number",
            *translated("name"),
            "responsible_department",
            "unit",
            "direction",
            "baseline",
            "baseline_year",
            "target",
            "target_year",
        ]

    def __init__(self, *args, document=None, **kwargs):
        super().__init__(*args, document=document, **kwargs)
        self.fields["responsible_department"].queryset = Department.objects.filter(
            municipality__in=document.municipalities.all()
        ).order_by("name")


class IndicatorValueForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=1990, max_value=2100)
    value = forms.DecimalField(
        label=_("value"),
        max_digits=14,
        decimal_places=2,
        required=False,
        help_text=_("Leave empty to remove the value of that year."),
    )


class FollowUpForm(TranslatedForm):
    translated_fields = ("summary", "decision")

    class Meta:
        model = FollowUp
        fields = ["followed_up_on", "body", "paragraph", *translated("summary", "decision")]
        widgets = {"followed_up_on": DateInput()}

    def clean_followed_up_on(self):
        value = self.cleaned_data.get("followed_up_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value
