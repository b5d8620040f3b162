from django.urls import path

from . import views

app_name = "claims"

urlpatterns = [
    path("schools/<int:urn>/claims/", views.claim_list, name="list"),
    path("schools/<int:urn>/claims/<int:claim_id>/", views.claim_detail, name="detail"),
    path("schools/<int:urn>/claims/grant-conditions/", views.grant_conditions, name="grant-conditions"),
    path("schools/<int:urn>/claims/add/", views.start_adding, name="add"),
    path(
        "schools/<int:urn>/claims/add/<uuid:journey_id>/check-your-answers/",
        views.check_your_answers,
        name="add-check-your-answers",
    ),
    path("schools/<int:urn>/claims/add/<uuid:journey_id>/confirmation/", views.confirmation, name="add-confirmation"),
    path("schools/<int:urn>/claims/add/<uuid:journey_id>/<slug:step>/", views.add_claim_step, name="add-step"),
    path("schools/<int:urn>/claims/<int:claim_id>/respond/", views.respond, name="respond"),
    path("schools/<int:urn>/claims/<int:claim_id>/submit/", views.check_draft, name="submit-draft"),
    # A provider's claims, and its audits of them.
    path("providers/<str:code>/claims/", views.provider_claims, name="provider-list"),
    path("providers/<str:code>/claims/<int:claim_id>/", views.provider_claim, name="provider-claim"),
    # The payer's link to a file of claims: signed, so it needs no sign-in.
    path("payer/files/<str:link>/", views.payer_download, name="payer-download"),
]
