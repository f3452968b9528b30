from django import template

from ocop.backoffice.activity import verb_label as label_of

register = template.Library()


@register.filter
def verb_label(verb: str) -> str:
    return label_of(verb)


@register.filter
def activity_details(data) -> str:
    """The entry's recorded facts on one line (“key: value · …”), for those who audit."""
    if not isinstance(data, dict):
        return str(data or "")
    return " · ".join(f"{key}: {value}" for key, value in data.items())
