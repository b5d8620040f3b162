from django.urls import path

from . import views

app_name = "health"

# Answered by health.middleware, first in MIDDLEWARE, before the host is checked or a session read.
urlpatterns = [
    path("healthcheck", views.healthcheck, name="healthcheck"),
    path("healthcheck/ready", views.ready, name="ready"),
]
