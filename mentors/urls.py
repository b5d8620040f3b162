from django.urls import path

from .views import add, manage, providers, trainees

app_name = "mentors"

urlpatterns = [
    path("schools/<int:urn>/mentors/", manage.mentor_list, name="list"),
    path("schools/<int:urn>/mentors/<int:mentor_id>/", manage.mentor_detail, name="detail"),
    path("schools/<int:urn>/mentors/<int:mentor_id>/change/<slug:page>/", manage.change_mentor, name="change"),
    path("schools/<int:urn>/mentors/<int:mentor_id>/remove/", manage.remove_mentor, name="remove"),
    path("schools/<int:urn>/mentors/<int:mentor_id>/confirm-details/", manage.confirm_details, name="review"),
    path("schools/<int:urn>/mentors/confirm-details/", manage.confirm_details, name="review-several"),
    path("schools/<int:urn>/mentors/<int:mentor_id>/trainees/add/", trainees.add_trainee, name="trainee-add"),
    path(
        "schools/<int:urn>/mentors/<int:mentor_id>/trainees/<int:trainee_id>/change/",
        trainees.change_trainee,
        name="trainee-change",
    ),
    path(
        "schools/<int:urn>/mentors/<int:mentor_id>/trainees/<int:trainee_id>/end/",
        trainees.end_trainee,
        name="trainee-end",
    ),
    path("providers/<str:code>/trainees/", providers.trainees, name="provider-trainees"),
    path("providers/<str:code>/mentors/", providers.find_mentors, name="provider-search"),
    path("schools/<int:urn>/mentors/add/", add.start_adding, name="add"),
    path(
        "schools/<int:urn>/mentors/add/<uuid:journey_id>/check-your-answers/",
        add.check_your_answers,
        name="add-check-your-answers",
    ),
    path(
        "schools/<int:urn>/mentors/add/<uuid:journey_id>/confirmation/",
        add.confirmation,
        name="add-confirmation",
    ),
    path("schools/<int:urn>/mentors/add/<uuid:journey_id>/<slug:step>/", add.add_mentor_step, name="add-step"),
]
