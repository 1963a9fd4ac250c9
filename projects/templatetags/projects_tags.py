from django import template
from django.utils.formats import number_format

register = template.Library()

_BADGES = {
    "approved": "badge-ok", "ongoing": "badge-ok", "completed": "badge-ok",
    "rejected": "badge-bad", "withdrawn": "badge-bad",
    "submitted": "badge-warn", "in_preparation": "", "idea": "",
}


@register.filter
def status_badge(status) -> str:
    return _BADGES.get(str(status), "")


@register.filter
def money(value, currency: str = ""):
    """1 234 567,00 SEK – localised, two decimals, from Decimal (never float)."""
    if value is None or value == "":
        return "–"
    text = number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    return f"{text} {currency}".strip()
