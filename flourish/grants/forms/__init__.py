"""Forms for grants. The applicant's journey is one short form per page (QUESTIONS)."""

import re
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from flourish.accounts.models import ContactRoute, Organisation, OrganisationKind
from flourish.core.formatting import format_pence, parse_pounds
from flourish.core.forms import (
    EMPTY_UPLOAD,
    CappedTextAnswers,
    FilterFormMarkup,
    GovukDateField,
    ModelChoiceField,
    ModelMultipleChoiceField,
    cap_text_answers,
)
from flourish.grants.models import (
    ApplicationStatus,
    Award,
    ConversationKind,
    DecisionOutcome,
    ProgrammeCategory,
    RecommendationVerdict,
    VoteVerdict,
)

# More than any grant, budget or price in Flourish, and less than an amount column holds
# (2,147,483,647 pence), so a slip of the keyboard is told what to do, not refused by
# the database in a figure of pence.
LARGEST_AMOUNT_PENCE = 20_000_000_00


class PoundsField(forms.CharField):
    """An amount typed in pounds ("450", "£1,200.50"), cleaned to integer pence."""

    def __init__(self, *, example: str = "450", positive: bool = False, **kwargs: Any) -> None:
        self.example = example
        self.positive = positive
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if self.positive and value is not None and value <= 0:
            raise forms.ValidationError(
                _("Enter an amount more than £0, for example %(example)s.")
                % {"example": self.example}
            )
        if value is not None and value > LARGEST_AMOUNT_PENCE:
            raise forms.ValidationError(
                _("Enter an amount up to %(most)s, for example %(example)s.")
                % {"most": format_pence(LARGEST_AMOUNT_PENCE), "example": self.example}
            )

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            if len(text) > 15:
                raise ValueError(text)
            return parse_pounds(text)
        except ValueError as error:
            raise forms.ValidationError(
                _("Enter the amount in pounds, for example %(example)s.")
                % {"example": self.example}
            ) from error

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "inputmode": "decimal", "spellcheck": "false"}


class AboutYouForm(forms.Form):
    applicant_name = forms.CharField(
        label=_("Your name"), max_length=150, help_text=_("We only use it to talk to you.")
    )
    applicant_role = forms.CharField(
        label=_("What do you do in the group?"),
        max_length=200,
        required=False,
        help_text=_("For example: I started it, I run the sessions, I am a member."),
    )


class YourGroupForm(forms.Form):
    group_name = forms.CharField(
        label=_("What is your group called?"),
        max_length=200,
        help_text=_("It does not need to be registered or have a constitution or bank account."),
        error_messages={"required": _("Enter the name of your group.")},
    )
    local_authority = forms.CharField(
        label=_("Which council area does your group work in?"),
        max_length=100,
        required=False,
        help_text=_("For example: Leeds, Bradford, Tower Hamlets."),
    )
    communities = forms.CharField(
        label=_("Which communities does your group come from and serve? (optional)"),
        max_length=200,
        required=False,
        help_text=_(
            "In your own words. Separate each community with a comma, "
            "for example: South Asian women, young Black men, carers."
        ),
    )


# A group's own account of what it wants to do: room for a page of writing.
LONG_ANSWER = 5000


