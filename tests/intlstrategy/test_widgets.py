"""FastSelect writes a select box in Python; it must be byte for byte what Django's
templates render, whatever the choices, value, attributes and labels."""

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from intlstrategy.models import Department
from intlstrategy.widgets import FastSelect, FilterChoiceField
from projects.forms import RegisterFilterForm
from tests.factories import DepartmentFactory

CHOICES = [
    ("", gettext_lazy("all")),
    ("a&b", 'Tom & "Jerry" <script>'),
    (3, "three"),
    ("safe", mark_safe("<b>bold</b>")),
]


@pytest.mark.parametrize(
    "value, attrs",
    [
        (None, None),
        ("", {"id": "id_x"}),
        ("a&b", {"id": "id_x", "required": True, "disabled": False, "aria-describedby": 'h"1'}),
        (3, {"class": "wide"}),
        ("3", None),
        ("missing", None),
    ],
)
@pytest.mark.parametrize("language", ["sv", "en"])
def test_fast_select_renders_exactly_like_django(value, attrs, language):
    with override(language):
        expected = forms.Select(choices=CHOICES).render("x", value, attrs)
        assert FastSelect(choices=CHOICES).render("x", value, attrs) == expected


def test_fast_select_renders_groups_and_numbers_exactly_like_django():
    choices = [("Nordic", [("se", "Sweden"), ("no", "Norway")]), ("x", "Other"), (1, 2024)]
    for value in ("no", "x", 1, None):
        expected = forms.Select(choices=choices).render("c", value, {"id": "id_c"})
        assert FastSelect(choices=choices).render("c", value, {"id": "id_c"}) == expected


@pytest.mark.django_db
def test_filter_choice_field_renders_like_a_model_choice_field(
    municipality, django_assert_num_queries
):
    for n in range(3):
        DepartmentFactory(municipality=municipality, slug=f"d{n}", name_en=f"Dept <{n}>")
    departments = Department.objects.for_municipality(municipality)
    chosen = departments.first()

    class Plain(forms.Form):
        department = forms.ModelChoiceField(queryset=departments, required=False)

    class Fast(forms.Form):
        department = FilterChoiceField(queryset=departments, required=False)

    with override("en"):
        for data in ({"department": str(chosen.pk)}, {}, {"department": "nonsense"}):
            assert str(Fast(data)["department"]) == str(Plain(data)["department"])
        expected = str(Plain(initial={"department": chosen.pk})["department"])
        with django_assert_num_queries(1):  # one plain query, not a server-side cursor
            assert str(Fast(initial={"department": chosen.pk})["department"]) == expected


@pytest.mark.django_db
def test_register_filter_form_keeps_the_chosen_filters(municipality, department, coordinator):
    from intlstrategy.permissions import Access, roles_of

    access = Access(coordinator, municipality, roles_of(coordinator, municipality))
    form = RegisterFilterForm(
        {"department": str(department.pk), "status": "ongoing"}, access=access
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["department"] == department
    with override("en"):
        html = str(form["department"]) + str(form["status"])
    assert f'<option value="{department.pk}" selected>' in html
    assert '<option value="ongoing" selected>' in html
