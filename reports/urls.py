from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("reports/mentors/", views.mentors, name="mentors"),
    path("reports/funding/", views.funding, name="funding"),
    path("providers/<str:code>/reports/", views.provider_mentors, name="provider-mentors"),
    path("providers/<str:code>/reports/funding/", views.provider_funding, name="provider-funding"),
]
