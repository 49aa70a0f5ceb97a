"""Django settings for Flourish, read from the environment.

Every variable is listed in `.env.example`. A bad value stops start-up with a
message naming the variable (environs raises), so a typo never silently falls
back to an unsafe default. Development is the default so that `make run` needs
nothing; production refuses to start without a real secret key and hosts.
"""

from pathlib import Path
from typing import Any

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _
from environs import Env

BASE_DIR = Path(__file__).resolve().parent.parent

env = Env()
env.read_env(BASE_DIR / ".env", recurse=False)

FLOURISH_ENV = env.str(
    "FLOURISH_ENV",
    "development",
    validate=lambda value: value in {"development", "test", "production"},
)
IS_PRODUCTION = FLOURISH_ENV == "production"

DEBUG = env.bool("DEBUG", FLOURISH_ENV == "development")
if IS_PRODUCTION and DEBUG:
    raise ValueError("DEBUG must be off when FLOURISH_ENV=production.")

if IS_PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY", validate=lambda value: len(value) >= 50)
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
else:
    # Only ever used on a developer's own machine or in tests.
    SECRET_KEY = env.str("SECRET_KEY", "development-only-key-" + "x" * 40)
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

SITE_URL = env.str("SITE_URL", "http://127.0.0.1:8000")
# Who publishes the 360Giving file: the name, the 360Giving prefix (for 360G-<prefix>-…
# identifiers of unregistered groups) and the licence of the data.
OPEN_DATA_PUBLISHER = env.str("OPEN_DATA_PUBLISHER", "Flourish")
OPEN_DATA_PREFIX = env.str("OPEN_DATA_PREFIX", "flourish")
OPEN_DATA_LICENSE = env.str("OPEN_DATA_LICENSE", "https://creativecommons.org/licenses/by/4.0/")
CSRF_TRUSTED_ORIGINS: list[str] = env.list("CSRF_TRUSTED_ORIGINS", [])
# A form sent without its token says what happened in the person's language.
CSRF_FAILURE_VIEW = "flourish.core.views.form_expired"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # the GOV.UK form renderer (TemplatesSetting) needs its widget templates
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "template_partials",
    "django_htmx",
    "csp",
    "flourish.core",
    "flourish.accounts",
    "flourish.ledger",
    "flourish.directory",
    "flourish.grants",
    "flourish.timebank",
    "flourish.learning",
    "flourish.budgets",
    "flourish.demand",
    "flourish.outcomes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Authentication comes before locale so a signed-in person's saved
    # language choice can be honoured on every page.
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "flourish.core.middleware.SignedInPagesNotKept",
    "flourish.accounts.middleware.PreferredLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "flourish.accounts.middleware.RequireMfaMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "flourish.urls"
WSGI_APPLICATION = "flourish.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "flourish" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "flourish.core.context_processors.layout",
            ],
            "builtins": [
                "django.templatetags.i18n",
                "django.templatetags.static",
                "template_partials.templatetags.partials",
                "flourish.core.templatetags.flourish",
            ],
        },
    },
]

# One renderer for every form: GOV.UK markup for fields, hints and errors.
FORM_RENDERER = "flourish.core.forms.GovukFormRenderer"

