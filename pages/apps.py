from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Information pages"

    def ready(self):
        from .govuk_components import share_one_environment

        share_one_environment()
