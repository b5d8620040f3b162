"""The add-provider journey (core.journeys): the accredited provider (providers.journeys' search, and its page of
results without JavaScript), then a page to confirm it."""

from django.shortcuts import get_object_or_404

from core.journeys import AnswerNoLongerValid
from core.summary import summary_row
from providers.journeys import SEARCH, chosen_provider, provider_steps
from schools.journeys import SchoolJourney

from . import selectors, services
from .models import Partnership


class AddPartnershipJourney(SchoolJourney):
    kind = "partnerships:add"
    caption = "Add provider"
    exit_route = "partnerships:list"

    def _refuse(self, provider):
        if selectors.are_partners(school=self.school, provider=provider):
            return services.already_partners_message(self.school, provider)
        return None

    def steps(self):
        return provider_steps(self, refuse=self._refuse)

    def provider(self):
        return chosen_provider(self.cleaned_answers())

    def summary(self):
        provider = self.provider()
        change = self.url(SEARCH, changing=True)
        return [
            summary_row("Accredited provider", provider.name, change),
            summary_row("Code", provider.code),
            summary_row("Type", provider.get_provider_type_display()),
        ]

    def submit(self):
        try:
            return services.add_partnership(
                school=self.school, provider=self.provider(), added_by=self.request.user, journey_id=self.id
            )
        except services.PartnershipRefused:
            # Someone added it meanwhile, or Publish stopped accrediting it: the question, asked again, says why.
            self._checked.clear()
            unanswered = self.first_unanswered_step()
            raise AnswerNoLongerValid(unanswered.slug if unanswered else SEARCH) from None

    def result(self):
        return get_object_or_404(Partnership.objects.select_related("provider"), pk=self.result_id, school=self.school)
