from django.urls import path

from . import views

app_name = "mentors"

urlpatterns = [
    path("schools/<int:urn>/mentors/add/", views.start_adding, name="add"),
    path(
        "schools/<int:urn>/mentors/add/<uuid:journey_id>/check-your-answers/",
        views.check_your_answers,
        name="add-check-your-answers",
    ),
    path(
        "schools/<int:urn>/mentors/add/<uuid:journey_id>/confirmation/",
        views.confirmation,
        name="add-confirmation",
    ),
    path("schools/<int:urn>/mentors/add/<uuid:journey_id>/<slug:step>/", views.add_mentor_step, name="add-step"),
]
