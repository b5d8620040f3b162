from django.http import JsonResponse
from django.views.decorators.http import require_safe

from . import selectors

# The autocomplete suggests a few; the page of results without JavaScript shows more (selectors.SEARCH_LIMIT).
SUGGESTIONS = 10


@require_safe
def search(request):
    """Accredited providers matching ?q=, as JSON, for the provider autocomplete. Providers are public: anyone signed
    in may search them."""
    found = selectors.search_accredited(request.GET.get("q", "")[:255])[:SUGGESTIONS]
    return JsonResponse(
        {
            "results": [
                {
                    "code": provider.code,
                    "name": provider.name,
                    "hint": ", ".join(filter(None, [provider.code, provider.town])),
                }
                for provider in found
            ]
        }
    )
