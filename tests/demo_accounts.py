"""The demo accounts as the README prints them, for the tests that walk the system as its users would."""

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_accounts() -> dict[str, str]:
    """The accounts of the README's table: username → what the table says of it (`hoidong.01` … `hoidong.05` is a
    range)."""
    accounts = {}
    for usernames, role in re.findall(r"^\| (`[^|]+) \| ([^|]+) \|$", README.read_text(), flags=re.MULTILINE):
        for prefix, first, last in re.findall(r"`([a-z.]+?)(\d+)` … `[a-z.]+?(\d+)`", usernames):
            for number in range(int(first), int(last) + 1):
                accounts[f"{prefix}{number:0{len(first)}d}"] = role.strip()
        for username in re.findall(r"`([a-z0-9.]+)`", usernames):
            accounts[username] = role.strip()
    return accounts
