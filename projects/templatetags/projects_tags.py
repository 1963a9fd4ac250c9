from django import template
from django.utils.formats import number_format

from projects.models import ProjectStatus

register = template.Library()

_BADGES = {
    "approved": "badge-ok",
    "ongoing": "badge-ok",
    "completed": "badge-ok",
    "rejected": "badge-bad",
    "withdrawn": "badge-bad",
    "submitted": "badge-warn",
    "in_preparation": "",
    "idea": "",
}


@register.filter
def status_badge(status) -> str:
    return _BADGES.get(str(status), "")


@register.filter
def status_label(status) -> str:
    """project.get_status_display(), without hashing every (lazy) label at each call."""
    return str(_STATUS_LABELS.get(status, status))


_STATUS_LABELS = dict(ProjectStatus.choices)


@register.filter
def money(value, currency: str = ""):
    """1 234 567,00 SEK – localised, two decimals, from Decimal (never float)."""
    if value is None or value == "":
        return "–"
    text = number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    return f"{text} {currency}".strip()


@register.filter
def rate(value):
    """An exchange rate with as many decimals as it has (11.5, 10.1449), localised."""
    if value is None:
        return "–"
    normal = value.normalize()
    decimals = max(0, -normal.as_tuple().exponent)
    return number_format(normal, decimal_pos=decimals, use_l10n=True)
