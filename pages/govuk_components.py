"""GOV.UK Frontend components, rendered by govuk-frontend-django through one Jinja environment.

govuk-frontend-django (0.22.0, the newest) makes a new Jinja environment for every component it renders, so each
one compiles GOV.UK Frontend's macros again: about 30 ms a component, most of a page's time. Here every component
shares the first environment made, with its own options, and each template is compiled once.
"""

from threading import Lock

from govuk_frontend_django.components import base
from jinja2 import Environment


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
    base.Environment = shared_environment
