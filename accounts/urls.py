from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path, reverse_lazy
from django.views.generic import TemplateView

from . import views
from .forms import PasswordResetForm, SetPasswordForm
from .tokens import invitation_token_generator
from .views import password_sign_in

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path(
        "signed-out/",
        login_not_required(TemplateView.as_view(template_name="accounts/signed_out.html")),
        name="signed-out",
    ),
    path("signed-out/<slug:reason>/", views.signed_out_automatically, name="signed-out-automatically"),
    path("dfe-sign-in/", views.dfe_sign_in_start, name="dfe-sign-in"),
    path("dfe-sign-in/callback/", views.dfe_sign_in_callback, name="dfe-sign-in-callback"),
    path("dfe-sign-in/no-access/", views.dfe_sign_in_no_access, name="dfe-sign-in-no-access"),
    path(
        "password-reset/",
        password_sign_in(
            views.PasswordResetView.as_view(
                form_class=PasswordResetForm,
                template_name="accounts/password_reset.html",
                email_template_name="emails/password_reset.txt",
                subject_template_name="emails/password_reset_subject.txt",
                success_url=reverse_lazy("accounts:password-reset-sent"),
            )
        ),
        name="password-reset",
    ),
    path(
        "password-reset/sent/",
        password_sign_in(auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html")),
        name="password-reset-sent",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        password_sign_in(
            auth_views.PasswordResetConfirmView.as_view(
                form_class=SetPasswordForm,
                template_name="accounts/password_reset_confirm.html",
                success_url=reverse_lazy("accounts:password-reset-complete"),
            )
        ),
        name="password-reset-confirm",
    ),
    # The link in an invitation: the same page, for a token of the invitation's kind (accounts.tokens).
    path(
        "invitation/<uidb64>/<token>/",
        password_sign_in(
            auth_views.PasswordResetConfirmView.as_view(
                form_class=SetPasswordForm,
                token_generator=invitation_token_generator,
                template_name="accounts/password_reset_confirm.html",
                extra_context={"invitation": True},
                success_url=reverse_lazy("accounts:password-reset-complete"),
            )
        ),
        name="invitation",
    ),
    path(
        "password-reset/complete/",
        password_sign_in(
            auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")
        ),
        name="password-reset-complete",
    ),
]
