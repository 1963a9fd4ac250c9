"""Optional single sign-on through OpenID Connect: off by default, on from settings."""

import importlib
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import NoReverseMatch, clear_url_caches, reverse

import intlstrategy.oidc_urls
import intlstrategy.urls

OIDC_BACKEND = "mozilla_django_oidc.auth.OIDCAuthenticationBackend"
TENANT = "https://login.microsoftonline.com/00000000-1111-2222-3333-444444444444"


def reload_urls():
    importlib.reload(intlstrategy.oidc_urls)
    importlib.reload(intlstrategy.urls)
    clear_url_caches()


@pytest.fixture
def oidc_on(settings):
    settings.OIDC_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, OIDC_BACKEND]
    settings.OIDC_RP_CLIENT_ID = "intlstrategy-portal"
    settings.OIDC_RP_CLIENT_SECRET = "not-a-real-secret"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{TENANT}/oauth2/v2.0/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{TENANT}/oauth2/v2.0/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://graph.microsoft.com/oidc/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{TENANT}/discovery/v2.0/keys"
    settings.OIDC_USE_PKCE = True
    reload_urls()
    yield
    settings.OIDC_ENABLED = False
    reload_urls()


@pytest.mark.django_db
def test_without_oidc_the_sso_urls_do_not_exist(client):
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/").status_code == 404
    with pytest.raises(NoReverseMatch):
        reverse("oidc_authentication_init")
    page = client.get("/en/accounts/login/").content.decode()
    assert "/oidc/" not in page


@pytest.mark.django_db
def test_with_oidc_the_login_page_offers_single_sign_on(client, oidc_on):
    page = client.get("/en/accounts/login/?next=/en/dashboard/").content.decode()
    assert 'href="/oidc/authenticate/?next=/en/dashboard/"' in page
    assert "Log in with your organisation" in page
    # The password form is still there for people without an account at the provider.
    assert 'name="password"' in page


@pytest.mark.django_db
def test_with_oidc_the_sign_on_starts_at_the_identity_provider(client, oidc_on):
    response = client.get("/oidc/authenticate/")
    assert response.status_code == 302
    target = urlparse(response["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{TENANT}/oauth2/v2.0/authorize"
    query = parse_qs(target.query)
    assert query["client_id"] == ["intlstrategy-portal"]
    assert query["response_type"] == ["code"]
    assert "openid" in query["scope"][0]
    assert query["code_challenge_method"] == ["S256"]
    assert query["state"] and query["nonce"]
    assert query["redirect_uri"][0].endswith("/oidc/callback/")


@pytest.mark.django_db
def test_a_callback_with_a_forged_state_logs_nobody_in(client, oidc_on):
    client.get("/oidc/authenticate/")
    response = client.get("/oidc/callback/", {"code": "abc", "state": "forged"})
    assert "_auth_user_id" not in client.session
    assert response.status_code in {302, 400}
