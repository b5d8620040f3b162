from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from core.pagination import LargeTableAdminMixin

from . import services
from .models import Provider, ProviderMembership


@admin.register(Provider)
class ProviderAdmin(SimpleHistoryAdmin):
    # A few thousand providers at most: counting them is cheap, so admin's own paginator does.
    list_display = ["name", "code", "provider_type", "accredited", "ukprn", "urn", "town", "postcode"]
    list_filter = ["provider_type", "accredited"]
    search_fields = ["name", "=code", "=ukprn", "=urn", "postcode"]
    search_help_text = "Search by name, code, UKPRN, URN or postcode."
    fieldsets = [
        (None, {"fields": ["name", "code", "provider_type", "accredited", "ukprn", "urn", "email"]}),
        ("Address", {"fields": ["address_line_1", "address_line_2", "address_line_3", "town", "county", "postcode"]}),
        (
            "From Publish",
            {
                "fields": ["publish_id", "recruitment_cycle_year", "changed_at", "created_at", "updated_at"],
                "description": "import_providers brings these details up to date with Publish, and with them any "
                "change made here.",
            },
        ),
    ]
    readonly_fields = ["publish_id", "recruitment_cycle_year", "changed_at", "created_at", "updated_at"]
    history_list_display = ["name", "accredited"]


class ProviderUserForm(forms.ModelForm):
    """Adding a provider's user by their email address and name (providers.services.add_provider_user)."""

    email = forms.EmailField(label="Email address", max_length=254)
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)

    class Meta:
        model = ProviderMembership
        fields = ["provider"]

    def clean(self):
        cleaned_data = super().clean()
        provider, email = cleaned_data.get("provider"), cleaned_data.get("email")
        if provider and email and provider.memberships.filter(user__email__iexact=email).exists():
            self.add_error("email", f"{email} is already a user of {provider.name}")
        return cleaned_data


@admin.register(ProviderMembership)
class ProviderMembershipAdmin(LargeTableAdminMixin, SimpleHistoryAdmin):
    """Providers' users. Adding one invites a new user by email to set their password (7 days, once); a user who
    has an account already signs in as before."""

    list_display = ["user", "provider", "created_at"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "provider__name", "=provider__code"]
    list_select_related = ["user", "provider"]
    autocomplete_fields = ["provider"]

    def has_change_permission(self, request, obj=None):
        # A user's place at a provider has nothing to change: it is added, or deleted.
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history reverts to a past version on POST without asking has_change_permission: nothing to revert.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ProviderUserForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["provider", "email", "first_name", "last_name"]
        return ["user", "provider", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        # Shown, never edited: on its page, and on each past version's (which simple_history shows as a form).
        return [] if obj is None else ["user", "provider", "created_at"]

    def save_model(self, request, obj, form, change):
        try:
            membership = services.add_provider_user(
                provider=form.cleaned_data["provider"],
                email=form.cleaned_data["email"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                added_by=request.user,
            )
        except services.AlreadyAMember:
            # Added by someone else since the form was checked: the one membership stands.
            membership = ProviderMembership.objects.get(
                provider=form.cleaned_data["provider"], user__email__iexact=form.cleaned_data["email"]
            )
        obj.pk, obj.user, obj.created_at = membership.pk, membership.user, membership.created_at
