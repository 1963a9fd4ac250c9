"""The per-municipality accessibility statement: reading, editing, and the legal wording.

Which statement a municipality gets follows its country:
- Sweden (SE): a *tillgänglighetsredogörelse* under lag (2018:1937) om tillgänglighet till
  digital offentlig service and DIGG's föreskrifter (MDFFS 2019:2), with the link to
  DIGG's reporting function (https://www.digg.se/tdosanmalan).
- Norway (NO): the *tilgjengelighetserklæring* must be made in Digdir's uustatus.no; our
  page links to it and repeats status, feedback and where to complain (Uu-tilsynet
  supervises, Diskrimineringsnemnda handles complaints).
- Other countries: the Web Accessibility Directive's common content, without a national
  enforcement link (not implemented yet; the coordinator is told so).

The portal's own, known gaps are `KNOWN_GAPS` below, by WCAG success criterion (the same
for every municipality, kept true by the tests that check the rest: tests/browser/
test_wcag.py, the PDF structure tests); the municipality's facts live in
`AccessibilityStatement`.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from .concurrency import EditConflict, VersionedFormMixin, last_change, save_versioned
from .i18n import language_name
from .lib.languages import codes
from .models import AccessibilityStatement, AssessmentMethod, Country, Municipality, User
from .widgets import DateInput, https_formfield

LANGUAGES = list(codes())
TRANSLATED = ("shortcomings", "disproportionate_burden", "outside_scope")

DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"
UUTILSYNET_URL = "https://www.uutilsynet.no/"
UUSTATUS_URL = "https://uustatus.no/"
DISKRIMINERINGSNEMNDA_URL = "https://www.diskrimineringsnemnda.no/"

SE_LAW = "lag (2018:1937) om tillgänglighet till digital offentlig service"
NO_REGULATION = (
    "forskrift om universell utforming av informasjons- og kommunikasjonsteknologiske "
    "(IKT)-løsninger"
)


# The success criteria of WCAG 2.1 level A and AA that Norway's regulation requires: all
# 50 except 1.2.3, 1.2.4 and 1.2.5 (pre-recorded and live media alternatives).
NO_CRITERIA = 47

# What the portal itself does not yet meet, by success criterion (number, name, what).
# Only what is true today: a gap that is fixed is removed here, and what the tests check
# (focus contrast, reflow, titles, live regions, PDF structure) is not listed.
KNOWN_GAPS = [
    (
        "1.1.1",
        gettext_lazy("Non-text Content"),
        gettext_lazy(
            "Files that staff upload, such as signed agreements and project attachments, are "
            "not checked by the portal and may not be accessible, for example scanned "
            "documents without text. Ask us for an accessible version."
        ),
    ),
    (
        "1.3.1",
        gettext_lazy("Info and Relationships"),
        gettext_lazy(
            "The PDF files the portal makes (strategy documents and follow-ups) are tagged: "
            "headings in order, lists, tables, links and the language of each part are "
            "checked automatically. They have not been checked with a PDF/UA validator or a "
            "screen reader, so they are not claimed to meet PDF/UA-1; the definition lists "
            "of a strategy's facts are tagged as plain lists. The adopted strategy is also "
            "a web page."
        ),
    ),
    (
        "3.1.2",
        gettext_lazy("Language of Parts"),
        gettext_lazy(
            "Texts that staff write (reports, activities, comments) are marked as written in "
            "the municipality's language. A text written in another language is read aloud "
            "with the wrong pronunciation; names of foreign places and organisations are "
            "not marked with their language."
        ),
    ),
    (
        "3.3.4",
        gettext_lazy("Error Prevention (Legal, Financial, Data)"),
        gettext_lazy(
            "Removals ask for confirmation only when JavaScript is on; without it, removing "
            "an activity, a trip, a contact person or a file happens at once."
        ),
    ),
]


def known_gaps() -> list[dict]:
    return [{"criterion": number, "name": name, "text": text} for number, name, text in KNOWN_GAPS]


def criteria_met() -> int:
    """Of Norway's 47 required criteria, how many the portal meets by its own assessment."""
    return NO_CRITERIA - len({number for number, _name, _text in KNOWN_GAPS})


