"""Writes that every domain shares."""

from django.db import IntegrityError, transaction

from .models import JourneySubmission


def submit_once(*, journey_id, model, make):
    """Run make() (which returns a new instance of model) once for the journey, in one transaction, and return what
    it made; a journey submitted again returns what its first submission made, and make() is not run.

    Two submissions at the same moment are ordered by the journey's row: the second waits for the first to commit,
    then finds its result. If the first fails (rolls back), the second runs make() itself.
    """
    label = model._meta.label
    with transaction.atomic():
        try:
            with transaction.atomic():
                submission = JourneySubmission.objects.create(journey_id=journey_id, result_model=label, result_id=0)
        except IntegrityError:
            earlier = JourneySubmission.objects.get(journey_id=journey_id)
            if earlier.result_model != label:
                raise ValueError(f"Journey {journey_id} made a {earlier.result_model}, not a {label}") from None
            return model._default_manager.get(pk=earlier.result_id)
        made = make()
        submission.result_id = made.pk
        submission.save(update_fields=["result_id"])
        return made
