"""OpenSEND settings, read from the environment.

Production is the default: DEBUG is off, SECRET_KEY and ALLOWED_HOSTS must be given, cookies are
secure. `make run` and the tests switch to development by setting DEBUG=1 and a local SECRET_KEY.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    # No default secret outside development: a production server without one must not start.
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")
    SECRET_KEY = "development-only-not-secret"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The local authority whose area this installation serves (DfE three-digit LA number).
AREA_NAME = env.str("AREA_NAME", default="Brookfield")
AREA_LA_CODE = env.str("AREA_LA_CODE", default="999")
# The accessibility statement (/accessibility/): who to tell about a problem, and when it was last
# reviewed against WCAG 2.2 AA. The area sets both when it deploys.
ACCESSIBILITY_CONTACT_EMAIL = env.str("ACCESSIBILITY_CONTACT_EMAIL", default="")
ACCESSIBILITY_STATEMENT_PREPARED = env.str("ACCESSIBILITY_STATEMENT_PREPARED", default="3 December 2026")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "health_check",  # its status page template, for /health/ and /ready/ in a browser
    "rules.apps.AutodiscoverRulesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "core",
    "accounts",
    "audit",
    "people",
    "casework",
    "plans",
    "reviews",
    "notifications",
    "api",
    "directory",
    "portal",
    "messaging",
    "performance",
    "improvement",
    "engagement",
    "waiting",
    "commissioning",
    "quality",
    "django_tasks",
    "django_tasks_db",
    "jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.logs.RequestLogMiddleware",  # one structured line a request, without personal data
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.RenewSessionWhileActive",  # pushes the inactivity limit back, once a minute
    "django.middleware.locale.LocaleMiddleware",  # the visitor's language (Accept-Language or cookie)
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.sso.session.SingleSignOnSession",  # provider-reported MFA; leavers re-checked
    "accounts.middleware.RequireTwoFactorForStaff",
    "accounts.middleware.RequirePasswordChange",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.NoStoreForSignedIn",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "opensend.urls"
WSGI_APPLICATION = "opensend.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.service",
                "accounts.sso.context.sign_in_options",
            ],
            # dates_fast after Django's own: its `date` filter replaces the builtin one.
            "builtins": ["core.templatetags.govuk", "core.templatetags.dates_fast", "core.templatetags.rows"],
        },
    }
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'opensend.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while a writer commits; busy timeout avoids "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# Keep connections between requests (CONN_MAX_AGE seconds), but check each one before a request uses
# it, so that after a database restart the next request reconnects instead of failing.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # must come first: refuses locked-out logins
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "accounts.sso.backend.SsoBackend",  # single sign-on through OPENSEND_OIDC_PROVIDERS
]
# Identity providers for single sign-on: a JSON list (accounts/sso/providers.py, deploy/DEPLOYMENT.md).
OPENSEND_OIDC_PROVIDERS = env.str("OPENSEND_OIDC_PROVIDERS", default="[]")
# How often a staff session begun through a provider is renewed there (a leaver disabled at the
# provider is signed out at the next renewal).
OPENSEND_OIDC_RECHECK_SECONDS = env.int("OPENSEND_OIDC_RECHECK_SECONDS", default=15 * 60)
# Password reset links (accounts/passwords.py) stop working after 2 hours, and once used.
PASSWORD_RESET_TIMEOUT = 2 * 60 * 60
# The GOV.UK page for a refused form (an expired or missing CSRF token), with a way back.
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions: end after 30 minutes of inactivity and when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
# The end is pushed back by each request, with one write a minute at most (core.middleware
# RenewSessionWhileActive), not a write on every page (SESSION_SAVE_EVERY_REQUEST).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# How many reverse proxies stand in front of the app (1 for the documented nginx): the client's
# address is read from X-Forwarded-For by core.client_ip, the one resolver for the audit log,
# django-axes and every throttle.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)

# Throttle counters (core/throttle.py) live in the cache. The database cache is shared by every
# web process and server without another service to run; its table is made by a migration
# (accounts 0004). An area with Redis or memcached can point CACHE_URL at it.
CACHES = {
    "default": env.cache_url("CACHE_URL", default="dbcache://opensend_cache"),
    # Signed-out Local Offer answers (directory/public_cache.py): in each process's memory unless
    # PUBLIC_CACHE_URL names a shared cache (Redis, memcached). Their version lives in "default",
    # so a changed service is seen by every process at once.
    "public": env.cache_url("PUBLIC_CACHE_URL", default="locmemcache://opensend-public"),
}
PUBLIC_CACHE_ALIAS = "public"
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=600)

# Login throttling (django-axes): five failures for one username from one client address lock that
# pair for 15 minutes, so a stranger elsewhere cannot lock out a named person; the lockout page
# says so plainly. A ceiling on sign-in attempts from one address (any username) is in
# accounts/views.py through core/throttle.py.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_VERBOSE = False
# A single sign-on callback is not a password guess: its failures are audited, not counted.
AXES_WHITELIST_CALLABLE = "accounts.sso.backend.not_a_password_attempt"

OTP_TOTP_ISSUER = f"OpenSEND {AREA_NAME}"

LANGUAGE_CODE = "en-gb"
# Family pages are translatable: English, and the commonest other first languages of an area
# like Brookfield (people.codelists.FIRST_LANGUAGE). Catalogues live in locale/ (`make messages`).
LANGUAGES = [("en-gb", "English"), ("pl", "Polski"), ("ur", "اردو")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
# GOV.UK times ("12:23pm"): opensend/formats/en_GB and locale/en_GB (core/tests/test_times.py).
FORMAT_MODULE_PATH = ["opensend.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    # GOV.UK's accessible autocomplete for long choices (core/static/core/init.mjs).
    ("accessible-autocomplete", BASE_DIR / "node_modules" / "accessible-autocomplete" / "dist"),
]
# GOV.UK Frontend's compiled CSS asks for its fonts and images at /assets/.
WHITENOISE_ROOT = BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded documents live outside the web root and are served only through permission checks.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "documents")
# Uploads (core/uploads.py): a size limit, and a ClamAV daemon to scan each file when configured.
MAX_UPLOAD_BYTES = env.int("MAX_UPLOAD_MB", default=10) * 1024 * 1024
CLAMD_SOCKET = env.str("CLAMD_SOCKET", default="")
CLAMD_HOST = env.str("CLAMD_HOST", default="")
CLAMD_PORT = env.int("CLAMD_PORT", default=3310)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="send-team@example.gov.uk")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "core.logs.JsonFormatter"},  # one JSON object a line, for the log collector
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env.str("LOG_FORMAT", default="plain" if DEBUG else "json"),
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Request paths carry only opaque ids, never names; still, keep 4xx noise out of the logs.
    "loggers": {"django.request": {"level": "ERROR"}, "axes": {"level": "WARNING"}},
}

PAGE_SIZE = 25

# The case API (api app): token authentication; permissions come from the same rules as pages.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": None,
    # api/auth.py: per token, and per client address for callers without a valid token.
    "DEFAULT_THROTTLE_RATES": {
        "api_token": env.str("API_RATE_PER_TOKEN", default="600/minute"),
        "api_anonymous": env.str("API_RATE_PER_ADDRESS", default="60/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OpenSEND case API",
    "DESCRIPTION": "EHC needs assessment cases and their statutory clocks, for partner systems.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

# The service's public address, for links in emails and text messages (must be set in production).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "")

# Notifications: "email" sends through Django's email backend; "notify" through GOV.UK Notify.
NOTIFICATIONS_BACKEND = env.str("NOTIFICATIONS_BACKEND", default="email")
NOTIFY_API_KEY = env.str("NOTIFY_API_KEY", default="")

# Retention: a young person's record is due for review and deletion at date of birth + 25 years
# + 6 years (a common local authority schedule for SEN files); the area may set its own.
RETENTION_AGE_YEARS = env.int("RETENTION_AGE_YEARS", default=25)
RETENTION_EXTRA_YEARS = env.int("RETENTION_EXTRA_YEARS", default=6)

# Messages from families: the area aims to reply within this many working days (bank holidays excluded).
MESSAGE_REPLY_WORKING_DAYS = env.int("MESSAGE_REPLY_WORKING_DAYS", default=5)

# Annual reviews: how many days before the meeting the area asks for the paperwork (the family's
# views, the school's report, advice). At least 14: CoP 9.176 has it circulated 2 weeks before.
REVIEW_PAPERWORK_NOTICE_DAYS = env.int("REVIEW_PAPERWORK_NOTICE_DAYS", default=14)

# Background jobs (jobs app): Django's tasks framework (django-tasks backport) with its database
# backend, so SQLite and PostgreSQL both work and workers on several machines share one queue.
# Workers: `manage.py run_worker` (started by `make run`; its own systemd unit in production).
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A worker running a job writes a heartbeat on it every JOB_HEARTBEAT_SECONDS; a job "in progress"
# whose heartbeat is older than JOB_HEARTBEAT_STALE_SECONDS has lost its worker (killed, or the
# machine stopped) and the next worker's housekeeping queues it again or fails it with a reason,
# without waiting for its kind's time limit (jobs.services.recover_stuck).
JOB_HEARTBEAT_SECONDS = env.float("JOB_HEARTBEAT_SECONDS", default=15)
JOB_HEARTBEAT_STALE_SECONDS = env.float("JOB_HEARTBEAT_STALE_SECONDS", default=90)