# --- Reading ---------------------------------------------------------------------------


def statement_for(municipality: Municipality) -> AccessibilityStatement:
    """The saved statement, or an unsaved one with the defaults (nothing is written on GET)."""
    found = AccessibilityStatement.objects.for_municipality(municipality).first()
    return found or AccessibilityStatement(municipality=municipality)


def _official(name: str, language: str, explanation: str):
    """A legal name in its own language; in another interface language preceded by an
    explanation and marked with `lang` so screen readers pronounce it right (WCAG 3.1.2)."""
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    if current == language:
        return format_html("{}", name)
    return format_html('{} (<span lang="{}">{}</span>)', explanation, language, name)


def legal_terms(country: str) -> dict:
    """The names of the law and authorities for the statement, in the reader's language."""
    if country == Country.SWEDEN:
        return {
            "law": _official(
                SE_LAW, "sv", _("the Swedish Act on accessibility to digital public services")
            ),
            "authority": _official(
                "Myndigheten för digital förvaltning",
                "sv",
                _("the Swedish Agency for Digital Government"),
            ),
        }
    if country == Country.NORWAY:
        return {
            "law": _official(
                NO_REGULATION,
                "nb",
                _("the Norwegian regulation on universal design of ICT solutions"),
            ),
            "authority": _official(
                "Tilsynet for universell utforming av ikt",
                "nb",
                _("the Norwegian Authority for Universal Design of ICT"),
            ),
            "tribunal": _official(
                "Diskrimineringsnemnda", "nb", _("the Norwegian Anti-Discrimination Tribunal")
            ),
        }
    return {}


def missing_facts(statement: AccessibilityStatement) -> list[str]:
    """What the coordinator still has to provide for the statement to meet the rules."""
    missing = []
    if not statement.has_feedback_channel:
        missing.append(_("an e-mail address, telephone number or web form for feedback"))
    if statement.assessed_on is None:
        missing.append(_("the date of the latest assessment"))
    if statement.municipality.country == Country.NORWAY and not statement.uustatus_url:
        missing.append(_("the address of your declaration on uustatus.no"))
    if statement.municipality.country == Country.SWEDEN:
        if statement.response_days is None:
            missing.append(_("how many working days it takes to answer feedback"))
        if statement.published_on is None:
            missing.append(_("the date the portal was published"))
    if statement.pk is None:
        missing.append(_("a first review and save of this statement"))
    return missing


def statement_context(access, statement: AccessibilityStatement) -> dict:
    municipality = access.municipality
    return {
        "municipality": municipality,
        "access": access,
        "statement": statement,
        "country": municipality.country,
        "terms": legal_terms(municipality.country),
        "missing": missing_facts(statement) if access.is_coordinator else [],
        "gaps": known_gaps(),
        "criteria_met": criteria_met(),
        "criteria_total": NO_CRITERIA,
        "DIGG_REPORT_URL": DIGG_REPORT_URL,
        "UUTILSYNET_URL": UUTILSYNET_URL,
        "UUSTATUS_URL": UUSTATUS_URL,
        "DISKRIMINERINGSNEMNDA_URL": DISKRIMINERINGSNEMNDA_URL,
    }


# --- Writing ---------------------------------------------------------------------------

EDITABLE = (
    "compliance",
    "feedback_email",
    "feedback_phone",
    "feedback_url",
    "uustatus_url",
    "assessment_method",
    "assessed_by",
    "assessed_on",
    "prepared_on",
    "published_on",
    "response_days",
    *[f"{name}_{code}" for name in TRANSLATED for code in LANGUAGES],
)


def _check_functional_email(address: str) -> None:
    """Refuse a person's own login address: the statement is public and outlives roles."""
    if address and User.objects.filter(email__iexact=address).exists():
        raise ValidationError(
            {
                "feedback_email": _(
                    "This is the address of a person's user account. Use a functional address "
                    "that does not name a person, e.g. accessibility@municipality.se."
                )
            }
        )


