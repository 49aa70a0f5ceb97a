"""Factories for people and organisations, used by tests and by the demo data.

Every person they make is made up; emails use the reserved example.org domain.
"""

import factory
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.utils.text import slugify
from faker import Faker

from flourish.accounts.models import (
    Consent,
    ConsentMethod,
    ConsentScope,
    Membership,
    Organisation,
    OrganisationKind,
    User,
)
from flourish.core.fields import encrypt_text


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    name = factory.Faker("name", locale="en_GB")
    email = factory.LazyAttributeSequence(
        lambda person, n: f"{slugify(person.name).replace('-', '.')}.{n}@example.org"
    )
    password = factory.django.Password(None)


# Made-up organisation names, never the same twice: the slug comes from the name, and an
# organisation is found again by its slug, so two groups that happened to get the same
# name became one (a test that shared a goal with six new groups shared it twice with one).
_company_names = Faker("en_GB").unique


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.LazyFunction(lambda: _company_names.company())
    slug = factory.LazyAttribute(lambda organisation: slugify(organisation.name)[:200])
    kind = OrganisationKind.GROUP


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        django_get_or_create = ("user", "organisation", "role")

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class ConsentFactory(factory.django.DjangoModelFactory):
    """A consent the person gave online themselves (the usual case)."""

    class Meta:
        model = Consent
        django_get_or_create = ("given_by", "granted_to", "scope")

    given_by = factory.SubFactory(UserFactory)
    granted_to = factory.SubFactory(UserFactory)
    scope = ConsentScope.ACT_FOR_ME
    method = ConsentMethod.ONLINE
    recorded_by = factory.SelfAttribute("given_by")


class AuthenticatorFactory(factory.django.DjangoModelFactory):
    """An authenticator app turned on, with its secret encrypted as the MFA adapter stores it."""

    class Meta:
        model = Authenticator
        django_get_or_create = ("user", "type")

    user = factory.SubFactory(UserFactory)
    type = Authenticator.Type.TOTP
    data = factory.LazyFunction(lambda: {"secret": encrypt_text(generate_totp_secret())})
