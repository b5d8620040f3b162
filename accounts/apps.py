from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Users"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import start_session_clocks

        user_logged_in.connect(start_session_clocks, dispatch_uid="accounts.start_session_clocks")
