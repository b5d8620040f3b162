"""Who may do what at a provider. Each function takes the acting user and the provider; views and templates ask
here."""

from .models import ProviderMembership


def works_for(user, provider):
    return user.is_authenticated and ProviderMembership.objects.filter(user=user, provider=provider).exists()
