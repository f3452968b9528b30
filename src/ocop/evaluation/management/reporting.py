from django.core.exceptions import ValidationError
from django.core.management.base import CommandError


def problems_report(title: str, error: ValidationError) -> CommandError:
    """Bad input: the title, then every problem on its own line; exit code 2, no traceback."""
    lines = [title, *(f"- {message}" for message in error.messages)]
    return CommandError("\n".join(lines), returncode=2)
