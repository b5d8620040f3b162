from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.urls import path
from django.views.generic import RedirectView, TemplateView

from . import views

app_name = "pages"


def page(template_name):
    return login_not_required(TemplateView.as_view(template_name=template_name))


urlpatterns = [
    path(
        "favicon.ico",
        login_not_required(
            RedirectView.as_view(
                url=f"{settings.STATIC_URL}govuk/assets/images/favicon.ico", http_method_names=["get", "head"]
            )
        ),
    ),
    path("accessibility/", page("pages/accessibility.html"), name="accessibility"),
    path("cookies/", views.cookies, name="cookies"),
    path("privacy/", page("pages/privacy.html"), name="privacy"),
]

if settings.BENCHMARK_FLOOR:
    urlpatterns.append(path("benchmark/framework-floor/", views.framework_floor, name="framework-floor"))