DATABASES = {
    "default": env.dj_db_url(
        "DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env.int("DATABASE_CONN_MAX_AGE", 60 if IS_PRODUCTION else 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one writer writes; IMMEDIATE takes the
    # write lock at BEGIN so two writers queue instead of failing mid-way.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Indexes that also carry the columns a page counts (demand.Contact) let PostgreSQL
    # answer from the index alone; SQLite keeps the same index without those columns.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
if FLOURISH_ENV == "test" and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Empties tables between live-server tests with DELETE, which is many times
    # quicker than TRUNCATE (flourish/core/testing_postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "flourish.core.testing_postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Public pages (directory search, programmes, who we funded) are kept in the cache for
# visitors who are not signed in (flourish/core/public_cache.py). Off only to measure
# the pages themselves.
PUBLIC_PAGE_CACHE = env.bool("PUBLIC_PAGE_CACHE", True)

# A read replica of the primary, for read-heavy traffic across many web processes.
# Reads go there unless they must be fresh (flourish/core/database_routing.py).
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", "")
READ_YOUR_WRITES_SECONDS = env.int("READ_YOUR_WRITES_SECONDS", 10)
DATABASE_ROUTERS: list[str] = []
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = env.dj_db_url(
        "DATABASE_REPLICA_URL", conn_max_age=DATABASES["default"]["CONN_MAX_AGE"]
    )
    # In tests the replica is the primary under another name, so routing is exercised
    # against a real server without replication.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["flourish.core.database_routing.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(0, "flourish.core.database_routing.PrimaryAfterWriteMiddleware")

# The directory's ranking statements are prepared, so PostgreSQL plans them once per
# connection, one plan for any values (flourish/core/prepared.py). Off behind a pooler
# in transaction mode that cannot keep prepared statements (PgBouncer before 1.21).
DATABASE_PREPARED_STATEMENTS = env.bool("DATABASE_PREPARED_STATEMENTS", True)
for _database in DATABASES.values():
    if DATABASE_PREPARED_STATEMENTS and _database["ENGINE"].endswith("postgresql"):
        # psycopg prepares nothing while this is None (Django's default); Django's own
        # cursors bind on the client and are never prepared whatever it is.
        _database.setdefault("OPTIONS", {})["prepare_threshold"] = 5
        # Only prepared statements have plans to keep, and only Flourish's own are prepared.
        # Added to any `options` the database URL already gives (a search_path, say).
        _startup = _database["OPTIONS"].get("options", "")
        _database["OPTIONS"]["options"] = (
            f"{_startup} -c plan_cache_mode=force_generic_plan".strip()
        )

# Redis, when there is one, holds what every web process must share: the cache
# (and with it sign-in rate limits and the record of authenticator codes already
# used) and sessions. Without Redis, production keeps the cache in a database
# table (`make serve` runs `createcachetable`): a cache in each process would let
# four workers each allow the whole limit. A process's own memory is for
# development and tests only.
REDIS_URL = env.str("REDIS_URL", "")
if REDIS_URL:
    CACHES: dict[str, dict[str, Any]] = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
elif IS_PRODUCTION:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "flourish_cache",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Pieces of pages keyed by their own content (directory result cards): never stale, so
# each process's memory will do when there is no Redis to share them.
CACHES["fragments"] = (
    {**CACHES["default"], "KEY_PREFIX": "fragments"}
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
)
# Suggestions and other writes anyone may make without signing in, per address an hour.
PUBLIC_WRITES_PER_HOUR = env.int("PUBLIC_WRITES_PER_HOUR", 5)

# Background work (emails, reminders, exports) goes through the Django 6 tasks
# API, from the django-tasks backport until we move to Django 6. The database queue
# needs nothing more; with many machines, TASKS_BACKEND=django_tasks_rq.RQBackend
# puts the same tasks on Redis for RQ workers (`manage.py rqworker`).
TASK_QUEUES = ["default", "email"]
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if FLOURISH_ENV == "test"
            else "django_tasks_db.DatabaseBackend",
        ),
        "QUEUES": TASK_QUEUES,
    }
}
if TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
    if not REDIS_URL:
        raise ValueError("TASKS_BACKEND=django_tasks_rq.RQBackend needs REDIS_URL.")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {queue: {"URL": REDIS_URL} for queue in TASK_QUEUES}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
if FLOURISH_ENV == "test":
    # Tests make many people; a slow, strong hash only slows the suite down.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"

# Sign in with an emailed one-time code; a password is optional.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 15 * 60
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
ACCOUNT_ADAPTER = "flourish.accounts.adapters.AccountAdapter"
# Our sign-in form keeps an optional password: empty means "email me a code".
ACCOUNT_FORMS = {
    "login": "flourish.accounts.forms.SignInForm",
    "signup": "flourish.accounts.forms.CreateAccountForm",
    "request_login_code": "flourish.accounts.forms.AskForSignInCodeForm",
    "confirm_login_code": "flourish.accounts.forms.SignInCodeForm",
    "reset_password": "flourish.accounts.forms.ForgottenPasswordForm",
    "confirm_email_verification_code": "flourish.accounts.forms.EmailCheckCodeForm",
}
MFA_ADAPTER = "flourish.accounts.adapters.MfaAdapter"
MFA_FORMS = {"activate_totp": "flourish.accounts.forms.ActivateAuthenticatorForm"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Flourish"
# A code from the 30 seconds just before or after still works, so a phone clock a
# little out, or a code typed as it changes, is not refused. Each code works once
# (allauth remembers used codes in the shared cache).
MFA_TOTP_TOLERANCE = 1

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if IS_PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", "localhost")
EMAIL_PORT = env.int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "Flourish <hello@flourish.localhost>")

