"""Who may do what in grants. Views find objects through selectors that apply the same
rules as querysets, so a stranger gets 404; these predicates guard each action.

Who may read a sent application is written once, as a filter (`application_readers`):
the finders filter by it, and the predicate below asks the same filter about one
application, so a page, a panel pack and a download can never disagree."""

from typing import Any

import rules
from django.db.models import Exists, OuterRef, Q

from flourish.accounts.models import Membership, Role
from flourish.accounts.rules import has_role, is_administrator
from flourish.grants.models import Application, ApplicationStatus, ConflictDeclaration, Panel

GROUP_ROLES = (Role.GROUP_LEAD, Role.GROUP_MEMBER)


def funder_role(user: Any, role: str, funder_ref: str) -> Exists:
    """True, inside a query, when the person holds this role at the funder `funder_ref` names."""
    return Exists(
        Membership.objects.filter(user=user, role=role, organisation_id=OuterRef(funder_ref))
    )


def application_readers(user: Any) -> Q:
    """Which sent applications a person may read: the funder's staff all of them, an associate
    those assigned to them, and a panel member (of the funder, or sitting on one of the
    programme's panels) the shortlist, except any application they declared a conflict in."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    staff = funder_role(user, Role.FUNDER_STAFF, "programme__funder_id")
    panel_role = funder_role(user, Role.PANEL_MEMBER, "programme__funder_id")
    sits_on_a_panel = Exists(
        Panel.members.through.objects.filter(
            user=user, panel__programme_id=OuterRef("programme_id")
        )
    )
    conflicted = Exists(
        ConflictDeclaration.objects.filter(
            member=user, application_id=OuterRef("pk"), has_conflict=True
        )
    )
    on_shortlist = (
        (Q(panel_role) | Q(sits_on_a_panel))
        & Q(status=ApplicationStatus.SHORTLISTED)
        & ~Q(conflicted)
    )
    readers = Q(staff) | Q(associate=user) | on_shortlist
    return readers & ~Q(status=ApplicationStatus.DRAFT)


def _member(user: Any, organisation_id: int | None, roles: tuple[str, ...]) -> bool:
    if not getattr(user, "is_authenticated", False) or organisation_id is None:
        return False
    return Membership.objects.filter(
        user=user, organisation_id=organisation_id, role__in=roles
    ).exists()


@rules.predicate
def is_programme_staff(user: Any, programme: Any) -> bool:
    return programme is not None and _member(user, programme.funder_id, (Role.FUNDER_STAFF,))


@rules.predicate
def is_application_staff(user: Any, application: Any) -> bool:
    return application is not None and is_programme_staff(user, application.programme)


@rules.predicate
def is_applicant(user: Any, application: Any) -> bool:
    if application is None or not getattr(user, "is_authenticated", False):
        return False
    if application.submitted_by_id == user.pk:
        return True
    return _member(user, application.group_id, GROUP_ROLES)


@rules.predicate
def is_assigned_associate(user: Any, application: Any) -> bool:
    return (
        application is not None
        and application.associate_id is not None
        and application.associate_id == getattr(user, "pk", None)
    )


@rules.predicate
def may_read_application(user: Any, application: Any) -> bool:
    if application is None or application.pk is None:
        return False
    return Application.objects.filter(application_readers(user), pk=application.pk).exists()


rules.add_perm("grants.read_application", may_read_application)
# Uploads can carry a voice, a face or a health history: only the people who follow the
# application up may open them, never the panel.
rules.add_perm(
    "grants.open_attachment",
    may_read_application & (is_application_staff | is_assigned_associate),
)
rules.add_perm("grants.manage_programme", is_programme_staff | is_administrator)
rules.add_perm("grants.edit_application", is_applicant)
rules.add_perm("grants.sift_application", is_application_staff)
rules.add_perm("grants.assign_associate", is_application_staff)
rules.add_perm("grants.follow_up_application", is_application_staff | is_assigned_associate)
rules.add_perm("grants.decide_application", is_application_staff)
rules.add_perm("grants.pay_award", is_application_staff)

# Who is shown the way into the funders' side from the site menu.
rules.add_perm(
    "grants.use_funder_area",
    has_role(Role.FUNDER_STAFF)
    | has_role(Role.ASSOCIATE)
    | has_role(Role.PANEL_MEMBER)
    | is_administrator,
)
