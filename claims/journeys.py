"""The add-claim journey (core.journeys): the accredited provider, the mentors who trained with it, the hours of
each (one question for each mentor chosen), that the hours are confirmed with the provider, then check your
answers and submit.

The claim is for the academic year of the claim window open now (the views send the school back to its claims
when none is). Every page counts what is left of each mentor's allowance again, so hours another school claims
meanwhile are seen on the next page, and submitting counts them once more under a lock (claims.services).
"""

from django.utils.functional import cached_property

from core.journeys import AnswerNoLongerValid, Step
from core.summary import summary_row
from providers.journeys import SEARCH, chosen_provider, provider_steps
from schools.journeys import SchoolJourney

from . import forms, selectors, services
from .models import Claim
from .summary import funding_rows, hours_row

MENTORS = "mentors"
CONFIRM = "confirm"
HOURS_PREFIX = "hours-"


def hours_step(mentor):
    return f"{HOURS_PREFIX}{mentor.pk}"


class AddClaimJourney(SchoolJourney):
    kind = "claims:add"
    caption = "Add claim"
    exit_route = "claims:list"

    @cached_property
    def claiming(self):
        """The claim window open now and the school's hourly rate, as the view found them (claims.views): the
        claim is for the window's academic year."""
        return getattr(self.request, "claiming", None) or selectors.claiming(self.school)

    @property
    def academic_year(self):
        return self.claiming.window.academic_year

    # The claim so far, read once a request.

    def provider(self):
        """The provider the answers choose, or None until a valid one is chosen."""
        steps = provider_steps(self, refuse=self._refuse_provider)
        answers = {step.slug: self.checked(step).cleaned_data for step in steps if self.checked(step).is_valid()}
        return chosen_provider(answers) if len(answers) == len(steps) else None

    def claimable(self, provider):
        """The school's mentors split by whether they have hours left with the provider this academic year."""
        cache = self.__dict__.setdefault("_claimable", {})
        if provider.pk not in cache:
            cache[provider.pk] = selectors.claimable_mentors(
                school=self.school, provider=provider, academic_year=self.academic_year
            )
        return cache[provider.pk]

    def _refuse_provider(self, provider):
        if not self.claimable(provider).listed:
            return (
                f"No mentor at {self.school.name} has hours left to claim with {provider.name} in {self.academic_year}"
            )
        return None

    def so_far(self):
        if "_so_far" not in self.__dict__:
            provider = self.provider()
            mentors = self.claimable(provider) if provider else None
            self._so_far = forms.ClaimSoFar(self.school, self.academic_year, provider, mentors)
        return self._so_far

    def chosen_mentors(self):
        """The mentors chosen so far (stored answers) who may still be claimed for, in the list's order."""
        chosen = set(self.stored.get(MENTORS, {}).get(MENTORS) or [])
        so_far = self.so_far()
        if not chosen or so_far.mentors is None:
            return []
        return [mentor for mentor in so_far.mentors.listed if str(mentor.pk) in chosen]

    # The journey's steps.

    def steps(self):
        return [
            *provider_steps(self, refuse=self._refuse_provider),
            Step(MENTORS, forms.MentorsForm),
            *[Step(hours_step(mentor), forms.HoursForm, {"mentor": mentor}) for mentor in self.chosen_mentors()],
            Step(CONFIRM, forms.ConfirmHoursForm),
        ]

    def form_kwargs(self, step):
        if issubclass(step.form_class, forms.ClaimQuestionForm):
            return {"claim": self.so_far()}
        return {}

    def save(self, step, form):
        # A new answer may choose another provider or other mentors: the claim so far is read again.
        self.__dict__.pop("_so_far", None)
        super().save(step, form)
        self.__dict__.pop("_so_far", None)

    # Check your answers and submitting.

    def hours(self):
        """The hours of each mentor (by Mentor), from the valid answers."""
        answers = self.cleaned_answers()
        return {mentor: answers[hours_step(mentor)]["number"] for mentor in answers[MENTORS][MENTORS]}

    @cached_property
    def amounts(self):
        """What the claim comes to at the school's rate now (the views see that there is one)."""
        return services.Amounts(rate_pence=self.claiming.rate.pence_per_hour, hours=self.hours())

    def summary(self):
        provider = self.so_far().provider
        mentors = self.hours()
        return [
            summary_row("Accredited provider", provider.name, self.url(SEARCH, changing=True)),
            summary_row("Mentors", "\n".join(mentor.full_name for mentor in mentors), self.url(MENTORS, changing=True)),
        ]

    def hours_rows(self):
        """Check your answers' rows of each mentor's hours, and what they come to."""
        amounts = self.amounts
        return [
            hours_row(mentor, number, amounts.pence_for(mentor), self.url(hours_step(mentor), changing=True))
            for mentor, number in amounts.hours.items()
        ]

    def funding_rows(self):
        """Check your answers' rows of the claim's total hours, the school's hourly rate and the total amount."""
        amounts = self.amounts
        return funding_rows(
            total_hours=amounts.total_hours,
            rate_pence=amounts.rate_pence,
            region=self.claiming.rate.region,
            amount_pence=amounts.total_pence,
        )

    def submit(self):
        try:
            return services.submit_claim(
                school=self.school,
                provider=self.so_far().provider,
                hours=self.hours(),
                submitted_by=self.request.user,
                journey_id=self.id,
            )
        except (services.AllowanceExceeded, services.MentorNotAtSchool, services.ProviderNotAccredited) as refused:
            # Someone changed the data meanwhile (another claim took a mentor's hours): the first answer that no
            # longer holds, asked again, says why.
            self._checked.clear()
            self.__dict__.pop("_so_far", None)
            self.__dict__.pop("_claimable", None)
            unanswered = self.first_unanswered_step()
            mentor = getattr(refused, "mentor", None)
            fallback = hours_step(mentor) if mentor else MENTORS
            raise AnswerNoLongerValid(unanswered.slug if unanswered else fallback) from None

    def result(self):
        return Claim.objects.get(pk=self.result_id, school=self.school)
