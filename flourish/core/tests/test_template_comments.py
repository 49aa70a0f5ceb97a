"""A note in a template is for the people who work on it, never for the people reading the
page: Django's `{# #}` ends at the end of its line, so a note over two lines is shown."""

from pathlib import Path

import flourish

TEMPLATES = sorted(Path(flourish.__file__).parent.rglob("templates/**/*.html"))


def test_every_note_in_a_template_ends_on_the_line_it_starts():
    spilt = [
        f"{path.relative_to(Path(flourish.__file__).parent)}:{number}"
        for path in TEMPLATES
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if line.count("{#") > line.count("#}")
    ]
    assert TEMPLATES and spilt == []
