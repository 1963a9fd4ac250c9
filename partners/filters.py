"""Filters of the relation list (django-filter); members get the internal ones too."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField, ModelChoiceIterator

from intlstrategy.models import Department
from intlstrategy.widgets import FastSelect, ListedChoiceIterator

from .countries import country_name
from .models import Category, Relation


class PublicRelationFilter(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(
        label=_("Category"),
        choices=Category.choices,
        empty_label=_("all categories"),
        widget=FastSelect,
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), empty_label=_("all countries"), widget=FastSelect
    )
    ended = django_filters.BooleanFilter(
        label=_("Show ended relations"),
        method="filter_ended",
        widget=django_filters.widgets.forms.CheckboxInput,
    )

    class Meta:
        model = Relation
        fields = ["category", "country"]

    def __init__(self, data=None, *args, municipality, **kwargs):
        super().__init__(data, *args, **kwargs)
        codes = (
            Relation.objects.for_municipality(municipality)
            .order_by()
            .values_list("country", flat=True)
            .distinct()
        )
        self.filters["country"].extra["choices"] = sorted(
            ((code, country_name(code)) for code in codes), key=lambda c: c[1]
        )

    def filter_ended(self, queryset, name, value):
        return queryset

    @property
    def qs(self):
        qs = super().qs
        show_ended = self.is_bound and self.form.is_valid() and self.form.cleaned_data.get("ended")
        if not show_ended:
            qs = qs.filter(ended_on__isnull=True)
        return qs


class _ListedIterator(ModelChoiceIterator, ListedChoiceIterator):
    """django-filter's choices, read with one plain query (see intlstrategy.widgets)."""


class _DepartmentField(ModelChoiceField):
    iterator = _ListedIterator


class _DepartmentFilter(django_filters.ModelChoiceFilter):
    field_class = _DepartmentField


class MemberRelationFilter(PublicRelationFilter):
    department = _DepartmentFilter(
        label=_("Responsible department"),
        field_name="responsible_department",
        queryset=Department.objects.none(),
        empty_label=_("all departments"),
        widget=FastSelect,
    )
    overdue = django_filters.BooleanFilter(
        label=_("Review overdue"),
        method="filter_overdue",
        widget=django_filters.widgets.forms.CheckboxInput,
    )

    class Meta(PublicRelationFilter.Meta):
        fields = ["category", "country", "department"]

    def __init__(self, data=None, *args, municipality, **kwargs):
        super().__init__(data, *args, municipality=municipality, **kwargs)
        self.filters["department"].queryset = Department.objects.for_municipality(
            municipality
        ).order_by("name")

    def filter_overdue(self, queryset, name, value):
        if value:
            return queryset.filter(next_review_on__lt=timezone.localdate())
        return queryset
