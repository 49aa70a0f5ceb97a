"""A postcode that is too long is answered with what to type, not a character count."""

from flourish.directory.forms import SearchForm


def test_too_long_a_postcode_says_what_a_postcode_looks_like():
    form = SearchForm({"postcode": "not a postcode at all"})

    assert not form.is_valid()
    assert form.errors["postcode"] == [
        "Enter a postcode, or just its first half, for example LS6 3AB or LS6"
    ]
