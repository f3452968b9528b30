"""The ``ocop`` console script: OCOP's own commands first, every Django management command behind them."""

import os
import sys


def _print_overview() -> None:
    from django.core.management import get_commands, load_command_class

    print("OCOP Platform – lệnh dành cho người vận hành / operator commands\n")
    ours = sorted((name, app) for name, app in get_commands().items() if app.startswith("ocop."))
    width = max(len(name) for name, _app in ours)
    for name, app in ours:
        summary = (load_command_class(app, name).help or "").strip().splitlines()[0]
        print(f"  ocop {name.ljust(width)}  {summary}")
    print("\nocop help <command>  – chi tiết một lệnh / details of a command")
    print("ocop help --commands – mọi lệnh của Django / every Django management command")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
    import django
    from django.core.management import execute_from_command_line

    if len(sys.argv) == 1 or sys.argv[1:] in (["help"], ["--help"], ["-h"]):
        django.setup()
        _print_overview()
        return
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
