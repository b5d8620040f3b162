from django.urls import path

from . import views

app_name = "schools"

urlpatterns = [
    path("schools/<int:urn>/", views.home, name="home"),
    path("schools/<int:urn>/details/", views.details, name="details"),
]
