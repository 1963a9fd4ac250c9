"""Single sign-on URLs (OpenID Connect), present only when OIDC_ENABLED is true.

Included from intlstrategy/urls.py as `path("oidc/", include("intlstrategy.oidc_urls"))`;
with OIDC off this module has no patterns, so /oidc/... answers 404.
"""

from django.conf import settings
from django.urls import include, path

urlpatterns: list = []
if settings.OIDC_ENABLED:
    urlpatterns = [path("", include("mozilla_django_oidc.urls"))]
