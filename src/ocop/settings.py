"""One env-driven settings module with a working default for everything.

Nothing set: SQLite under ``data/``, a secret generated on first run, local-memory cache, mail written to files.
Production sets ``OCOP_ENV=production`` plus ``OCOP_SECRET_KEY``, ``DATABASE_URL`` and ``OCOP_ALLOWED_HOSTS``.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from ocop.common.addresses import DEFAULT_BIND, host_of, site_url
from ocop.common.object_storage import object_storage


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("OCOP_DATA_DIR", PACKAGE_DIR.parent.parent / "data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)
if DATA_DIR.stat().st_uid == os.getuid():
    DATA_DIR.chmod(0o700)  # the database, uploads and secret key are for this account only

OCOP_ENV = os.environ.get("OCOP_ENV", "local")
PRODUCTION = OCOP_ENV == "production"
DEBUG = env_bool("OCOP_DEBUG", False)


def _secret_key() -> str:
    if key := os.environ.get("OCOP_SECRET_KEY"):
        return key
    if PRODUCTION:
        raise RuntimeError("OCOP_SECRET_KEY must be set when OCOP_ENV=production")
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
# Links and QR codes carry the configured public address, else the one the server was started on (`ocop up --bind`
# passes it to the server processes as OCOP_BIND).
BIND = os.environ.get("OCOP_BIND", DEFAULT_BIND)
SITE_URL = site_url(os.environ.get("OCOP_SITE_URL", ""), BIND)
ALLOWED_HOSTS = env_list(
    "OCOP_ALLOWED_HOSTS", "" if PRODUCTION else f"127.0.0.1,localhost,testserver,{host_of(SITE_URL)}"
)
CSRF_TRUSTED_ORIGINS = env_list("OCOP_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "ocop.accounts.admin_site.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ocop.common",
    "ocop.geo",
    "ocop.accounts",
    "ocop.producers",
    "ocop.evaluation",
    "ocop.certificates",
    "ocop.traceability",
    "ocop.planning",
    "ocop.promotion",
    "ocop.support",
    "ocop.reports",
    "ocop.national",
    "ocop.dossiers",
    "ocop.councils",
    "ocop.demo",
    "ocop.backoffice",
    "ocop.public",
    "ocop.api",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "ocop.public.page_cache.KeepPublicPagesMiddleware",  # outermost: keeps public pages with every header
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ocop.common.i18n.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "ocop.common.limits.RequestBodyLimitMiddleware",
    "ocop.common.storage.DiskFullMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "ocop.accounts.middleware.SecondFactorMiddleware",
    "ocop.accounts.middleware.PasswordChangeRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ocop.urls"
WSGI_APPLICATION = "ocop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ocop.backoffice.context_processors.navigation",
            ],
        },
    },
]

# Database: DATABASE_URL picks PostgreSQL (or anything dj-database-url reads); nothing picks SQLite under data/.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'ocop.sqlite3'}",
        conn_max_age=int(os.environ.get("OCOP_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}


def _private_sqlite_file(path: Path) -> None:
    """Create the database file readable by this account only; SQLite gives its -wal and -shm files the same mode."""
    if not path.exists():
        path.touch(mode=0o600)
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if file.exists() and file.stat().st_uid == os.getuid():
            file.chmod(0o600)


if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and os.environ.get("OCOP_DB_POOL_SIZE"):
    # A pool of connections per process (psycopg's, through Django) instead of one kept per thread for a while.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = DATABASES["default"].get("OPTIONS", {}) | {
        "pool": {"min_size": 1, "max_size": int(os.environ["OCOP_DB_POOL_SIZE"]), "timeout": 10}
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        _private_sqlite_file(Path(DATABASES["default"]["NAME"]))
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
if os.environ.get("OCOP_REPLICA_URL"):
    # A read replica of the primary: public pages and report downloads read there (ocop.common.replica); in tests it
    # mirrors the test database.
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["OCOP_REPLICA_URL"], conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    ) | {"TEST": {"MIRROR": "default"}}
    DATABASE_ROUTERS = ["ocop.common.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A cache every worker process shares: files under data/ by default, Redis with OCOP_CACHE_URL. The public pages
# rely on it being shared, so that a revocation shows on the next request whichever worker answers it.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["OCOP_CACHE_URL"]}
    if os.environ.get("OCOP_CACHE_URL")
    else {
        "BACKEND": "ocop.common.cache.FileCache",
        "LOCATION": str(DATA_DIR / "cache"),
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("OCOP_CACHE_MAX_ENTRIES", "200000"))},
    }
}
OCOP_PUBLIC_CACHE_SECONDS = int(os.environ.get("OCOP_PUBLIC_CACHE_SECONDS", "600"))
# Where the stamp scan pages spool their scans until `ocop flush_scans` stores them (one folder per machine).
OCOP_SCAN_SPOOL = Path(os.environ.get("OCOP_SCAN_SPOOL", DATA_DIR / "scans"))

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "backoffice:login"
LOGIN_REDIRECT_URL = "backoffice:dashboard"
LOGOUT_REDIRECT_URL = "backoffice:login"

# Reverse proxies in front: the client address is the one this many hops back in X-Forwarded-For.
OCOP_PROXY_COUNT = int(os.environ.get("OCOP_PROXY_COUNT", "0"))

# Lockout after repeated failures (django-axes): a username+address pair, and an address across accounts (password
# spraying), cooling off after a while; never an account alone (see accounts/lockout.py).
AXES_FAILURE_LIMIT = int(os.environ.get("OCOP_LOGIN_FAILURE_LIMIT", "5"))
OCOP_LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("OCOP_LOGIN_ADDRESS_FAILURE_LIMIT", "30"))
AXES_COOLOFF_TIME = float(os.environ.get("OCOP_LOGIN_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "ocop.accounts.lockout.PairAndAddressLockoutHandler"
# Axes would read only REMOTE_ADDR (the proxy's address) unless django-ipware is installed: ours reads the hops.
AXES_CLIENT_IP_CALLABLE = "ocop.common.client.client_address"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "OCOP"
# In production the administrator and the provincial office cannot work before they turn two-step login on.
OCOP_REQUIRE_TWO_FACTOR = PRODUCTION


# Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["ocop.formats"]
USE_I18N = True
USE_THOUSAND_SEPARATOR = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STORAGES = {
    "default": {"BACKEND": "ocop.common.storage.AtomicFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Uploaded and generated files on S3-compatible object storage when OCOP_S3_BUCKET is set (docs/operations.md).
STORAGES["default"] = object_storage(os.environ) or STORAGES["default"]

# Mail: written to files under data/mail by default; OCOP_EMAIL_HOST switches to SMTP.
if os.environ.get("OCOP_EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["OCOP_EMAIL_HOST"],
                "port": int(os.environ.get("OCOP_EMAIL_PORT", "25")),
                "username": os.environ.get("OCOP_EMAIL_USER", ""),
                "password": os.environ.get("OCOP_EMAIL_PASSWORD", ""),
                "use_tls": env_bool("OCOP_EMAIL_TLS", False),
            },
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(DATA_DIR / "mail")},
        }
    }
DEFAULT_FROM_EMAIL = os.environ.get("OCOP_EMAIL_FROM", "OCOP <ocop@localhost>")

# Security headers; cookies are secure and HSTS is on in production mode.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_SECURE = PRODUCTION
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("OCOP_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("OCOP_LOG_LEVEL", "WARNING")},
}

# The province this installation serves: GSO codes before and after the 1/7/2025 reform.
OCOP_PROVINCE_CODE = os.environ.get("OCOP_PROVINCE_CODE", "58")
OCOP_PROVINCE_NAME = os.environ.get("OCOP_PROVINCE_NAME", "Ninh Thuận")

# Uploads: the largest file accepted (bytes); types are checked by content.
OCOP_MAX_UPLOAD_BYTES = int(os.environ.get("OCOP_MAX_UPLOAD_MB", "20")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# A request body larger than the largest upload and its form is refused from its length, before it is read.
OCOP_MAX_REQUEST_BYTES = OCOP_MAX_UPLOAD_BYTES + 1024 * 1024

# Public pages, per client address: (requests, seconds). A lookup by number (certificate, producer) has its own,
# lower rate so that numbers cannot be enumerated.
OCOP_PUBLIC_RATES = {
    "page": (int(os.environ.get("OCOP_PUBLIC_PAGES_PER_MINUTE", "120")), 60),
    "lookup": (int(os.environ.get("OCOP_PUBLIC_LOOKUPS_PER_10_MINUTES", "40")), 600),
    # Buyer inquiries sent from one address (the public "kết nối cung – cầu" form): a flood is refused.
    "inquiry": (int(os.environ.get("OCOP_PUBLIC_INQUIRIES_PER_HOUR", "5")), 3600),
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The REST API (/api/v1/, docs/api.md): token or session authentication, pages of 50 (up to 500), per-account and
# per-address rates, field errors in Vietnamese.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "ocop.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["ocop.api.permissions.TokenScopes"],
    "EXCEPTION_HANDLER": "ocop.api.errors.answer_error",
    "DEFAULT_PAGINATION_CLASS": "ocop.api.pagination.Pages",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["ocop.api.throttles.PerAccount", "ocop.api.throttles.PerAddress"],
    "DEFAULT_THROTTLE_RATES": {
        "account": os.environ.get("OCOP_API_RATE_ACCOUNT", "1200/min"),
        "address": os.environ.get("OCOP_API_RATE_ADDRESS", "120/min"),
    },
    "DATETIME_FORMAT": "iso-8601",
    "DATE_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": True,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OCOP Platform API",
    "DESCRIPTION": "Dữ liệu OCOP của tỉnh: đơn vị hành chính, chủ thể, sản phẩm, giấy chứng nhận, hồ sơ, phiếu chấm "
    "điểm, kế hoạch, tem và sự kiện chuỗi giá trị (EPCIS 2.0). See docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "DossierKindEnum": "ocop.dossiers.enums.DossierKind",
        "PlanKindEnum": "ocop.planning.enums.PlanKind",
        "LevelEnum": "ocop.dossiers.enums.Level",
    },
}
