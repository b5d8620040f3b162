from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        # People type their email address in any case; the account is the same.
        return self.get(email__iexact=email)

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: school staff, lead mentors and support staff. Keyed by email address."""

    email = models.EmailField("email address", unique=True)
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    is_staff = models.BooleanField(
        "staff status", default=False, help_text="Whether the user can sign in to this admin site."
    )
    is_active = models.BooleanField("active", default=True, help_text="Unselect this instead of deleting an account.")
    date_joined = models.DateTimeField(default=timezone.now)
    dfe_sign_in_subject = models.CharField(
        "DfE Sign-in subject",
        max_length=255,
        unique=True,
        null=True,
        blank=True,
        help_text=(
            "Who the user is to DfE Sign-in, kept the first time they sign in with it. Clear it if their DfE Sign-in "
            "account changes: they are then matched by email address again."
        ),
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        ordering = ["email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_case_insensitive")]

    def __str__(self):
        return self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip() or self.email

    def get_short_name(self):
        return self.first_name or self.email


class PasswordResetRequest(models.Model):
    """Someone asked for a password reset link: counted to limit how often an address, or an IP address, may ask
    (accounts.services.request_password_reset). The email address is kept only as a keyed hash, for every address
    asked for, with or without an account, so that the limit never tells who has one."""

    email_digest = models.CharField(max_length=64, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, db_index=True)
    requested_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self):
        return f"Password reset asked for at {self.requested_at:%Y-%m-%d %H:%M}"
