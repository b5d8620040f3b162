from django.urls import path

from . import views

app_name = "providers"

urlpatterns = [
    path("providers/search/", views.search, name="search"),
]
