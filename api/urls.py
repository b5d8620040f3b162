from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import views

app_name = "api"

urlpatterns = [
    path("api/v1/mentors/", views.Mentors.as_view(), name="mentors"),
    path("api/v1/claims/", views.Claims.as_view(), name="claims"),
    path("api/v1/schema/", login_not_required(SpectacularAPIView.as_view(urlconf="api.urls")), name="schema"),
    path("api/v1/docs/", views.docs, name="docs"),
]
