"""Forms of the people pages: they parse; the rules are in people.py's services."""

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import Department, Municipality, Role

ROLE_CHOICES = [(value, capfirst(label)) for value, label in Role.choices]


class _DepartmentsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _departments_field(municipality: Municipality) -> forms.ModelMultipleChoiceField:
    return _DepartmentsField(
        label=_("Departments"),
        queryset=Department.objects.for_municipality(municipality).active().order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For contact persons: the departments they report for."),
    )


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_(
            "If the person already has an account (in any municipality), they get the new "
            "role on it and an e-mail saying so; otherwise an invitation to choose a password."
        ),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        help_text=_("The e-mail is written in this language, and so is the portal at first."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, widget=forms.RadioSelect)

    def __init__(self, *args, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"] = _departments_field(municipality)
        self.fields["language"].initial = municipality.default_language


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=ROLE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"] = _departments_field(municipality)