class WhatForm(CappedTextAnswers, forms.Form):
    text_limit = LONG_ANSWER

    what_you_want_to_do = forms.CharField(
        label=_("What do you want to do with the money?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("A few sentences is enough. Write it the way you would say it."),
        required=False,
    )
    attachment = forms.FileField(
        label=_("Or send a document, or an audio or video clip, instead of writing (optional)"),
        help_text=_("For example a voice note from your phone. Up to 25 MB."),
        required=False,
        error_messages=EMPTY_UPLOAD,
    )

    def __init__(
        self, *args: Any, has_attachment: bool = False, attachment_name: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.has_attachment = has_attachment
        if attachment_name:
            self.fields["attachment"].widget.attrs["data-current-name"] = attachment_name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        written, sent = data.get("what_you_want_to_do"), data.get("attachment")
        # The attachment is False when the person ticked "Remove" and sent no new file.
        keeps_file = self.has_attachment and sent is not False
        if not (written or sent or keeps_file):
            self.add_error(
                "what_you_want_to_do",
                forms.ValidationError(
                    _("Tell us what you want to do, or send a clip or document instead."),
                    code="required",  # saved as it is by "Save and come back later"
                ),
            )
        return data


class WhoForm(CappedTextAnswers, forms.Form):
    text_limit = LONG_ANSWER

    who_it_helps = forms.CharField(
        label=_("Who will it help?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Who comes to your group, and roughly how many people."),
        error_messages={"required": _("Tell us who it will help.")},
    )


class WhenForm(forms.Form):
    when = forms.CharField(
        label=_("When will it happen?"),
        max_length=300,
        help_text=_("For example: from May to July, or every Tuesday starting next month."),
        error_messages={"required": _("Tell us roughly when.")},
    )


class ContactForm(forms.Form):
    contact_route = forms.ChoiceField(
        label=_("How should we get in touch?"),
        choices=ContactRoute.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how we should get in touch.")},
    )
    contact_detail = forms.CharField(
        label=_("Email address or phone number"),
        max_length=200,
        required=False,
        help_text=_("We need a phone number if you choose a phone call or a text message."),
    )
    contact_times = forms.CharField(
        label=_("When is a good time?"),
        max_length=200,
        required=False,
        help_text=_("For example: weekday mornings, not Fridays."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        route, detail = data.get("contact_route"), data.get("contact_detail", "").strip()
        if route in {ContactRoute.PHONE, ContactRoute.TEXT} and not _looks_like_uk_phone(detail):
            self.add_error(
                "contact_detail",
                _("Enter the phone number we should call or text, for example 07700 900123."),
            )
        if route == ContactRoute.EMAIL and detail and not _looks_like_email(detail):
            self.add_error(
                "contact_detail",
                _("Enter an email address like name@example.org, or leave it empty."),
            )
        return data


_PHONE_PUNCTUATION = re.compile(r"[\s\-().]")
_UK_NUMBER = re.compile(r"(?:\+44|0044|0)[1-9]\d{8,9}")


def _looks_like_uk_phone(text: str) -> bool:
    return bool(_UK_NUMBER.fullmatch(_PHONE_PUNCTUATION.sub("", text)))


def _looks_like_email(text: str) -> bool:
    try:
        validate_email(text)
    except forms.ValidationError:
        return False
    return True


class AccessForm(forms.Form):
    access_needs = forms.CharField(
        label=_("Is there anything that would make this easier for you?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("For example: large print, a phone call instead of email, an interpreter."),
    )


class SpendLineForm(forms.Form):
    category = ModelChoiceField(
        label=_("What kind of thing is it?"),
        queryset=ProgrammeCategory.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose what kind of thing it is.")},
    )
    description = forms.CharField(
        label=_("What is it?"),
        max_length=200,
        help_text=_("For example: a year of Zoom for our weekly group."),
        error_messages={"required": _("Say what the money is for.")},
    )
    amount = PoundsField(
        label=_("How much does it cost, in pounds?"),
        positive=True,
        error_messages={"required": _("Enter the amount you need, for example 450.")},
    )

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(ModelChoiceField, self.fields["category"]).queryset = ProgrammeCategory.objects.filter(
            programme=programme
        )


@dataclass(frozen=True)
class Question:
    slug: str
    title: Any
    form_class: type[forms.Form] | None


# The default journey: eight questions, in the order people think about them.
QUESTIONS = [
    Question("about-you", _("About you"), AboutYouForm),
    Question("your-group", _("Your group"), YourGroupForm),
    Question("what-you-want-to-do", _("What you want to do"), WhatForm),
    Question("who-it-helps", _("Who it helps"), WhoForm),
    Question("money", _("How much, and what it is for"), None),
    Question("when", _("When it will happen"), WhenForm),
    Question("how-to-reach-you", _("How to reach you"), ContactForm),
    Question("access-needs", _("Access needs"), AccessForm),
]
QUESTION_SLUGS = [question.slug for question in QUESTIONS]


class EligibilityAnswerForm(forms.Form):
    answer = forms.TypedChoiceField(
        label=_("Your answer"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )


class ApplicationFilterForm(FilterFormMarkup, forms.Form):
    search = forms.CharField(label=_("Search group names"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status"))]
        + [c for c in ApplicationStatus.choices if c[0] != ApplicationStatus.DRAFT],
    )
    category = forms.TypedChoiceField(
        label=_("Spends on"), required=False, coerce=int, empty_value=None, choices=()
    )
    local_authority = forms.CharField(label=_("Council area"), required=False, max_length=100)

    def __init__(self, *args: Any, categories: list[ProgrammeCategory], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["category"]).choices = [
            ("", _("Any kind of spending"))
        ] + [(category.pk, category.label) for category in categories]


class SiftForm(forms.Form):
    eligible = forms.TypedChoiceField(
        label=_("Is this application eligible?"),
        choices=[("yes", _("Yes, it is eligible")), ("no", _("No, it is not eligible"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether it is eligible.")},
    )
    decline_message = forms.CharField(
        label=_("Message to the group if it is not eligible"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    feedback = forms.CharField(
        label=_("Feedback"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    signposts = forms.CharField(
        label=_("Other places that may help"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class AssignForm(forms.Form):
    associate: ModelChoiceField = ModelChoiceField(
        label=_("Who will follow this up?"),
        queryset=None,
        empty_label=_("Choose someone"),
        error_messages={"required": _("Choose who will follow it up.")},
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(ModelChoiceField, self.fields["associate"]).queryset = people


class ConversationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("How did you talk?"), choices=ConversationKind.choices, widget=forms.RadioSelect
    )
    happened_on = GovukDateField(
        label=_("When did you talk?"),
        help_text=_("For example, 27 3 2026"),
        what=_("the date you talked"),
        not_after_today=True,
    )
    notes = forms.CharField(
        label=_("Notes"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write a few notes about what you talked about.")},
    )


class RecommendationForm(forms.Form):
    background = forms.CharField(
        label=_("Background for the panel"), widget=forms.Textarea(attrs={"rows": 6})
    )
    verdict = forms.ChoiceField(
        label=_("Your recommendation"),
        choices=RecommendationVerdict.choices,
        widget=forms.RadioSelect,
    )
    suggested_amount = PoundsField(
        label=_("Suggested amount, in pounds"),
        help_text=_("Needed if you recommend funding it."),
        required=False,
    )
    conditions = forms.CharField(
        label=_("Conditions"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("verdict") == RecommendationVerdict.YES and not data.get("suggested_amount"):
            self.add_error(
                "suggested_amount",
                _("Enter the amount you recommend, more than £0, for example 1500."),
            )
        return data


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=DecisionOutcome.choices, widget=forms.RadioSelect
    )
    amount = PoundsField(label=_("Amount to award, in pounds"), required=False)
    conditions = forms.CharField(
        label=_("Conditions of the grant"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    holding_partner = ModelChoiceField(
        label=_("Holding partner, if the group has no bank account"),
        queryset=Organisation.objects.filter(kind=OrganisationKind.HOLDING_PARTNER),
        required=False,
        empty_label=_("None: pay the group directly"),
    )
    reasons = forms.CharField(
        label=_("Reasons for the decision"),
        help_text=_("The group reads these on its application page, so write them to the group."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    feedback = forms.CharField(
        label=_("Feedback for the group, if you decline"),
        help_text=_("What would make a stronger application next time, and where else to try."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == DecisionOutcome.AWARD and not data.get("amount"):
            self.add_error("amount", _("Enter the amount to award, for example 1500."))
        return data


class PayForm(forms.Form):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100)
    payee = forms.ChoiceField(
        label=_("Who should be paid?"),
        choices=[
            ("group", _("The group, or its holding partner if the award names one")),
            ("supplier", _("A supplier, on the group's behalf")),
        ],
        initial="group",
        required=False,
        widget=forms.RadioSelect,
    )
    supplier_name = forms.CharField(
        label=_("Supplier's name, if paying a supplier"),
        help_text=_("For example, Leeds Print Co."),
        max_length=200,
        required=False,
    )
    supplier_for = forms.CharField(
        label=_("What the payment is for, if paying a supplier"),
        help_text=_("For example, 200 leaflets for our drop-in."),
        max_length=200,
        required=False,
    )

    def __init__(self, *args: Any, award: Award, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Name who is paid: a holding partner's payment goes to the partner, not the group.
        partner = award.holding_partner
        first = (
            _("%(partner)s, which holds the money for %(group)s")
            % {"partner": partner.name, "group": award.application.group_name}
            if partner is not None
            else _("%(group)s, the group itself") % {"group": award.application.group_name}
        )
        cast(forms.ChoiceField, self.fields["payee"]).choices = [
            ("group", first),
            ("supplier", _("A supplier, on the group's behalf")),
        ]


class PanelForm(forms.Form):
    title = forms.CharField(label=_("Name of the panel"), max_length=140)
    meets_on = GovukDateField(
        label=_("When does it meet?"),
        help_text=_("For example, 27 3 2026"),
        what=_("the date the panel meets"),
    )
    quorum = forms.IntegerField(
        label=_("Quorum"),
        help_text=_("How many members must vote on an application before it can be decided."),
        min_value=1,
        initial=3,
        error_messages={
            "required": _("Enter how many votes are needed, for example 3."),
            "invalid": _("Enter the quorum as a number, for example 3."),
            "min_value": _("The quorum must be at least 1 vote."),
        },
    )
    members: ModelMultipleChoiceField = ModelMultipleChoiceField(
        label=_("Members"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(ModelMultipleChoiceField, self.fields["members"]).queryset = people


CONFLICT_DETAILS_MESSAGE = _(
    "Say what the conflict is, for example “I am a member of the group” or “a friend runs it”."
)


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest in this application?"),
        help_text=_("For example, you belong to the group, or a friend or relative runs it."),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    details = forms.CharField(
        label=_("Details, if yes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("has_conflict") and not data.get("details", "").strip():
            self.add_error("details", CONFLICT_DETAILS_MESSAGE)
        return data


class VoteForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Your vote"), choices=VoteVerdict.choices, widget=forms.RadioSelect
    )
    score = forms.TypedChoiceField(
        label=_("Score against the rubric (5 is strongest)"),
        choices=[("", _("No score"))] + [(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    comment = forms.CharField(
        label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AcceptForm(forms.Form):
    """No fields: pressing the button is the acceptance."""


class ReportForm(forms.Form):
    what_happened = forms.CharField(
        label=_("What happened? Tell us in your own words"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("A few sentences is plenty. What went well, what did not, what you learnt."),
        error_messages={"required": _("Tell us a little about what happened.")},
    )
    people_reached = forms.IntegerField(
        label=_("Roughly how many people took part? (optional)"), min_value=0, required=False
    )

    def __init__(self, *args: Any, categories: list[ProgrammeCategory], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.categories = categories
        for category in categories:
            self.fields[f"spent_{category.pk}"] = PoundsField(
                label=_("Spent on %(kind)s, in pounds") % {"kind": category.label.lower()},
                required=False,
            )

    def spending(self) -> dict[ProgrammeCategory, int]:
        return {c: self.cleaned_data.get(f"spent_{c.pk}") or 0 for c in self.categories}


class OnBehalfForm(forms.Form):
    contact_name = forms.CharField(label=_("Name of the person you spoke to"), max_length=150)
    contact_email = forms.EmailField(
        label=_("Their email address"),
        help_text=_("They can sign in with it later and carry on themselves."),
    )
    group_name = forms.CharField(label=_("Name of their group"), max_length=200)
    consent = forms.BooleanField(
        label=_("They agreed on the call that we can apply for their group"),
        error_messages={"required": _("Only apply for a group that has agreed to it.")},
    )
    what_was_said = forms.CharField(
        label=_("What you talked about on the call"),
        help_text=_(
            "We put this in the email inviting them to take the application over, "
            "so they can check it. For example: a weekly walking group, about £800 for a year."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write what you talked about, so the group can check it.")},
    )
    notes = forms.CharField(
        label=_("Notes about the consent (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class BusinessPlanForm(forms.Form):
    """One box per question in the programme's business plan template."""

    def __init__(self, *args: Any, questions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number, question in enumerate(questions):
            self.fields[str(number)] = forms.CharField(
                label=question, widget=forms.Textarea(attrs={"rows": 4}), required=False
            )
        cap_text_answers(self, limit=LONG_ANSWER)
