"""HTTP methods: the service answers GET, HEAD and POST, and refuses any other method (PUT, DELETE, PATCH,
PROPFIND, OPTIONS...) before a view runs: some of Django's views would otherwise take PUT for POST, or answer any
method with their page."""

from django.http import HttpResponseNotAllowed

ANSWERED = ("GET", "HEAD", "POST")


def allowed_methods(view):
    """What the view answers of ANSWERED: a class-based view's own handlers, or, for a function view, all three (a
    function view that only reads refuses POST itself, with require_safe)."""
    view_class = getattr(view, "view_class", None)
    if view_class is None:
        return list(ANSWERED)
    handled = {name.upper() for name in view_class.http_method_names if hasattr(view_class, name)}
    if "GET" in handled:
        handled.add("HEAD")  # View.setup answers HEAD with get
    return [method for method in ANSWERED if method in handled]


class RefuseUnusedMethodsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ANSWERED:
            return HttpResponseNotAllowed(allowed_methods(view_func))
        return None
