"""Settings for wijkbasis.

Everything that differs between installations comes from the environment through
`env()`, which also records a description of each variable. `docs/configuration.md`
lists them all; a test keeps that page and this file in step.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

# Django's generic classes take a type, as django-stubs declare them: `admin.ModelAdmin[Vacancy]`.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent

#: name -> description, filled by env(); read by the configuration docs test.
ENVIRONMENT_VARIABLES: dict[str, str] = {}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env(name: str, default: Any, doc: str, cast: type = str) -> Any:
    """Read one setting from the environment, typed by `cast`, and document it."""
    ENVIRONMENT_VARIABLES[name] = doc
    raw = os.environ.get(name)
    if raw is None:
        return default
    if cast is bool:
        value = raw.strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")
    if cast is list:
        return [item.strip() for item in raw.split(",") if item.strip()]
    try:
        return cast(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} has an invalid value {raw!r}: {error}") from error


DATA_DIR = Path(
    env(
        "WIJKBASIS_DATA_DIR",
        str(Path.cwd() / "var"),
        "Folder for the SQLite database, uploaded files, the generated secret key and collected "
        "static files. Default: ./var in the folder you start wijkbasis from.",
    )
)

DEBUG = env("DEBUG", False, "Show Django's debug pages. Never true in production.", bool)


def _secret_key() -> str:
    key = env(
        "SECRET_KEY",
        "",
        "Django's secret key. When empty, a random key is generated once and kept in "
        "WIJKBASIS_DATA_DIR/secret_key, so sessions survive restarts.",
    )
    if key:
        return key
    key_file = DATA_DIR / "secret_key"
    try:
        return key_file.read_text().strip()
    except FileNotFoundError:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        # O_EXCL: two processes starting together must end up with the same key.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return key_file.read_text().strip()
        with os.fdopen(fd, "w") as handle:
            handle.write(key)
        return key


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env(
    "ALLOWED_HOSTS",
    ["127.0.0.1", "localhost", "[::1]"],
    "Comma-separated host names this site answers to, e.g. wijkbasis.example.nl.",
    list,
)
TRUSTED_PROXIES = env(
    "TRUSTED_PROXIES",
    [],
    "Comma-separated IP addresses or networks (10.0.0.0/8) of the reverse proxies in front of wijkbasis. "
    "Only requests from these may say the visitor's address in X-Forwarded-For (rate limits, access log); "
    "empty: nobody, the connection's own address counts.",
    list,
)
CSRF_TRUSTED_ORIGINS = env(
    "CSRF_TRUSTED_ORIGINS",
    [],
    "Comma-separated origins (https://wijkbasis.example.nl) trusted for form posts behind a proxy.",
    list,
)
BASE_URL = env(
    "BASE_URL",
    "",
    "Public address of the site, e.g. https://wijkbasis.example.nl. Used in QR codes, posters "
    "and e-mails. When empty, the address of the current request is used.",
).rstrip("/")

INSTALLED_APPS = [
    "wijkbasis.core",
    "wijkbasis.ui",
    "wijkbasis.accounts",
    "wijkbasis.areas",
    "wijkbasis.volunteering",
    "wijkbasis.buurtservice",
    "wijkbasis.reporting",
    "wijkbasis.demo",
    # The management site under the platform's name, with safe list filters (core/admin_site.py).
    "wijkbasis.core.admin_apps.ManagementSiteConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_filters",
    "allauth",
    "wijkbasis.core.admin_apps.EmailAddressesConfig",  # allauth.account
    "wijkbasis.core.admin_apps.TwoStepVerificationConfig",  # allauth.mfa
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "wijkbasis.core.admin_apps.BackgroundTasksConfig",  # django_tasks_db
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # First after security: every response, 404 and 500 included, gets the policy.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed (static files come compressed from WhiteNoise above). Below WhiteNoise, above
    # every middleware that reads or changes the body. Django adds up to 100 random bytes to each
    # compressed response, which defeats BREACH's length-guessing of the CSRF token in a page.
    "django.middleware.gzip.GZipMiddleware",
    # Before anything reads input (the session cookie included): control characters removed.
    "wijkbasis.core.middleware.InputCleaningMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wijkbasis.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wijkbasis.accounts.middleware.AccountSecurityMiddleware",
    "wijkbasis.core.middleware.AccessContextMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "wijkbasis.urls"
WSGI_APPLICATION = "wijkbasis.wsgi.application"

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wijkbasis.ui.context_processors.site",
            ],
        },
    }
]

DATABASE_URL = env(
    "DATABASE_URL",
    "",
    "Database to use, e.g. postgres://user:password@host:5432/wijkbasis. "
    "Empty: SQLite in WIJKBASIS_DATA_DIR/wijkbasis.sqlite3.",
)


def _databases() -> dict[str, dj_database_url.DBConfig]:
    if DATABASE_URL:
        database = dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    else:
        database = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "wijkbasis.sqlite3"),
        }
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at
        # the start of a transaction so two writers queue instead of failing halfway.
        database["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=20000;PRAGMA foreign_keys=ON;"
            ),
        }
    databases = {"default": database}
    if DATABASE_REPLICA_URL:
        # Reports read from a replica (core/db_routers.py); everything else uses the primary.
        replica = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60, conn_health_checks=True)
        # Tests use the primary for both, as Django recommends for replicas.
        databases["replica"] = {**replica, "TEST": {"MIRROR": "default"}}
    return databases


DATABASE_REPLICA_URL = env(
    "DATABASE_REPLICA_URL",
    "",
    "A read-only replica of the PostgreSQL database (streaming replication), e.g. "
    "postgres://reader:password@replica:5432/wijkbasis. Reports read from it, so heavy figures do not slow "
    "the pages down; everything else uses DATABASE_URL. Empty: reports read from DATABASE_URL too.",
)
DATABASES = _databases()
DATABASE_ROUTERS = ["wijkbasis.core.db_routers.ReportingReplicaRouter"] if DATABASE_REPLICA_URL else []
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:start"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Europe/Amsterdam", "Time zone for dates shown and entered.")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(DATA_DIR / "media"), "Folder for uploaded files such as team photos."))
SERVE_MEDIA = env(
    "SERVE_MEDIA",
    True,
    "Let wijkbasis itself serve uploaded public files (team photos). Turn off when a web server "
    "in front serves MEDIA_ROOT.",
    bool,
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 3600
# Files served at the site root without a URL pattern (/favicon.ico, which browsers ask for anyway).
WHITENOISE_ROOT = BASE_DIR / "ui" / "root"

# Security: safe by default, relaxed only for plain http on this machine.
SECURE_HTTPS = env(
    "SECURE_HTTPS",
    False,
    "Set to true when the site is served over https (production): secure cookies, HSTS and redirects to https.",
    bool,
)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
LANGUAGE_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS
SECURE_HSTS_SECONDS = 31536000 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = False
# Submitting a domain to the browsers' HSTS preload list binds every subdomain to https for
# years; that is the operator's decision for their domain, not a default of this software.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE_HTTPS else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend",
    "Django e-mail backend. The demo uses the file backend (mail lands in WIJKBASIS_DATA_DIR/mail).",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost", "SMTP server for outgoing mail.")
EMAIL_PORT = env("EMAIL_PORT", 25, "SMTP port.", int)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "", "SMTP user name.")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "", "SMTP password.")
EMAIL_USE_TLS = env("EMAIL_USE_TLS", False, "Use STARTTLS for SMTP.", bool)
EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL",
    "noreply@localhost",
    "Sender address of e-mails; the name shown with it is the welfare organisation's (or SITE_NAME).",
)

SITE_NAME = env("SITE_NAME", "wijkbasis", "Name of the platform shown in the page header and titles.")
DEFAULT_MUNICIPALITY = env(
    "DEFAULT_MUNICIPALITY",
    "",
    "CBS code (e.g. GM0301) of the municipality shown first on the home page when several share one "
    "installation. Empty: all municipalities, in name order.",
)

# Postcode lookup through PDOK Locatieserver, cached in the database.
POSTCODE_LOOKUP_ONLINE = env(
    "POSTCODE_LOOKUP_ONLINE",
    True,
    "Ask PDOK Locatieserver for postcodes that are not in the database yet. Turn off for an "
    "installation without internet; then only imported postcodes are known.",
    bool,
)
POSTCODE_LOOKUP_URL = env(
    "POSTCODE_LOOKUP_URL",
    "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free",
    "Address of the Locatieserver 'free' endpoint.",
)
POSTCODE_LOOKUP_TIMEOUT = env(
    "POSTCODE_LOOKUP_TIMEOUT", 3.0, "Seconds to wait for Locatieserver before giving up.", float
)
POSTCODE_CACHE_DAYS = env(
    "POSTCODE_CACHE_DAYS",
    365,
    "Days a postcode answer from Locatieserver is trusted before it is asked again.",
    int,
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO", "Log level: DEBUG, INFO, WARNING…")},
    # WeasyPrint reports every rendering step at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

FORM_RENDERER = "wijkbasis.ui.forms.UtrechtFormRenderer"

# --- Accounts: e-mail only, a one-time code instead of a password (django-allauth) -------
ACCOUNT_ADAPTER = "wijkbasis.accounts.adapter.AccountAdapter"
# Our labels and plain-language help; the login form also takes a password, when one is typed.
ACCOUNT_FORMS = {
    "login": "wijkbasis.accounts.forms.LoginForm",
    "request_login_code": "wijkbasis.accounts.forms.RequestLoginCodeForm",
    "signup": "wijkbasis.accounts.forms.SignupForm",
    "confirm_login_code": "wijkbasis.accounts.forms.ConfirmLoginCodeForm",
    "confirm_email_verification_code": "wijkbasis.accounts.forms.ConfirmEmailVerificationCodeForm",
    "add_email": "wijkbasis.accounts.forms.AddEmailForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# allauth's 3 minutes is short for someone who has to find the e-mail on another device.
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 600
# A code that logs someone in lasts 10 minutes at most (ASVS 6.5.5), the sign-up code too.
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_TIMEOUT = 600
# Changing the e-mail address, password or second factor asks for the password or the second
# factor again (ASVS 7.5.1); someone with neither has nothing else to ask for.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# "Send a new code" on the code page: twice per login, within the per-address limit below.
ACCOUNT_LOGIN_BY_CODE_SUPPORTS_RESEND = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
LOGIN_ATTEMPTS_LIMIT = env(
    "LOGIN_ATTEMPTS_LIMIT", 5, "Failed logins for one e-mail address before it is locked for a while.", int
)
LOGIN_ATTEMPTS_TIMEOUT = env(
    "LOGIN_ATTEMPTS_TIMEOUT", 300, "Seconds an e-mail address stays locked after too many failed logins.", int
)
ACCOUNT_RATE_LIMITS = {
    "login": env("RATE_LIMIT_LOGIN", "30/m/ip", "Logins allowed per IP address (allauth rate format)."),
    "login_failed": f"10/m/ip,{LOGIN_ATTEMPTS_LIMIT}/{LOGIN_ATTEMPTS_TIMEOUT}s/key",
    "signup": env("RATE_LIMIT_SIGNUP", "20/m/ip", "Sign-ups allowed per IP address."),
    "request_login_code": env(
        "RATE_LIMIT_LOGIN_CODE", "3/m/key", "Login-code requests allowed per e-mail address (allauth rate format)."
    ),
    "request_login_code_per_ip": env(
        "RATE_LIMIT_LOGIN_CODE_IP", "20/m/ip", "Login-code requests allowed per IP address; beyond it: 429."
    ),
    # accounts/ratelimits.py: login (by code), sign-up, password reset and "send again", together.
    "mail_per_ip": env(
        "RATE_LIMIT_MAIL_IP",
        "20/m/ip,100/h/ip",
        "Mails a visitor without an account may cause from one IP address, all account pages together (login "
        "codes, sign-up codes, password-reset links, 'send again'; allauth rate format); beyond it: 429.",
    ),
    "respond_without_account": env(
        "RATE_LIMIT_RESPOND", "20/m/ip", "Responses to vacancies without an account per IP address; beyond it: 429."
    ),
    "save_search": env(
        "RATE_LIMIT_SAVE_SEARCH", "10/h/ip", "Saved searches (each sends a confirmation e-mail) per IP address."
    ),
    "confirm_email": "1/10s/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
MFA_ADAPTER = "wijkbasis.accounts.adapter.MFAAdapter"
MFA_FORMS = {
    "authenticate": "wijkbasis.accounts.forms.AuthenticateForm",
    "reauthenticate": "wijkbasis.accounts.forms.ReauthenticateForm",
    "activate_totp": "wijkbasis.accounts.forms.ActivateTOTPForm",
    "add_webauthn": "wijkbasis.accounts.forms.AddWebAuthnForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_SECRET_KEY = env(
    "MFA_SECRET_KEY",
    [],
    "Key that encrypts the secrets of two-step verification (authenticator apps, recovery codes) in the "
    'database: a Fernet key, made with `python -c "from cryptography.fernet import Fernet; '
    'print(Fernet.generate_key().decode())"`. Several, comma-separated, to change keys: the first encrypts, '
    "all decrypt. Empty: derived from SECRET_KEY (then changing SECRET_KEY makes every authenticator unusable). "
    "Keep it out of database backups.",
    list,
)
MFA_TOTP_ISSUER = SITE_NAME
MFA_PASSKEY_LOGIN_ENABLED = False
# WebAuthn needs a secure origin; on the demo's http://127.0.0.1 that is only allowed here.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not SECURE_HTTPS

SESSION_COOKIE_AGE = (
    env("SESSION_DAYS", 14, "Days a resident stays logged in on a device they chose to remember.", int) * 24 * 3600
)
# A login lasts until the browser closes unless the person ticked "stay logged in" (the account
# adapter then sets SESSION_COOKIE_AGE); staff never stay (accounts/middleware.py).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
UNVERIFIED_SIGNUP_DAYS = env(
    "UNVERIFIED_SIGNUP_DAYS",
    7,
    "Days an account made at sign-up is kept while its e-mail address is not confirmed; then the nightly "
    "clean-up removes it with the record made for it (anyone can type any address into the sign-up form).",
    int,
)
STAFF_IDLE_TIMEOUT = (
    env("STAFF_IDLE_MINUTES", 30, "Minutes without activity after which staff are logged out.", int) * 60
)
STAFF_SESSION_MAXIMUM = (
    env(
        "STAFF_SESSION_HOURS",
        12,
        "Hours after logging in when staff must log in again, however active they were (residents: SESSION_DAYS).",
        int,
    )
    * 3600
)

# --- Background tasks (e-mail, daily clean-up): django-tasks with its database backend ----
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_MAX_ATTEMPTS = env("EMAIL_MAX_ATTEMPTS", 5, "How often sending an e-mail is tried before it is given up.", int)
MAIL_PER_ADDRESS_LIMIT = env(
    "MAIL_PER_ADDRESS_LIMIT",
    3,
    "E-mails of one kind that a visitor without an account can cause to one address per hour (login codes, "
    "confirmations of saved searches); more are not sent, so nobody can flood someone's inbox through the site.",
    int,
)

# Rate limits and lockouts must hold across worker processes and servers, and so must the
# versions of cached page fragments (core/fragments.py): a shared cache, the database by default.
CACHE_URL = env(
    "CACHE_URL",
    "",
    "Shared cache for rate limits, lockouts and rendered parts of public pages, for several servers: "
    "redis://host:6379/0 (needs the redis package) or memcached://host:11211 (needs pymemcache). "
    "Empty: a table in the database, which needs no other service.",
)


def _caches() -> dict[str, dict[str, Any]]:
    if CACHE_URL.startswith(("redis://", "rediss://")):
        return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
    if CACHE_URL.startswith("memcached://"):
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
                "LOCATION": CACHE_URL.removeprefix("memcached://"),
            }
        }
    if CACHE_URL:
        raise ImproperlyConfigured(f"CACHE_URL must start with redis://, rediss:// or memcached://, not {CACHE_URL!r}")
    # Room for a fragment per page and language of a region (200 wijken, teams, places) besides
    # the rate-limit counters: Django's default of 300 entries would throw fragments out at once.
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "wijkbasis_cache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }


CACHES = _caches()

# --- Content Security Policy: no inline script or style without this response's nonce ------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Volunteering ---------------------------------------------------------------------------
VACANCY_REVIEW_REQUIRED = env(
    "VACANCY_REVIEW_REQUIRED",
    False,
    "Vacancies of approved organisations wait for review by the neighbourhood team before they go public.",
    bool,
)
RESPONSE_CONTACT_REMINDER_DAYS = env(
    "RESPONSE_CONTACT_REMINDER_DAYS", 5, "Days a response may wait without contact before brokers are reminded.", int
)
PLACEMENT_FOLLOW_UP_DAYS = env(
    "PLACEMENT_FOLLOW_UP_DAYS", 42, "Days after a placement starts when the broker asks 'how is it going?'.", int
)
VACANCY_EXPIRY_REMINDER_DAYS = env(
    "VACANCY_EXPIRY_REMINDER_DAYS", 7, "Days before a vacancy expires when the organisation is reminded.", int
)

# --- Buurtservice -------------------------------------------------------------------------
SMS_BACKEND = env(
    "SMS_BACKEND",
    "wijkbasis.buurtservice.sms.LoggingBackend",
    "Python path of the class that sends text messages (Buurtservice tells residents of changes). The default "
    "only writes them to the log (number shortened): set your provider's backend here, see "
    "wijkbasis/buurtservice/sms.py for the two methods it needs.",
)
SMS_SENDER = env("SMS_SENDER", "Buurtservice", "Sender name or number of text messages (up to 11 characters).")
SMS_MAX_ATTEMPTS = env("SMS_MAX_ATTEMPTS", 3, "How often sending a text message is tried before it is given up.", int)
BUURTSERVICE_PHOTO_ROOT = Path(
    env(
        "BUURTSERVICE_PHOTO_ROOT",
        str(DATA_DIR / "private" / "buurtservice"),
        "Folder for photos of Buurtservice jobs. Not public: only the coordinator and the crew see them, "
        "through a page that checks who asks. Never inside MEDIA_ROOT.",
    )
)
BUURTSERVICE_PHOTO_MAX_MB = env(
    "BUURTSERVICE_PHOTO_MAX_MB", 10, "Largest photo (in MB) a resident or crew may upload with a job.", int
)
BUURTSERVICE_PRIORITY_WMO = env(
    "BUURTSERVICE_PRIORITY_WMO",
    40,
    "Priority points for a WMO job on the day its deadline is reached (fewer, the further away it is).",
    int,
)
BUURTSERVICE_PRIORITY_WMO_WINDOW_DAYS = env(
    "BUURTSERVICE_PRIORITY_WMO_WINDOW_DAYS",
    56,
    "Days before a WMO deadline when its points start to count (rising to the full points on the day).",
    int,
)
BUURTSERVICE_PRIORITY_URGENT = env("BUURTSERVICE_PRIORITY_URGENT", 30, "Priority points for an urgent job.", int)
BUURTSERVICE_PRIORITY_VULNERABLE = env(
    "BUURTSERVICE_PRIORITY_VULNERABLE",
    20,
    "Priority points for a very vulnerable resident (half for somewhat vulnerable).",
    int,
)
BUURTSERVICE_PRIORITY_PER_WEEK = env(
    "BUURTSERVICE_PRIORITY_PER_WEEK", 2.0, "Priority points for every week on the waiting list.", float
)
BUURTSERVICE_THROUGHPUT_WEEKS = env(
    "BUURTSERVICE_THROUGHPUT_WEEKS",
    12,
    "Weeks of recent work the expected waiting time is estimated from.",
    int,
)
ACCOUNT_RATE_LIMITS["buurtservice_request"] = env(
    "RATE_LIMIT_JOB_REQUEST", "10/h/ip", "Buurtservice requests without an account per IP address; beyond it: 429."
)
