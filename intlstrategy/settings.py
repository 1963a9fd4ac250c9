"""One settings module, configured from environment variables.

Every variable has a development default so that `runserver` works on a fresh
clone with SQLite, eager Celery and console e-mail. Production sets DEBUG=false
and the variables documented in docs/configuration.md.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
DEV_SECRET_KEY = "dev-only-insecure-key-change-me-0123456789abcdefghijklmnop"

env = environ.Env(
    DEBUG=(bool, True),
    SECRET_KEY=(str, DEV_SECRET_KEY),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    DATABASE_URL=(str, f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    CELERY_BROKER_URL=(str, ""),
    EMAIL_URL=(str, "consolemail://"),
    DEFAULT_FROM_EMAIL=(str, "intlstrategy <noreply@localhost>"),
    MEDIA_ROOT=(str, str(BASE_DIR / "media")),
    STATIC_ROOT=(str, str(BASE_DIR / "staticfiles")),
    SITE_URL=(str, "http://127.0.0.1:8000"),
    SECURE_SSL_REDIRECT=(bool, True),
    SECURE_COOKIES=(bool, True),
    MAX_ARCHIVE_UNCOMPRESSED_BYTES=(int, 256 * 1024 * 1024),
    MAX_ARCHIVE_RATIO=(int, 250),
    SECURE_HSTS_SECONDS=(int, 31_536_000),
    MAP_TILE_URL=(str, "https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
    MAP_TILE_ATTRIBUTION=(str, "© OpenStreetMap contributors"),
    PDF_RENDER_TIME_LIMIT=(int, 300),
    HISTORY_RETENTION_DAYS=(int, 3650),
    OIDC_ENABLED=(bool, False),
    LOG_LEVEL=(str, "INFO"),
    CACHE_URL=(str, "locmemcache://"),
    PUBLIC_PAGE_CACHE_SECONDS=(int, 600),
    MEMBER_PAGE_CACHE_SECONDS=(int, 300),
)
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env("DEBUG")
SECRET_KEY = env("SECRET_KEY")
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY when DEBUG is false.")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation must come before admin so its admin patches apply.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "django_htmx",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "axes",
    "django_celery_beat",
    "intlstrategy",
    "strategies",
    "partners",
    "projects",
    "reporting",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "intlstrategy.middleware.SessionLifetimeMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "intlstrategy.middleware.NoStoreForAuthenticatedMiddleware",
    # axes must be last: it inspects the result of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "intlstrategy.urls"
WSGI_APPLICATION = "intlstrategy.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "intlstrategy.context_processors.portal",
            ],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Lets parallel test runs (several work trees on one PostgreSQL) use separate databases.
if env.str("TEST_DATABASE_NAME", default=""):
    DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every process in production (redis://…): the public page cache relies on it.
CACHES = {"default": env.cache_url("CACHE_URL")}
# How long a rendered public page may be served to anonymous visitors; every content
# change makes cached pages stale at once (intlstrategy/public_cache.py). 0: off.
PUBLIC_PAGE_CACHE_SECONDS = env("PUBLIC_PAGE_CACHE_SECONDS")
# How long a logged-in user's own copy of a page they reload may be served to them
# (intlstrategy/member_cache.py); the same generations make it stale at once. 0: off.
MEMBER_PAGE_CACHE_SECONDS = env("MEMBER_PAGE_CACHE_SECONDS")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded SQLite default cannot enforce UNIQUE ... NULLS NOT DISTINCT (one
    # general result per report); PostgreSQL, used in production and by the tests, does,
    # and report_save looks existing results up by goal area (after the version lock).
    SILENCED_SYSTEM_CHECKS = ["models.W047"]
    # The one-command portal runs the web process and a Celery worker on one file: WAL
    # lets one read while the other writes, and IMMEDIATE transactions wait for the
    # write lock (up to `timeout` seconds) instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

AUTH_USER_MODEL = "intlstrategy.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend's permissions, and log-in by user name or e-mail in any letter case.
    "intlstrategy.auth.EmailOrUsernameBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

# Sessions: 30 minutes idle, 12 hours absolute (both in SessionLifetimeMiddleware). The
# idle expiry slides without a write per request (SESSION_SAVE_EVERY_REQUEST would be
# an UPDATE in a transaction on every logged-in request): the session is saved, and so
# its expiry renewed, at most once per SESSION_RENEW_AFTER; it therefore ends between
# 25 and 30 minutes after the last request, never later. Expired rows are deleted by
# the `clear-expired-sessions` beat job.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_AFTER = 5 * 60
SESSION_ABSOLUTE_LIFETIME = 12 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Login throttling: 5 failures for one username from one IP lock that pair for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Log-in ignores letter case (intlstrategy.auth), so the lockout does too.
AXES_USERNAME_CALLABLE = "intlstrategy.auth.lockout_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind reverse proxies the lock-out must see the client's address, not the proxy's, or
# everybody behind the proxy shares one lock-out (django-ipware reads it). Each proxy
# appends the address it received the request from to X-Forwarded-For, and the last
# proxy's own address is REMOTE_ADDR; so with N proxies the client is the N-th entry from
# the right, and anything further left was written by the client and is not trusted.
# ipware counts only the proxies inside the header, hence N - 1.
# AXES_IPWARE_PROXY_COUNT is the name this setting had before (same meaning).
REVERSE_PROXY_COUNT = env.int(
    "REVERSE_PROXY_COUNT", default=env.int("AXES_IPWARE_PROXY_COUNT", default=0)
)
if REVERSE_PROXY_COUNT < 0:
    raise ImproperlyConfigured("REVERSE_PROXY_COUNT must be 0 or more.")
if REVERSE_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = REVERSE_PROXY_COUNT - 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
else:
    # Directly on the internet: a client-set X-Forwarded-For must never choose the address.
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

LANGUAGE_CODE = "en"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Stockholm"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# The languages texts are kept in: one column per language (intlstrategy.lib.languages).
# Adding Finnish or Danish is one entry in LANGUAGES (and a migration for the columns).
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
# Content is written in the municipality's own language first; a reader in another
# language falls back to the closest one that exists, and templates mark the fallback.
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("en", "sv", "nb"),
    "nb": ("sv", "en"),
    "sv": ("nb", "en"),
    "en": ("sv", "nb"),
}
MODELTRANSLATION_AUTO_POPULATE = False

STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Uploaded and generated files are never served directly: every download goes
    # through a permission-checked view, so MEDIA_ROOT is outside the web root.
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = env("MEDIA_ROOT")
MEDIA_URL = "/media-not-served/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# DOCX/XLSX uploads are ZIP files: refused when they would unpack to more than this, or a
# part is packed more tightly than any real document (intlstrategy.uploads.check_archive).
MAX_ARCHIVE_UNCOMPRESSED_BYTES = env("MAX_ARCHIVE_UNCOMPRESSED_BYTES")
MAX_ARCHIVE_RATIO = env("MAX_ARCHIVE_RATIO")
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

EMAIL_CONFIG = env.email_url("EMAIL_URL")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")

# Celery: with no broker configured, tasks run eagerly in the caller's process, so the
# embedded default needs no Redis. Tasks are queued with delay_on_commit.
CELERY_BROKER_URL = env("CELERY_BROKER_URL") or "memory://"
if CELERY_BROKER_URL.startswith("filesystem://"):
    # The one-command portal's broker (scripts/run): queued tasks are files in one folder
    # that the web process writes and the worker reads, so no server is needed. Limits:
    # one machine only, and a task being run when the worker is killed is not redone.
    CELERY_FILESYSTEM_FOLDER = Path(
        env.str("CELERY_FILESYSTEM_FOLDER", default=str(BASE_DIR / "var" / "celery"))
    )
    for _folder in ("queue", "processed", "control"):
        (CELERY_FILESYSTEM_FOLDER / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_FILESYSTEM_FOLDER / "queue"),
        "data_folder_out": str(CELERY_FILESYSTEM_FOLDER / "queue"),
        "processed_folder": str(CELERY_FILESYSTEM_FOLDER / "processed"),
        "control_folder": str(CELERY_FILESYSTEM_FOLDER / "control"),
        "store_processed": False,
    }
CELERY_TASK_ALWAYS_EAGER = not env("CELERY_BROKER_URL")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE: dict = {
    # Reporting reminders ("deadline in N days", "late"); each is recorded and sent once.
    "reporting-reminders": {
        "task": "reporting.tasks.send_reporting_reminders_task",
        "schedule": timedelta(days=1),
    },
    # Expired sessions are never read again but stay in the table until deleted.
    # Yearly values of indicators linked to Kolada or SSB; the statistics change at most
    # a few times a year, so once a night is plenty and keeps clear of SSB's rate limit.
    "refresh-indicator-sources": {
        "task": "strategies.tasks.refresh_indicator_sources_task",
        "schedule": timedelta(days=1),
    },
    "clear-expired-sessions": {
        "task": "intlstrategy.tasks.clear_expired_sessions_task",
        "schedule": timedelta(hours=6),
    },
}
PDF_RENDER_TIME_LIMIT = env("PDF_RENDER_TIME_LIMIT")
# National indicator sources (Kolada, SSB). No development machine reaches them, so the
# embedded default (DEBUG) replays the recorded answers shipped in the repository; a
# production install leaves this empty and talks to the live services.
INDICATOR_SOURCES_REPLAY_DIR = env.str(
    "INDICATOR_SOURCES_REPLAY_DIR",
    default=str(BASE_DIR / "strategies" / "sources" / "recordings") if DEBUG else "",
)
# Longest Retry-After (seconds) a fetch sleeps through; a longer one defers the task.
INDICATOR_SOURCES_MAX_WAIT = 5
HISTORY_RETENTION_DAYS = env("HISTORY_RETENTION_DAYS")

MAP_TILE_URL = env("MAP_TILE_URL")
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION")

# Requests per client address to the open-data API (DRF's rate syntax; empty: no limit).
API_RATE_LIMIT = env.str("API_RATE_LIMIT", default="120/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # ?format=csv gives the same data as CSV (nested lists flattened to dotted columns).
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "intlstrategy.spreadsheets.SafeCSVRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Per client address, in the shared cache (intlstrategy.api.OpenDataThrottle); the
    # client is the address the reverse proxies in front report (as for django-axes).
    "DEFAULT_THROTTLE_CLASSES": [],
    "NUM_PROXIES": REVERSE_PROXY_COUNT,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "intlstrategy open data API",
    "DESCRIPTION": "Adopted international strategies, twin towns, networks and projects "
    "of Nordic municipalities. Read-only, public, no personal data.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

# Content-Security-Policy: no inline scripts (nonces only), nothing from other origins
# except map tiles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "https:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The portal uses no camera, microphone, location, payment or device APIs: no page, nor
# anything injected into one, may ask the browser for them.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env("SECURE_HSTS_SECONDS")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Off only for the one-command portal on http://127.0.0.1 (scripts/run).
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = env("SECURE_COOKIES")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Optional single sign-on (OpenID Connect, e.g. Entra ID). Off by default; see
# docs/configuration.md. Users are matched on their e-mail address; by default no
# account is created for an unknown person (the coordinator adds people first).
OIDC_ENABLED = env("OIDC_ENABLED")
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS = [
        *AUTHENTICATION_BACKENDS,
        "mozilla_django_oidc.auth.OIDCAuthenticationBackend",
    ]
    OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
    OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email profile")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
    OIDC_CREATE_USER = env.bool("OIDC_CREATE_USER", default=False)
    OIDC_USE_PKCE = True
    LOGIN_REDIRECT_URL_FAILURE = "login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL")},
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}
