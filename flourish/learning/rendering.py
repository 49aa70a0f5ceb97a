"""Words people write, made safe to show: guides in Markdown, and the checks that catch
Markdown that would not come out as its writer meant.

Two locks, so one mistake cannot open the door: markdown-it-py runs with raw HTML off
(a tag in the text comes out as text, and it refuses `javascript:` links), then nh3 (the
ammonia sanitiser) keeps only an allow-list of tags and attributes and only http, https
and mailto links. Circle posts are not Markdown at all: templates escape them."""

import nh3
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "h4",
    "blockquote", "code", "pre", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}}
SAFE_SCHEMES = {"http", "https", "mailto"}

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False})


def _add_classes(html: str) -> str:
    """GOV.UK Frontend's classes on the few tags a guide uses, after cleaning."""
    for tag, css in (
        ("<p>", '<p class="govuk-body">'),
        ("<ul>", '<ul class="govuk-list govuk-list--bullet">'),
        ("<ol>", '<ol class="govuk-list govuk-list--number">'),
        ("<h2>", '<h2 class="govuk-heading-m">'),
        ("<h3>", '<h3 class="govuk-heading-s">'),
        ("<h4>", '<h4 class="govuk-heading-s">'),
        ("<a ", '<a class="govuk-link" '),
        ("<blockquote>", '<blockquote class="govuk-inset-text">'),
    ):
        html = html.replace(tag, css)
    return html


def clean_html(html: str) -> str:
    """Keep only the allow-listed tags, attributes and link schemes."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=SAFE_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def markdown_to_html(text: str) -> str:
    """A guide's Markdown as safe HTML with GOV.UK classes (headings start at level 2, as
    the guide's title is the page's only level 1)."""
    tokens = _markdown.parse(text)
    for token in tokens:
        if token.type in {"heading_open", "heading_close"} and token.tag == "h1":
            token.tag = "h2"
    return _add_classes(clean_html(_markdown.renderer.render(tokens, _markdown.options, {})))


def _inline_children(tokens: list[Token]) -> list[Token]:
    return [child for token in tokens for child in (token.children or [])]


def markdown_problems(text: str) -> list[str]:
    """What a writer must change before a guide can be saved, in words they can act on."""
    tokens = _markdown.parse(text)
    children = _inline_children(tokens)
    problems = []
    if any(t.type in {"html_block", "html_inline"} for t in tokens + children) or any(
        t.type == "text" and "<" in t.content and ">" in t.content for t in children
    ):
        problems.append(
            _("Take out the HTML tags (words between < and >): write the guide in Markdown only.")
        )
    text_parts = " ".join(t.content for t in children if t.type == "text")
    if "](" in text_parts:
        problems.append(
            _(
                "A link is not finished or its address is not allowed. Write links as "
                "[words](https://example.org), starting with https://, http:// or mailto:."
            )
        )
    return problems
