"""The application's settings for benchmarks: DEBUG off, the bench urlconf (the site plus the ceiling
view), no postcode lookups on the internet, and quiet request logging."""

from wijkbasis.settings import *  # noqa: F403
from wijkbasis.settings import ALLOWED_HOSTS, LOGGING

DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
POSTCODE_LOOKUP_ONLINE = False
LOGGING = {**LOGGING, "root": {**LOGGING["root"], "level": "WARNING"}}
