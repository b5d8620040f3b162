from django.apps import AppConfig


class MentorsConfig(AppConfig):
    name = "mentors"

    def ready(self):
        from . import signals  # noqa: F401
