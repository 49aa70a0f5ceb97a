"""Whatever a writer types, what reaches a page is harmless: no script runs, no frame
loads, no link runs code and no attribute listens for events."""

import pytest

from flourish.learning.rendering import markdown_problems, markdown_to_html

ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    '<iframe src="https://evil.example"></iframe>',
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<div onmouseover="alert(1)">hover</div>',
    "<svg/onload=alert(1)>",
    '<object data="https://evil.example/x.swf"></object>',
    "<style>body{display:none}</style>",
    '<form action="https://evil.example"><input name="code"></form>',
    '![x](https://evil.example/x.png" onerror="alert(1))',
    '[a](https://ok.example "title" onclick="alert(1)")',
    "<<script>script>alert(1)<</script>/script>",
]

FORBIDDEN = ("<script", "<iframe", "<img", "<svg", "<object", "<style", "<form", "<input",
             "javascript:", "vbscript:", "data:text", "onerror=", "onload=", "onclick=",
             "onmouseover=")  # fmt: skip


def _live_markup(html: str) -> str:
    """Only the text inside real tags: what a browser would act on."""
    inside, live = False, []
    for character in html:
        if character == "<":
            inside = True
        if inside:
            live.append(character)
        if character == ">":
            inside = False
    return "".join(live)


@pytest.mark.parametrize("attack", ATTACKS)
def test_no_attack_leaves_a_live_tag_or_attribute(attack):
    live = _live_markup(markdown_to_html(attack).lower())
    for danger in FORBIDDEN:
        assert danger not in live, (attack, live)


@pytest.mark.parametrize("attack", [a for a in ATTACKS if "<" in a or "](" in a])
def test_a_writer_is_told_to_take_the_attack_out(attack):
    assert markdown_problems(attack)


def test_a_plain_guide_keeps_its_headings_lists_and_safe_links():
    html = markdown_to_html(
        "# Holding money\n\nAsk a **holding partner**.\n\n- one\n- two\n\n"
        "[NCVO](https://example.org/ncvo) or [email us](mailto:help@example.org)"
    )
    assert '<h2 class="govuk-heading-m">Holding money</h2>' in html
    assert "<strong>holding partner</strong>" in html
    assert '<ul class="govuk-list govuk-list--bullet">' in html
    assert 'href="https://example.org/ncvo"' in html
    assert 'href="mailto:help@example.org"' in html
    assert 'rel="noopener noreferrer nofollow"' in html
    assert markdown_problems("# Holding money\n\n[NCVO](https://example.org/ncvo)") == []


def test_a_script_is_shown_as_the_words_the_writer_typed():
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markdown_to_html("<script>alert(1)</script>")


def test_a_link_left_unfinished_is_broken_markdown():
    assert markdown_problems("Read [the guide](https://example.org")
