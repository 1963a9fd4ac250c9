"""ISO 3166-1 alpha-2 country codes, with names for the countries the portal needs.

There is no pycountry here: the full code list is kept compactly for validation, and
names (translated through gettext) for the countries partner relations, consulates
and organisations use. A valid code without a name here is shown as the code.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# All 249 officially assigned ISO 3166-1 alpha-2 codes.
ALL_CODES = frozenset(
    """AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO
    BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK
    DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR
    GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM
    KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP
    MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL
    PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST
    SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG
    VI VN VU WF WS YE YT ZA ZM ZW""".split()
)

NAMES = {
    "AR": _("Argentina"),
    "AT": _("Austria"),
    "BA": _("Bosnia and Herzegovina"),
    "BE": _("Belgium"),
    "BG": _("Bulgaria"),
    "BR": _("Brazil"),
    "BY": _("Belarus"),
    "CA": _("Canada"),
    "CH": _("Switzerland"),
    "CN": _("China"),
    "CY": _("Cyprus"),
    "CZ": _("Czechia"),
    "DE": _("Germany"),
    "DK": _("Denmark"),
    "EE": _("Estonia"),
    "EG": _("Egypt"),
    "ES": _("Spain"),
    "ET": _("Ethiopia"),
    "FI": _("Finland"),
    "FO": _("Faroe Islands"),
    "FR": _("France"),
    "GB": _("United Kingdom"),
    "GH": _("Ghana"),
    "GL": _("Greenland"),
    "GR": _("Greece"),
    "HR": _("Croatia"),
    "HU": _("Hungary"),
    "IE": _("Ireland"),
    "IN": _("India"),
    "IS": _("Iceland"),
    "IT": _("Italy"),
    "JP": _("Japan"),
    "KE": _("Kenya"),
    "KR": _("South Korea"),
    "LT": _("Lithuania"),
    "LU": _("Luxembourg"),
    "LV": _("Latvia"),
    "MN": _("Mongolia"),
    "MT": _("Malta"),
    "MZ": _("Mozambique"),
    "NA": _("Namibia"),
    "NI": _("Nicaragua"),
    "NL": _("Netherlands"),
    "NO": _("Norway"),
    "PL": _("Poland"),
    "PT": _("Portugal"),
    "RO": _("Romania"),
    "RS": _("Serbia"),
    "RU": _("Russia"),
    "SE": _("Sweden"),
    "SI": _("Slovenia"),
    "SK": _("Slovakia"),
    "SN": _("Senegal"),
    "TG": _("Togo"),
    "TR": _("Türkiye"),
    "TZ": _("Tanzania"),
    "UA": _("Ukraine"),
    "UG": _("Uganda"),
    "US": _("United States"),
    "VN": _("Vietnam"),
    "ZA": _("South Africa"),
}


# The names converted (and sorted) once per language and process, not on every request:
# a list of relations names a country per row.
_NAMES_BY_LANGUAGE: dict[str, dict[str, str]] = {}
_CHOICES_BY_LANGUAGE: dict[str, list[tuple[str, str]]] = {}


def _names() -> dict[str, str]:
    language = get_language() or ""
    names = _NAMES_BY_LANGUAGE.get(language)
    if names is None:
        names = _NAMES_BY_LANGUAGE[language] = {code: str(name) for code, name in NAMES.items()}
    return names


def country_name(code: str) -> str:
    """The country's name in the active language; the code itself if we have no name."""
    return _names().get((code or "").upper(), code or "")


def country_choices() -> list[tuple[str, str]]:
    """Named countries sorted by their name in the active language (for select boxes)."""
    language = get_language() or ""
    choices = _CHOICES_BY_LANGUAGE.get(language)
    if choices is None:
        choices = sorted(_names().items(), key=lambda c: c[1])
        _CHOICES_BY_LANGUAGE[language] = choices
    return list(choices)


def validate_country_code(value: str) -> None:
    if (value or "").upper() not in ALL_CODES or value != value.upper():
        raise ValidationError(
            _(
                "“%(value)s” is not an ISO 3166-1 country code. "
                "Use two capital letters, e.g. SE, NO, DE."
            ),
            code="invalid_country",
            params={"value": value},
        )
