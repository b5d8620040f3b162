from django.apps import AppConfig


class ReferenceDataConfig(AppConfig):
    name = "reference_data"
    verbose_name = "Reference data"
