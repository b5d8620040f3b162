from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("schools/<int:urn>/providers/", views.provider_list, name="list"),
    path("schools/<int:urn>/providers/add/", views.start_adding, name="add"),
    path(
        "schools/<int:urn>/providers/add/<uuid:journey_id>/check-your-answers/",
        views.check_your_answers,
        name="add-check-your-answers",
    ),
    path(
        "schools/<int:urn>/providers/add/<uuid:journey_id>/confirmation/",
        views.confirmation,
        name="add-confirmation",
    ),
    path("schools/<int:urn>/providers/add/<uuid:journey_id>/<slug:step>/", views.add_step, name="add-step"),
    path("schools/<int:urn>/providers/<str:code>/remove/", views.remove, name="remove"),
]