LANGUAGE_CODE = "en-gb"
LANGUAGES = [
    ("en-gb", _("English")),
    ("cy", _("Welsh")),
    ("ur", _("Urdu")),
]
LOCALE_PATHS = [BASE_DIR / "flourish" / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", BASE_DIR / "staticfiles")
STORAGES: dict[str, dict[str, Any]] = {
    # Uploads are encrypted at rest with the same keys as the encrypted fields.
    "default": {"BACKEND": "flourish.core.storage.EncryptedFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if IS_PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploads in S3-compatible object storage (django-storages) when many machines
# share them; local disk otherwise. The bucket is private: no public ACL, and any
# link the storage gives out is signed and short-lived. Files are encrypted before
# they leave for the bucket, so the provider only ever holds ciphertext.
UPLOADS_BUCKET = env.str("UPLOADS_BUCKET", "")
if UPLOADS_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "flourish.core.storage.EncryptedS3Storage",
        "OPTIONS": {
            "bucket_name": UPLOADS_BUCKET,
            "endpoint_url": env.str("UPLOADS_ENDPOINT_URL", "") or None,
            "region_name": env.str("UPLOADS_REGION", "") or None,
            "access_key": env.str("UPLOADS_ACCESS_KEY_ID", ""),
            "secret_key": env.str("UPLOADS_SECRET_ACCESS_KEY", ""),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": env.int("UPLOADS_LINK_SECONDS", 60),
            "file_overwrite": False,
        },
    }
# Whitenoise serves static files in every environment; outside production it
# reads them straight from the apps so there is nothing to collect first.
WHITENOISE_USE_FINDERS = not IS_PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

# Uploads are private: they are never served from a public URL, only through
# views that check who is asking.
MEDIA_ROOT = env.path("MEDIA_ROOT", BASE_DIR / "private-uploads")

# Keys for the encrypted-at-rest fields, newest first. Rotation: put a new key
# at the front, run `manage.py rotate_encryption_keys`, then drop the old one.
FIELD_ENCRYPTION_KEYS = env.list(
    "FIELD_ENCRYPTION_KEYS",
    [] if IS_PRODUCTION else ["ZGV2ZWxvcG1lbnQtb25seS1maWVsZC1rZXktMzJieXQ="],
)
if not FIELD_ENCRYPTION_KEYS:
    raise ValueError("FIELD_ENCRYPTION_KEYS must list at least one Fernet key in production.")

# How long a funder must keep the record of a grant it made (its application,
# decision, award and payments) after the award, even when the person who
# applied asks for their data to be erased. Six years matches HMRC's rule for
# financial records; a funder whose own policy is longer raises it.
GRANT_RECORD_RETENTION_YEARS = env.int("GRANT_RECORD_RETENTION_YEARS", 6)
# Days before a timebank member's safeguarding check runs out that the coordinator and the
# member are reminded (once for each check), and that the dashboard lists it.
TIMEBANK_CHECK_REMINDER_DAYS = env.int("TIMEBANK_CHECK_REMINDER_DAYS", 30)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Only our own scripts, styles and images run: no inline script or style, no
# eval, nothing from another site. A QR code on the two-step set-up page is a
# data: image. Pages must keep JavaScript and CSS in static files (see
# docs/security.md); htmx is told not to add its own <style> (base.html).
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
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
# Flourish uses none of these browser features; no page, nor anything that
# gets into one, may ask for them.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )
}
if IS_PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# The Open Referral API's allowance per client address, so one finder cannot starve others.
OPENREFERRAL_REQUESTS_PER_MINUTE = env.int("OPENREFERRAL_REQUESTS_PER_MINUTE", 120)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", "INFO")},
}
