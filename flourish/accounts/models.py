"""People, the organisations they belong to, their roles, consents and preferences."""

from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from flourish.core.fields import EncryptedTextField
from flourish.core.models import TimeStampedModel


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        if not email:
            raise ValueError("Enter an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            # Signing in by emailed code is the default; a password is optional.
            user.set_unusable_password()
        user.save(using=self._db)
        # Someone another person signs up (a budget holder, a timebank newcomer, a group's
        # contact) has an address nobody has proved yet: the first emailed sign-in code
        # proves it. Without it, they would be asked for a second code straight after.
        from allauth.account.models import EmailAddress

        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class ContactRoute(models.TextChoices):
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")


def person_named(name: str, email: str) -> str:
    """How every page names a person: by name, or by email if they gave none. Also for
    lists read as values, which have no person to ask."""
    return name or email


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. Everything about them beyond the email is optional."""

    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    is_staff = models.BooleanField(
        default=False, help_text=_("Can use the Django admin site (operators only).")
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    preferred_language = models.CharField(
        _("language"), max_length=10, blank=True, choices=settings.LANGUAGES
    )
    contact_route = models.CharField(
        _("how to contact you"),
        max_length=10,
        choices=ContactRoute.choices,
        default=ContactRoute.EMAIL,
    )
    phone = EncryptedTextField(_("phone number"), blank=True)
    access_needs = EncryptedTextField(_("access needs"), blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            # People are listed by name (a timebank's members, the people on a record
            # form): read in name order, a page of 50 stops after about 50 people
            # instead of sorting all 10,000 of a big timebank (12 ms; 0.1 ms with it).
            models.Index(fields=["name", "id"], name="accounts_user_by_name"),
        ]

    def __str__(self) -> str:
        return person_named(self.name, self.email)

    def clean(self) -> None:
        super().clean()
        if self.contact_route in {ContactRoute.PHONE, ContactRoute.TEXT} and not self.phone:
            raise ValidationError(
                {
                    "phone": _(
                        "Enter a phone number so we can call or text you, or choose email instead"
                    )
                }
            )

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


class OrganisationKind(models.TextChoices):
    FUNDER = "funder", _("Funder")
    GROUP = "group", _("Group")
    HOLDING_PARTNER = "holding_partner", _("Holding partner")
    COUNCIL = "council", _("Council")
    OPERATOR = "operator", _("Runs this Flourish site")
    # A local infrastructure body (a council for voluntary service, for example) that
    # helps groups who ask it to.
    SUPPORT_ORGANISATION = "support_organisation", _("Support organisation")


class Organisation(TimeStampedModel):
    """A funder, a group (constituted or not), a holding partner, a council or a support
    organisation."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    charity_number = models.CharField(_("registered charity number"), max_length=20, blank=True)
    company_number = models.CharField(_("company number"), max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        # Funders and support organisations are listed by name on every group's page,
        # among tens of thousands of groups: found by kind, already in order.
        indexes = [models.Index(fields=["kind", "name"], name="organisation_kind_name")]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    FUNDER_STAFF = "funder_staff", _("Funder staff")
    ASSOCIATE = "associate", _("Associate")
    PANEL_MEMBER = "panel_member", _("Panel member")
    GROUP_LEAD = "group_lead", _("Group lead")
    GROUP_MEMBER = "group_member", _("Group member")
    HOLDING_PARTNER = "holding_partner", _("Holding partner")
    BUDGET_HOLDER = "budget_holder", _("Budget holder")
    BROKER = "broker", _("Broker or supporter")
    TIMEBANK_COORDINATOR = "timebank_coordinator", _("Timebank coordinator")
    ADMINISTRATOR = "administrator", _("Administrator")
    SUPPORT_PARTNER = "support_partner", _("Support partner")


# Roles whose holders read other people's sensitive fields (phone numbers,
# access needs, what an application says about health) or move money:
# funder staff and administrators see every application, associates follow
# groups up by phone, panel members read applications, brokers read the
# records of the people they act for, timebank coordinators read members'
# safeguarding checks and references, support partners read what groups wrote
# when asking for help (sometimes about people's health). Group leads and members see only what
# their own group wrote, so they are not asked for an authenticator app.
ROLES_THAT_READ_SENSITIVE_DATA = frozenset(
    {
        Role.FUNDER_STAFF,
        Role.ASSOCIATE,
        Role.PANEL_MEMBER,
        Role.BROKER,
        Role.TIMEBANK_COORDINATOR,
        Role.ADMINISTRATOR,
        Role.SUPPORT_PARTNER,
    }
)
# Everyone who can read sensitive data must use two-step sign-in.
ROLES_REQUIRING_MFA = ROLES_THAT_READ_SENSITIVE_DATA

# When a person gives consent to an organisation rather than to one named
# person, it covers the people there whose job is to act for others, not every
# member: a peer group's ordinary members must not gain access to each other.
ROLES_THAT_ACT_FOR_PEOPLE = frozenset(
    {
        Role.BROKER,
        Role.GROUP_LEAD,
        Role.HOLDING_PARTNER,
        Role.TIMEBANK_COORDINATOR,
        Role.ASSOCIATE,
    }
)


class Membership(TimeStampedModel):
    """A person's role in one organisation. One person may hold several roles."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=30, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="one_membership_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"


class ConsentScope(models.TextChoices):
    ACT_FOR_ME = "act_for_me", _("Act for me (apply, buy, and manage on my behalf)")
    SPEAK_FOR_GROUP = "speak_for_group", _("Apply for money for our group")
    SHARE_OUTCOMES = "share_outcomes", _("Share my outcomes in anonymous totals")


class ConsentMethod(models.TextChoices):
    ONLINE = "online", _("Given online by the person")
    PHONE = "phone", _("Given by phone and recorded by staff")
    IN_PERSON = "in_person", _("Given in person and recorded by staff")
    WRITING = "writing", _("Given in writing")


class Consent(TimeStampedModel):
    """A person's recorded permission for someone else (a broker, a supporter, a
    funder's associate) to act for them or for their group."""

    given_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="consents_given")
    granted_to = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="consents_received", null=True, blank=True
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="consents"
    )
    scope = models.CharField(max_length=30, choices=ConsentScope.choices)
    method = models.CharField(max_length=20, choices=ConsentMethod.choices)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    notes = EncryptedTextField(blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(granted_to__isnull=False) | models.Q(organisation__isnull=False),
                name="consent_names_who_may_act",
            )
        ]

    def __str__(self) -> str:
        return f"{self.given_by} → {self.granted_to or self.organisation}: {self.scope}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
