"""Demo data for providers (seed_demo): the demo schools' partner provider, and two more for the search to find."""

from .models import Provider, ProviderType

# Invented codes and details, which no real provider in Publish has.
PARTNER = {
    "code": "N1S",
    "name": "Northshire SCITT",
    "provider_type": ProviderType.SCITT,
    "ukprn": "10099901",
    "town": "Northallerton",
    "postcode": "DL7 8AD",
    "email": "northshire.scitt@example.com",
}
NOT_PARTNERS = [
    {
        "code": "E2U",
        "name": "Eastfield University",
        "provider_type": ProviderType.UNIVERSITY,
        "ukprn": "10099902",
        "town": "Norwich",
        "postcode": "NR4 7TJ",
        "email": "itt@eastfield.example.com",
    },
    {
        "code": "W3S",
        "name": "Westbrook Teacher Training SCITT",
        "provider_type": ProviderType.SCITT,
        "ukprn": "10099903",
        "town": "Bristol",
        "postcode": "BS1 5TR",
        "email": "westbrook.scitt@example.com",
    },
]


def demo_providers():
    """The demo's accredited providers, as they were made: the partner first."""
    return [
        Provider.objects.update_or_create(code=fields["code"], defaults={**fields, "accredited": True})[0]
        for fields in (PARTNER, *NOT_PARTNERS)
    ]
