"""Get Information About Schools (GIAS): the bulk file that schools are imported from (README, "Schools from GIAS")."""

from config.env import env

# Seconds to wait between bytes of a GIAS file downloaded with `import_gias --url` before giving up.
GIAS_DOWNLOAD_TIMEOUT = env.float("GIAS_DOWNLOAD_TIMEOUT", default=120)
