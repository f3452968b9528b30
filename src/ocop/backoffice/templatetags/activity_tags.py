from django import template

from ocop.backoffice.activity import describe
from ocop.backoffice.activity import verb_label as label_of

register = template.Library()


@register.filter
def verb_label(verb: str) -> str:
    return label_of(verb)


@register.simple_tag
def described(entries) -> list:
    """The entries with the person's full name (``who``) and their recorded facts in words (``details``)."""
    return describe(entries)
