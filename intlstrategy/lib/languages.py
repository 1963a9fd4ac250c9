"""The languages every translated text is kept in, and the names of their columns.

django-modeltranslation stores `title` as `title_nb`, `title_sv`, `title_en`: one column
per code in `settings.MODELTRANSLATION_LANGUAGES`. Code that names those columns asks
here instead of spelling the suffixes, so that adding Finnish or Danish is that one
setting (plus a migration).
"""

from __future__ import annotations

from django.conf import settings


def codes() -> tuple[str, ...]:
    """The language codes texts are kept in, in the settings' order."""
    return tuple(settings.MODELTRANSLATION_LANGUAGES)


def column(name: str, code: str) -> str:
    """The column of `name` in language `code`: `column("title", "sv") == "title_sv"`."""
    return f"{name}_{code}"


def translated(*names: str) -> list[str]:
    """Every language column of each of `names`, name by name."""
    return [column(name, code) for name in names for code in codes()]


def with_translations(*names: str) -> list[str]:
    """Each of `names` and its language columns (for `.only()`): `title, title_nb, …`."""
    return [item for name in names for item in (name, *translated(name))]
