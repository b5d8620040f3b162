from axes.utils import reset as reset_sign_in_attempts
from crispy_forms_gds.layout import Field
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.views.decorators.debug import sensitive_variables

from core.forms import form_helper
from emails.models import Email
from emails.services import queue_email

from .models import User

ENTER_EMAIL = "Enter your email address"
EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"


class SignInForm(auth_forms.AuthenticationForm):
    submit_label = "Sign in"
    username = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"required": ENTER_EMAIL, "invalid": EMAIL_FORMAT},
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )
    error_messages = {
        # The same words whether or not the account exists, so the page never tells who has one.
        "invalid_login": "Enter a correct email address and password",
        "inactive": "Enter a correct email address and password",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.helper = form_helper(Field.text("username"), Field.text("password"))

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError as refused:
            # Shown at the email address, where the error summary leads, rather than above the form.
            self.add_error("username", refused)
            return self.cleaned_data


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's, whose email goes through the service's outbox (recorded, retried, shown in admin) like every
    other."""

    submit_label = "Send reset link"
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"required": ENTER_EMAIL, "invalid": EMAIL_FORMAT},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.text("email"))

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        queue_email(Email.Kind.PASSWORD_RESET, to_email, context)


# What settings.AUTH_PASSWORD_VALIDATORS ask of a password, in the service's words: the hint, and an error for each
# validator's code.
NEW_PASSWORD_HINT = (
    "Your password must be at least 8 characters. Do not use only numbers, a commonly used password, or your name "
    "or email address."
)
NEW_PASSWORD_ERRORS = {
    "password_too_short": "New password must be 8 characters or more",
    "password_entirely_numeric": "New password must not be only numbers",
    "password_too_common": "New password must not be a commonly used password",
    "password_too_similar": "New password must not be like your name or email address",
}


class SetPasswordForm(auth_forms.SetPasswordForm):
    submit_label = "Change password"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password1"].help_text = NEW_PASSWORD_HINT
        self.fields["new_password2"].label = "Confirm new password"
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = "Confirm your new password"
        self.error_messages["password_mismatch"] = "Enter the same password in both fields"
        self.helper = form_helper(Field.text("new_password1"), Field.text("new_password2"))

    @sensitive_variables("password")
    def validate_password_for_user(self, user, password_field_name="new_password2"):
        """Django checks the confirmation and shows every problem there; the new password is what to check, and
        its first problem is what to show, against it, as GOV.UK shows one error a field."""
        password = self.cleaned_data.get("new_password1")
        if password:
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                self.add_error("new_password1", NEW_PASSWORD_ERRORS[error.error_list[0].code])

    def save(self, commit=True):
        user = super().save(commit)
        # Whoever reads the account's emails may sign in at once, even if sign-in is locked for the address.
        reset_sign_in_attempts(username=user.get_username())
        return user


class AdminUserCreationForm(auth_forms.AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "first_name", "last_name"]


class AdminUserChangeForm(auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
