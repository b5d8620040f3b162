"""Database timeouts. Each environment's settings module says which database (DATABASE_URL)."""

from config.env import env

# Seconds a web request's SQL statement may run before PostgreSQL cancels it, and the person sees the error page
# rather than waiting on a lock or a runaway query. Web processes only (config/wsgi.py): a migration, an import or
# a worker may rightly take longer. 0 turns it off.
DATABASE_STATEMENT_TIMEOUT = env.float("DATABASE_STATEMENT_TIMEOUT", default=10)
# Seconds to wait for a new connection (production), so an unreachable database fails a request, not hangs it.
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=5)
