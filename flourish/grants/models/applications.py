"""A group's request for money, answered one question at a time, and its spending plan."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from flourish.accounts.models import ContactRoute, Organisation
from flourish.core.fields import EncryptedTextField
from flourish.core.models import TimeStampedModel
from flourish.grants.models.programmes import Programme, ProgrammeCategory


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")
    IN_REVIEW = "in_review", _("Being considered")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    DECLINED = "declined", _("Declined")
    AWARDED = "awarded", _("Awarded")
    PAID = "paid", _("Paid")


DECIDED_STATUSES = (
    ApplicationStatus.NOT_ELIGIBLE,
    ApplicationStatus.DECLINED,
    ApplicationStatus.AWARDED,
    ApplicationStatus.PAID,
)


def _upload_path(application: "Application", filename: str) -> str:
    # A random name: the original file name can carry personal details.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f"grants/applications/{uuid.uuid4().hex}.{extension}"


class Application(TimeStampedModel):
    """What a group asks for: at most eight questions, no bank account or constitution needed."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="applications")
    group = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="grant_applications",
        null=True,
        blank=True,
        help_text=_("Empty until the applicant names their group."),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="grant_applications"
    )
    status = models.CharField(
        max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )

    # 1. Who you are
    applicant_name = EncryptedTextField(_("your name"), blank=True)
    applicant_role = models.CharField(_("your part in the group"), max_length=200, blank=True)
    # 2. Your group (the group itself is `group`)
    local_authority = models.CharField(_("local authority area"), max_length=100, blank=True)
    # Encrypted: it often names ethnicity, faith or sexuality (docs/encryption.md).
    communities = EncryptedTextField(
        _("communities the group comes from and serves, in its own words"),
        max_length=200,
        blank=True,
    )
    # 3-4. What and who
    what_you_want_to_do = EncryptedTextField(_("what you want to do"), blank=True)
    attachment = models.FileField(
        _("a document, or an audio or video clip"),
        upload_to=_upload_path,
        blank=True,
        help_text=_("Stored privately; only the fund's staff and associates can open it."),
    )
    attachment_name = models.CharField(max_length=200, blank=True)
    who_it_helps = EncryptedTextField(_("who it helps"), blank=True)
    # 5. How much and on what: the spend lines; kept in step by the services.
    amount_requested_pence = models.PositiveIntegerField(default=0)
    # For a tier with a business plan: answers keyed by the question's number.
    business_plan = models.JSONField(default=dict, blank=True)
    # 6. When
    when = models.CharField(_("when it will happen"), max_length=300, blank=True)
    # 7. How to reach you and when
    contact_route = models.CharField(
        _("how to reach you"), max_length=10, choices=ContactRoute.choices, blank=True
    )
    contact_detail = EncryptedTextField(_("email address or phone number"), blank=True)
    contact_times = models.CharField(_("good times to reach you"), max_length=200, blank=True)
    # 8. Access needs
    access_needs = EncryptedTextField(_("access needs"), blank=True)

    associate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grant_applications_to_follow_up",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["programme", "status", "-submitted_at"]),
            # The staff list's default order, so a page is read from the index. Only sent
            # applications, the only ones the list shows: it is counted and paged from the
            # index alone, without reading each row to see whether it is a draft.
            models.Index(
                fields=["programme", "-submitted_at", "-id"],
                name="application_staff_order",
                condition=~Q(status="draft"),
            ),
            models.Index(fields=["programme", "local_authority"]),
            # The staff list of one council area, newest first: staff type the area in
            # any case, so it is matched without case (`iexact`, UPPER on PostgreSQL).
            models.Index(
                F("programme"),
                Upper("local_authority"),
                F("submitted_at").desc(),
                F("id").desc(),
                name="application_area_staff_order",
                condition=~Q(status="draft"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="application_sent_has_a_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="draft") | Q(submitted_at__isnull=True),
                name="application_draft_not_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group_name or _('a group')}: {self.programme.title}"

    @property
    def group_name(self) -> str:
        return self.group.name if self.group is not None else ""

    @property
    def is_draft(self) -> bool:
        return self.status == ApplicationStatus.DRAFT

    @property
    def is_undecided(self) -> bool:
        return self.status in {
            ApplicationStatus.SUBMITTED,
            ApplicationStatus.IN_REVIEW,
            ApplicationStatus.SHORTLISTED,
        }


class SpendLine(models.Model):
    """One thing the money is for: a category, a few words, and the amount."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="spend_lines"
    )
    category = models.ForeignKey(ProgrammeCategory, on_delete=models.PROTECT, related_name="+")
    description = models.CharField(_("what it is"), max_length=200)
    amount_pence = models.PositiveIntegerField(_("amount"))

    class Meta:
        ordering = ["id"]
        # "Spends on" in the staff list asks, per application, for a line in a category.
        indexes = [models.Index(fields=["application", "category"], name="spend_line_by_category")]
        constraints = [
            models.CheckConstraint(condition=Q(amount_pence__gt=0), name="spend_line_positive")
        ]

    def __str__(self) -> str:
        return self.description
