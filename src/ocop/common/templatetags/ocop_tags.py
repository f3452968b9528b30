from django import template

register = template.Library()


@register.filter
def star_string(count) -> str:
    """3 → "★★★" (for showing stars; screen readers get the number from the aria-label beside it)."""
    try:
        return "★" * int(count)
    except (TypeError, ValueError):
        return ""
