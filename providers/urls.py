from django.urls import path

from . import views

app_name = "providers"

urlpatterns = [
    path("providers/search/", views.search, name="search"),
    path("providers/<str:code>/", views.home, name="home"),
    path("providers/<str:code>/schools/<int:urn>/", views.partner_school, name="school"),
]
