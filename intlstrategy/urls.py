from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from . import api, views
from .notifications import views as notification_views

handler403 = "intlstrategy.views.error_403"
handler404 = "intlstrategy.views.error_404"
handler500 = "intlstrategy.views.error_500"

# Pages of one municipality: /<lang>/<municipality>/...  Each app adds its own pages.
municipality_patterns = [
    path("", views.municipality_home, name="municipality_home"),
    path("dashboard/", views.municipality_dashboard, name="municipality_dashboard"),
    path("departments/", views.department_list, name="department_list"),
    path("departments/<slug:department>/", views.department_detail, name="department_detail"),
    path("people/", views.member_list, name="member_list"),
    path("people/invite/", views.member_invite, name="member_invite"),
    path("people/<int:user>/", views.member_edit, name="member_edit"),
    path("people/<int:user>/remove/", views.member_remove, name="member_remove"),
    path("people/<int:user>/reinvite/", views.member_reinvite, name="member_reinvite"),
    path("accessibility/", views.accessibility_statement, name="accessibility_statement"),
    path(
        "accessibility/edit/",
        views.accessibility_statement_edit,
        name="accessibility_statement_edit",
    ),
    path("", include("strategies.urls")),
    path("", include("partners.urls")),
    path("", include("projects.urls")),
    path("", include("reporting.urls")),
]

api_municipality_patterns = [
    path("", include("strategies.api_urls")),
    path("", include("partners.api_urls")),
    path("", include("projects.api_urls")),
]

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", views.switch_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("oidc/", include("intlstrategy.oidc_urls")),  # single sign-on, only if OIDC_ENABLED
    path("api/v1/municipalities/", api.MunicipalityList.as_view(), name="api_municipalities"),
    path("api/v1/municipalities/<slug:slug>/", include(api_municipality_patterns)),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api_schema"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("my-tasks/", notification_views.notification_list, name="notification_list"),
    path("my-tasks/read/", notification_views.notification_read_all, name="notification_read_all"),
    path("my-tasks/<int:pk>/", notification_views.notification_open, name="notification_open"),
    path("accessibility/", views.accessibility_overview, name="accessibility_overview"),
    path("<slug:municipality>/", include(municipality_patterns)),
)
