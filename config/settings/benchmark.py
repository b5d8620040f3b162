"""Benchmarks (benchmarks/load.py): production settings, served over plain HTTP on this machine.

Like production, it needs SECRET_KEY, DATABASE_URL and ALLOWED_HOSTS; the benchmark script sets them.
"""

from .production import *  # noqa: F403

# There is no TLS proxy in front of the benchmark's gunicorn, so cookies must travel over plain HTTP.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

BENCHMARK_FLOOR = True
