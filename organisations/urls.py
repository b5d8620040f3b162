from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.start, name="start"),
    path("organisations/change/", views.change_organisation, name="change"),
]
