"""Settings for the procurement scorecard, read from the environment with safe defaults.

Every setting a deployment may change is an environment variable, listed in the README.
"""

import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from scorecard.env import env_bool, env_float, env_int, env_list, env_str
from signin.config import form_action, parse_group_roles

BASE_DIR = Path(__file__).resolve().parent.parent


DEBUG = env_bool("DJANGO_DEBUG", False)

# Required to serve with DEBUG off: scorecard/wsgi.py refuses to start without it. Management commands that sign
# nothing (makemigrations, migrate, check) run without one, on a random key that no request ever sees.
SECRET_KEY_FROM_ENVIRONMENT = env_str("DJANGO_SECRET_KEY", None) is not None
SECRET_KEY = env_str("DJANGO_SECRET_KEY", None) or (
    "django-insecure-development-only-key-never-use-in-production" if DEBUG else secrets.token_urlsafe(50)
)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# The council whose scorecard this is: it heads the pages and the committee reports.
COUNCIL_NAME = env_str("SCORECARD_COUNCIL_NAME", "Medway Council")
# The front sheet's defaults, for a review whose manager has not set its own (objectives.models.FrontSheet).
SCORECARD_PAPER_REPORT_TO = env_str("SCORECARD_PAPER_REPORT_TO", "Audit Committee")
SCORECARD_PAPER_AUTHOR = env_str("SCORECARD_PAPER_AUTHOR", "Head of Procurement")
SCORECARD_PAPER_CONTACT = env_str("SCORECARD_PAPER_CONTACT", "")
# The council's main framework, by its slug: its reviews keep the URLs they had before there were several frameworks
# (/reviews/2021/); every other framework's read /reviews/<slug>/<year>/ (objectives/converters.py).
SCORECARD_MAIN_FRAMEWORK = env_str("SCORECARD_MAIN_FRAMEWORK", "nps-2018")

