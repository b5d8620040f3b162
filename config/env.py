"""Where settings come from: environment variables (see README, "Configuration"), and the project's folder."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
