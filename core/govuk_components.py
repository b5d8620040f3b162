"""GOV.UK Frontend components, rendered by govuk-frontend-django through one Jinja environment.

govuk-frontend-django (0.22.0, the newest) makes a new Jinja environment for every component it renders, so each
one compiles GOV.UK Frontend's macros again: about 30 ms a component, most of a page's time. Here every component
shares the first environment made, with its own options, and each template is compiled once.
"""

from importlib.metadata import version
from threading import Lock

from django.core.exceptions import ImproperlyConfigured
from govuk_frontend_django.components import base
from jinja2 import Environment

# The release this patch was written for and tested with. Another release may build its environment elsewhere,
# so that the patch silently stops applying (and every page is ten times slower): check it, then change this.
PATCHED_RELEASE = "0.22.0"


class CompileOnceEnvironment(Environment):
    """Keeps what it compiles: the library's templates are fixed, so they never need compiling twice."""

    def __init__(self, **options):
        super().__init__(**options, auto_reload=False, cache_size=-1)
        self._from_strings = {}

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None:
            return super().from_string(source, globals, template_class)
        if source not in self._from_strings:
            self._from_strings[source] = super().from_string(source)
        return self._from_strings[source]


_shared = None
_lock = Lock()


def shared_environment(**options):
    global _shared
    with _lock:
        if _shared is None:
            _shared = CompileOnceEnvironment(**options)
    return _shared


def share_one_environment():
    installed = version("govuk-frontend-django")
    if installed != PATCHED_RELEASE:
        raise ImproperlyConfigured(
            f"govuk-frontend-django is {installed}, but core/govuk_components.py patches {PATCHED_RELEASE}: check "
            "that components still build their Jinja environment with base.Environment, then set PATCHED_RELEASE."
        )
    base.Environment = shared_environment
