import pytest

from .factories import full_document


@pytest.fixture
def document(municipality):
    return full_document(municipality, size=2)


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


def url(name, municipality, lang="en", **kwargs):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(lang):
        return reverse(f"strategies:{name}", kwargs={"municipality": municipality.slug, **kwargs})
