from django.db import models


class Email(models.Model):
    """An email the service sends, kept from the moment the change that causes it is saved until it is sent.

    Recorded in the same database transaction as that change, so a rolled-back change leaves no email, and a
    committed one always leaves one, which a background task sends (and retries) until it is sent or has failed.
    """

    class Kind(models.TextChoices):
        MENTOR_ADDED = "mentor_added", "Mentor added"
        MENTOR_REMOVED = "mentor_removed", "Mentor removed"
        PASSWORD_RESET = "password_reset", "Password reset"
        REVIEW_REMINDER = "review_reminder", "Termly review reminder"
        CLAIM_SUBMITTED = "claim_submitted", "Claim submitted"
        CLAIM_SUBMITTED_TO_PROVIDER = "claim_submitted_to_provider", "Claim submitted, to the provider"
        PARTNERSHIP_ADDED = "partnership_added", "Partner school added, to the provider"
        PARTNERSHIP_REMOVED = "partnership_removed", "Partner school removed, to the provider"
        PROVIDER_INVITATION = "provider_invitation", "Invitation to a provider's user"
        PAYER_BATCH = "payer_batch", "Claims sent to the payer"
        AUDIT_REQUESTED = "audit_requested", "Audit requested, to the provider"
        CLAIM_REJECTED_BY_PROVIDER = "claim_rejected_by_provider", "Claim rejected by the provider, to the school"
        AUDIT_REMINDER = "audit_reminder", "Audit due soon, to the provider"
        RESPONSE_REMINDER = "response_reminder", "Response outstanding, to the school"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    class SentThrough(models.TextChoices):
        EMAIL_BACKEND = "email_backend", "Email backend"  # django-anymail's provider, or a mail server
        NOTIFY = "notify", "GOV.UK Notify"

    class Delivery(models.TextChoices):
        """What GOV.UK Notify last said of an email it accepted (emails.services.reconcile_notify)."""

        SENDING = "sending", "Sending"
        DELIVERED = "delivered", "Delivered"
        PERMANENT_FAILURE = "permanent-failure", "Permanent failure"  # the address does not exist, or refuses it
        TEMPORARY_FAILURE = "temporary-failure", "Temporary failure"  # a full inbox, say; Notify has stopped trying
        TECHNICAL_FAILURE = "technical-failure", "Technical failure"  # Notify's own problem

    kind = models.CharField(max_length=30, choices=Kind.choices)
    recipient = models.EmailField()
    subject = models.CharField(max_length=255)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Attempts to send it since it was queued.")
    last_error = models.TextField(blank=True)
    provider_message_id = models.CharField(max_length=255, blank=True)
    sent_through = models.CharField(max_length=20, choices=SentThrough.choices, blank=True)
    delivery_status = models.CharField(
        max_length=20,
        choices=Delivery.choices,
        blank=True,
        help_text="Whether the email reached the recipient's inbox, as GOV.UK Notify last said. Not known for emails "
        "sent otherwise.",
    )
    delivery_checked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "kind"]),
            # The emails whose delivery GOV.UK Notify has yet to confirm, which reconcile_notify asks about.
            models.Index(
                fields=["sent_at"], condition=models.Q(delivery_status="sending"), name="email_delivery_pending"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.recipient} ({self.get_status_display().lower()})"
