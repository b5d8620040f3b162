# Manage ITT mentors: the production image.
# Gunicorn serves the application on port 8000 with production settings; WhiteNoise serves the static files.
# At run time, set SECRET_KEY, DATABASE_URL and ALLOWED_HOSTS (see README, "Configuration"), and run
# `python manage.py migrate` before starting the new version.

# Stage 1: compile the GOV.UK Frontend stylesheet (build/static/css/application.css).
FROM node:24-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY static/ static/
RUN npm run build

# Stage 2: the application.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    DJANGO_SETTINGS_MODULE=config.settings.production
WORKDIR /app

# The dependencies from pyproject.toml (not the dev extra), in their own layer so that a code change
# does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies'], sep='\n')" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# The code, then the project itself (editable, as `make run` installs it, so it runs from /app).
COPY . .
RUN pip install --no-deps -e .

# The compiled stylesheet, GOV.UK Frontend's JavaScript, fonts and images, and the accessible autocomplete (STATICFILES_DIRS in settings).
COPY --from=assets /app/build/static/ build/static/
COPY --from=assets /app/node_modules/govuk-frontend/dist/ node_modules/govuk-frontend/dist/
COPY --from=assets /app/node_modules/accessible-autocomplete/dist/ node_modules/accessible-autocomplete/dist/

# Production settings refuse to load without SECRET_KEY, DATABASE_URL and ALLOWED_HOSTS. These throwaway
# values exist only for this one command: collectstatic touches no database and signs nothing.
RUN SECRET_KEY=collectstatic-only-build-time-value-not-a-secret-0123456789 \
    DATABASE_URL=sqlite:////tmp/collectstatic-only.sqlite3 \
    ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput --verbosity 0

# Run as a user who cannot change the code or the collected static files. Gunicorn keeps its control
# socket in this user's home folder (~/.gunicorn/).
RUN useradd --system --create-home --uid 10001 app
USER app

EXPOSE 8000
# Gunicorn starts WEB_CONCURRENCY workers (1 if unset); or pass --workers N.
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000"]
