"""Forms for peer mentoring."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from flourish.core.forms import CappedTextAnswers, DateInYears, ModelChoiceField
from flourish.timebank.models import MenteeRequest, MentorApplication, SessionMode, Weekday

PROFILE = ["languages", "interests", "gender", "community"]


class DaysMixin(forms.Form):
    days = forms.MultipleChoiceField(
        label=_("Days you are usually free"),
        required=False,
        choices=Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_days(self) -> str:
        return ",".join(self.cleaned_data["days"])


class MentorForm(DaysMixin, forms.ModelForm):
    class Meta:
        model = MentorApplication
        fields = ["why", "capacity", *PROFILE]


class MenteeForm(DaysMixin, forms.ModelForm):
    class Meta:
        model = MenteeRequest
        fields = ["hopes", *PROFILE, "same_gender", "same_community"]


class AimsForm(CappedTextAnswers, forms.Form):
    aims = forms.CharField(
        label=_("What you both want from it, in your own words"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SessionForm(forms.Form):
    happened_on = DateInYears(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.IntegerField(label=_("Length in minutes"), min_value=1, max_value=1440)
    mode = forms.ChoiceField(
        label=_("How you met"), choices=SessionMode.choices, widget=forms.RadioSelect
    )
    summary = forms.CharField(label=_("Short summary"), max_length=300)
    private_note = forms.CharField(
        label=_("Private note for the two of you"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only you and your mentoring partner see this."),
    )


class ConcernForm(forms.Form):
    details = forms.CharField(
        label=_("What worries you?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class EndForm(forms.Form):
    reflection = forms.CharField(
        label=_("How did it go for you?"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    another_match = forms.BooleanField(label=_("I would like another mentor"), required=False)


class MatchForm(forms.Form):
    mentor = ModelChoiceField(
        label=_("Suggest this mentor"),
        queryset=MentorApplication.objects.none(),
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: object, mentors: list[MentorApplication], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field: Any = self.fields["mentor"]
        ids = [mentor.pk for mentor in mentors]
        field.queryset = MentorApplication.objects.filter(pk__in=ids).select_related("member__user")