@transaction.atomic
def accessibility_statement_update(
    *, municipality: Municipality, by, expected_version: int | None, **fields
) -> AccessibilityStatement:
    """Create or change the municipality's statement.

    `expected_version` is the version the editor started from (0: there was no statement
    yet). Unknown fields are refused, so extra POST fields cannot reach the row.
    """
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    # Lock the municipality so two first saves cannot both create a statement.
    Municipality.objects.select_for_update().filter(pk=municipality.pk).first()
    statement = AccessibilityStatement.objects.for_municipality(municipality).first()
    if statement is None:
        statement = AccessibilityStatement(municipality=municipality)
    elif expected_version == 0:
        raise EditConflict(statement, *last_change(statement))
    if fields.get("prepared_on") is None:
        fields.pop("prepared_on", None)  # an emptied date keeps the first one
    for name, value in fields.items():
        setattr(statement, name, value)
    if statement.assessment_method == AssessmentMethod.SELF:
        statement.assessed_by = ""
    if statement.prepared_on is None:
        statement.prepared_on = timezone.localdate()
    _check_functional_email(statement.feedback_email)
    if municipality.country != Country.NORWAY:
        statement.uustatus_url = ""
    try:
        statement.full_clean(exclude=["municipality"])
    except ValidationError as error:
        errors = error.update_error_dict({})
        if NON_FIELD_ERRORS in errors:
            # The only constraint: a third-party assessment names the organisation.
            errors.setdefault("assessed_by", []).extend(errors.pop(NON_FIELD_ERRORS))
        raise ValidationError(errors) from None
    statement._history_user = by
    save_versioned(statement, expected_version=expected_version or None)
    return statement


# --- The coordinator's form ------------------------------------------------------------


class AccessibilityStatementForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = AccessibilityStatement
        formfield_callback = https_formfield
        fields = list(EDITABLE)
        widgets = {
            "assessed_on": DateInput(),
            "prepared_on": DateInput(),
            "published_on": DateInput(),
            "compliance": forms.RadioSelect,
            "assessment_method": forms.RadioSelect,
        }

    def __init__(self, *args, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        if not self.is_bound and self.instance.pk is None:
            self.initial["expected_version"] = 0
        if municipality.country != Country.NORWAY:
            del self.fields["uustatus_url"]
        self.fields["feedback_email"].widget.attrs["autocomplete"] = "off"
        self.fields["feedback_phone"].widget.attrs.update({"type": "tel", "autocomplete": "off"})
        # The municipality's own language first.
        first = municipality.default_language
        self.language_order = [first, *[c for c in LANGUAGES if c != first]]
        for name in TRANSLATED:
            for code in LANGUAGES:
                field = self.fields[f"{name}_{code}"]
                field.label = language_name(code)
                field.help_text = ""
                field.widget.attrs.update({"lang": code, "rows": 4})

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("assessment_method") == AssessmentMethod.THIRD_PARTY and not cleaned.get(
            "assessed_by"
        ):
            self.add_error("assessed_by", _("Name the organisation that assessed the portal."))
        return cleaned

    def layout(self):
        """Plain fields, then one group per translated text with its languages side by side."""
        grouped = {f"{n}_{c}" for n in TRANSLATED for c in LANGUAGES}
        plain = [
            self[name] for name in self.fields if name not in grouped and name != "expected_version"
        ]
        texts = []
        for name in TRANSLATED:
            model_field = AccessibilityStatement._meta.get_field(name)
            texts.append(
                {
                    "legend": model_field.verbose_name,
                    "help": model_field.help_text,
                    "variants": [self[f"{name}_{code}"] for code in self.language_order],
                }
            )
        return {"plain": plain, "texts": texts}

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("expected_version", None)
        return data


HISTORY_NOTE = gettext_lazy("Every change is kept in the history with who made it and when.")