# Benchmarks (objectives/benchmarks): the peer-group keys the council gives in its benchmark return (empty: not
# given), the salt of the hash that names the council in a return (empty: derived from DJANGO_SECRET_KEY, so set it
# for a hash that lasts), and the fewest councils a cell of a benchmark set must have to be shown (never below five).
SCORECARD_PEER_COUNCIL_TYPE = env_str("SCORECARD_PEER_COUNCIL_TYPE", "")
SCORECARD_PEER_REGION = env_str("SCORECARD_PEER_REGION", "")
SCORECARD_PEER_SPEND_BAND = env_str("SCORECARD_PEER_SPEND_BAND", "")
SCORECARD_BENCHMARK_SALT = env_str("SCORECARD_BENCHMARK_SALT", "")
SCORECARD_BENCHMARK_MIN_COUNCILS = env_int("SCORECARD_BENCHMARK_MIN_COUNCILS", 5)
if SCORECARD_BENCHMARK_MIN_COUNCILS < 5:
    raise ImproperlyConfigured(
        f"SCORECARD_BENCHMARK_MIN_COUNCILS={SCORECARD_BENCHMARK_MIN_COUNCILS} is below five, the fewest councils a "
        "benchmark cell may show"
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "simple_history",
    "axes",
    "csp",
    "objectives",
    "reports",
    "signin",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "scorecard.middleware.RequestSizeLimitMiddleware",
    "scorecard.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "scorecard.urls"
WSGI_APPLICATION = "scorecard.wsgi.application"

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
                "objectives.context_processors.council",
                "objectives.context_processors.my_work",
                "objectives.context_processors.latest_review",
            ],
            # `{{ user|person }}` on every page, without a `{% load %}` in each
            "builtins": ["objectives.templatetags.people"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", None) or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# A request's changes and their history rows are one transaction: a request that fails leaves nothing behind.
DATABASES["default"]["ATOMIC_REQUESTS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend (passwords and permissions), refusing passwords when OIDC_LOCAL_PASSWORDS is off
    "signin.backends.LocalPasswordBackend",
    "signin.backends.OpenIDConnectBackend",
]

PASSWORD_HASHERS = [
    "scorecard.hashers.CouncilArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "objectives:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
# Dates read one way everywhere: scorecard/formats/en_GB/formats.py.
FORMAT_MODULE_PATH = ["scorecard.formats"]
USE_TZ = True

SCORECARD_EVIDENCE_DIR = Path(env_str("SCORECARD_EVIDENCE_DIR", None) or BASE_DIR / "var" / "evidence")

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Evidence files (objectives.files.uploads): this instance's own private folder, never under a URL that the web
    # server serves by itself; every download goes through a view that checks who may see it. More than one
    # server: django-storages with S3-compatible storage (see the README).
    "evidence": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": SCORECARD_EVIDENCE_DIR,
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("DJANGO_MANIFEST_STATIC", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Without collectstatic (development, tests) whitenoise serves straight from the finders.
WHITENOISE_USE_FINDERS = True

# Committee reports are cached by the hash of their HTML: shared by gunicorn's workers through files.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env_str("SCORECARD_CACHE_DIR", None)
        or os.path.join(tempfile.gettempdir(), f"scorecard-cache-{os.getuid()}"),
        "OPTIONS": {"MAX_ENTRIES": 500},
    }
}
REPORT_CACHE_SECONDS = env_int("SCORECARD_REPORT_CACHE_SECONDS", 7 * 24 * 60 * 60)
# The council's own Word template (.docx or .dotx) that the Word pack is written into; none: python-docx's default.
SCORECARD_WORD_TEMPLATE = env_str("SCORECARD_WORD_TEMPLATE", "")
if SCORECARD_WORD_TEMPLATE and (
    not os.path.isfile(SCORECARD_WORD_TEMPLATE) or not SCORECARD_WORD_TEMPLATE.lower().endswith((".docx", ".dotx"))
):
    raise ImproperlyConfigured(f"SCORECARD_WORD_TEMPLATE={SCORECARD_WORD_TEMPLATE!r} is not a .docx or .dotx file")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security. Behind a TLS-terminating proxy set DJANGO_PROXY_SSL_HEADER=1 so that Django knows a request was HTTPS.
# DJANGO_HTTPS=0 is only for serving plain HTTP on this machine (tests, the load test).
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("DJANGO_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# No inline script anywhere: pages load their scripts and styles from our own origin only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Uploads: spreadsheets are small; refuse anything larger before it reaches a view.
SCORECARD_IMPORT_MAX_BYTES = env_int("SCORECARD_IMPORT_MAX_BYTES", 5 * 1024 * 1024)

# Evidence (objectives.files.uploads): the largest file accepted (a larger upload is refused with 413), and the ClamAV
# daemon that scans every file before it is stored: a unix socket, or a host and port. None set: no scanning.
SCORECARD_EVIDENCE_MAX_BYTES = env_int("SCORECARD_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)
SCORECARD_CLAMD_SOCKET = env_str("SCORECARD_CLAMD_SOCKET", None)
SCORECARD_CLAMD_HOST = env_str("SCORECARD_CLAMD_HOST", None)
SCORECARD_CLAMD_PORT = env_int("SCORECARD_CLAMD_PORT", 3310)
SCORECARD_CLAMD_TIMEOUT = env_float("SCORECARD_CLAMD_TIMEOUT", 30.0)
# clamd's own configuration, read for its limits, which the evidence zip guard stays below (Debian's path).
SCORECARD_CLAMD_CONFIG = env_str("SCORECARD_CLAMD_CONFIG", "/etc/clamav/clamd.conf")

# Sign-in throttling: five failures for one username from one address lock that pair out for 15 minutes.
# Locking by the pair, not by address alone, means that one attacker behind a council's shared public address
# cannot lock every colleague out, and not by username alone, that nobody elsewhere can lock a user out.
AXES_FAILURE_LIMIT = env_int("DJANGO_SIGNIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_float("DJANGO_SIGNIN_LOCKOUT_HOURS", 0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Lock-outs are logged with the username and address, so that an administrator can see who was targeted.
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The audit of sign-ins, in the admin: every success (AccessLog) and every failure (AccessFailureLog), with its time
# and address, whether by password or by single sign-on.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_IPWARE_PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# Single sign-on with the council's OpenID Connect provider (signin/; Entra ID steps in the README). All four of
# issuer, client id, client secret and the provider's name turn it on; some without the others, `check` warns.
OIDC_ISSUER = env_str("OIDC_ISSUER", "")
OIDC_CLIENT_ID = env_str("OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET", "")
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "")
# "<group id>=<role>,...": the provider's groups (Entra ID's group object ids) whose members have each role.
OIDC_GROUP_ROLES = parse_group_roles("OIDC_GROUP_ROLES", env_str("OIDC_GROUP_ROLES", ""))
# Off: passwords of this service for superusers only (break-glass); everyone else signs in with the provider.
OIDC_LOCAL_PASSWORDS = env_bool("OIDC_LOCAL_PASSWORDS", True)
# Signing out (a form) ends at the provider's end-session page: browsers hold a form's redirects to form-action.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] = form_action(OIDC_ISSUER)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
    # Lock-outs are logged at WARNING by django-axes: keep them whatever the root level.
    "loggers": {
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # The audit of single sign-on: who signed in, when and from where, and every refused sign-in.
        "signin": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Spreadsheet import and export (objectives.imports). An upload waits in SCORECARD_IMPORT_DIR between its
# preview and its confirmation; every process that serves requests must see the same directory.
# This instance's own folder (never a shared temporary one), made with mode 0700.
SCORECARD_IMPORT_DIR = Path(env_str("SCORECARD_IMPORT_DIR", None) or BASE_DIR / "var" / "pending-uploads")
SCORECARD_IMPORT_PENDING_PER_USER = env_int("SCORECARD_IMPORT_PENDING_PER_USER", 5)
SCORECARD_IMPORT_MAX_AGE = env_int("SCORECARD_IMPORT_MAX_AGE", 24 * 60 * 60)
# Cells are escaped by objectives.exports, which also handles +, - and @, and reads them back.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
IMPORT_EXPORT_IMPORT_IGNORE_BLANK_LINES = True

# A change's reason (a reopening's, an import's file name) is kept whole, however long the form allows it to be.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# The admin's "revert to this version" would write past the version check and the sign-off: changes go through
# the edit page or the admin's change form.
SIMPLE_HISTORY_REVERT_DISABLED = True

# What is due soon, one horizon everywhere (objectives.rules.rag): an action not started is amber this many days
# before it is due; My work, its count and the reminder digests show objectives to score from this many days before
# their review's due date, and actions due within as many days. An action in progress is amber after
# SCORECARD_RAG_STALE_DAYS without a progress note.
for _renamed in ("SCORECARD_RAG_DUE_SOON_DAYS", "SCORECARD_REMINDER_DAYS"):
    if os.environ.get(_renamed) is not None:
        raise ImproperlyConfigured(f"{_renamed} is now SCORECARD_DUE_SOON_DAYS, one horizon for the RAG and My work.")
SCORECARD_DUE_SOON_DAYS = env_int("SCORECARD_DUE_SOON_DAYS", 30)
SCORECARD_RAG_STALE_DAYS = env_int("SCORECARD_RAG_STALE_DAYS", 90)
# Own scores of one objective this many levels apart or more are flagged for the moderation meeting.
SCORECARD_SPREAD_FLAG_LEVELS = env_int("SCORECARD_SPREAD_FLAG_LEVELS", 2)
if SCORECARD_SPREAD_FLAG_LEVELS < 1:
    raise ImproperlyConfigured(f"SCORECARD_SPREAD_FLAG_LEVELS={SCORECARD_SPREAD_FLAG_LEVELS} must be 1 or more")

# Reminders (`manage.py send_reminders`, objectives.services.reminders): links in the mails start with the site's
# address.
SCORECARD_SITE_URL = env_str("SCORECARD_SITE_URL", "http://127.0.0.1:8000")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "scorecard@localhost")
