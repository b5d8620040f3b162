from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What no domain owns and every domain uses: GOV.UK form pieces, summary rows, question journeys, formatting
    of money, dates and numbers, pagination, and the fix to how GOV.UK components render."""

    name = "core"
    verbose_name = "Shared GOV.UK toolkit"

    def ready(self):
        from .govuk_components import share_one_environment

        share_one_environment()
