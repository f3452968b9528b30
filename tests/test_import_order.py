"""The import order of the code, enforced: every import in src/ocop points down, or it is a named exception.

Between apps, an app imports only the apps below it in ``APP_ORDER`` (apps on one line are peers and import neither
other). Inside a data app, the layers run enums → models → domain → interfaces: a module imports modules of its own
layer or below, in its own app or in an app below. Imports inside functions count like the others: a lazy import is
still a dependency. The one way up is a hook: the lower app keeps a registry and the app above registers its part in
``AppConfig.ready`` (``dossiers.domain.queries.register_visibility``,
``certificates.domain.status.register_reevaluation``).

``python tests/test_import_order.py`` prints the picture: every arrow between two apps with how many imports make it.
"""

import ast
import sys
from collections import Counter
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src"

# From the bottom up. Why this order: geo needs only common; accounts scopes users to geo's units; the registry
# (producers) is scoped through accounts; evaluation holds the rule sets; certificates are issued to producers' products
# under a rule set; stamps trace a product and show its certificate; a dossier files for a product and asks which
# certificate is in force; councils score dossiers and issue certificates; planning computes its indicators from
# certificates, dossiers and the registry; reports write up plans; the national export reads the registry, certificates
# and results; the registry import writes producers and certificates; the demo loads everything; the view apps (the API
# among them) show it all.
APP_ORDER = (
    ("common",),
    ("geo",),
    ("accounts",),
    ("producers",),
    ("evaluation",),
    ("certificates",),
    ("traceability",),
    ("dossiers",),
    ("councils",),
    ("planning",),
    ("promotion", "support"),
    ("reports",),
    ("national",),
    ("registry_import",),
    ("demo",),
    ("backoffice", "public", "api"),
    ("project",),  # ocop.urls, ocop.settings, ocop.cli, ocop.wsgi, ocop.formats
)
# One layer each: their modules import one another freely.
VIEW_APPS = {"demo", "backoffice", "public", "api", "project"}

LAYERS = ("enums", "models", "domain", "interfaces")
# Modules of a data app outside enums.py, models.py, domain/ and interfaces/, and the layer each belongs to.
OTHER_MODULES = {
    "rules": "domain",  # permission predicates: read roles through accounts.domain.roles; only view apps use them
    "admin": "interfaces",
    "apps": "interfaces",
    "management": "interfaces",
    "templatetags": "interfaces",
    "middleware": "interfaces",
    "forms": "interfaces",
    "common.text": "enums",  # plain Python helpers, no model: usable from every layer
    "common.dates": "enums",
    "common.addresses": "enums",  # the public address, read by the settings: plain Python, no Django
    "common.object_storage": "enums",  # the object store the settings name: plain Python, no Django
    "common.db": "enums",
    "common.i18n": "interfaces",
    "common.uploads": "domain",
    "common.column_limits": "domain",  # what a number column holds, for forms and for files read by the domain
    "common.json_shapes": "domain",
    "common.json_formats": "enums",  # date and date-time checks for JSON schemas: plain Python over jsonschema
    "common.client": "enums",  # the client's address from the request: plain Python over the settings
    "common.limits": "interfaces",  # request body limit and the public-page throttle
    "common.cache": "enums",  # the file cache backend the settings name: no model, no domain
    "common.backup": "domain",  # ocop backup / ocop restore
    "common.storage": "interfaces",  # the file storage writing whole files, and the full-disk page
    "common.replica": "interfaces",  # the router the settings name and the decorator views wear
    "accounts.admin_site": "interfaces",  # the Django admin behind the back office's login
    "accounts.lockout": "interfaces",  # the login lockout handler django-axes calls
    "common.xlsx": "interfaces",
    "common.papers": "interfaces",
    "common.papers.numbers": "enums",  # how numbers and dates are written: plain text helpers
    "producers.product_sets": "enums",
    "dossiers.checklist": "enums",
    "evaluation.definitions": "enums",
}

# importer module → {imported module: why}. Each entry is an arrow up that the code keeps on purpose; the test fails
# when an entry is no longer needed, so the list only shrinks.
ALLOWED_EXCEPTIONS: dict[str, dict[str, str]] = {}


def module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def source_modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for path in sorted((SOURCE / "ocop").rglob("*.py"))
        if "migrations" not in path.parts and "templates" not in path.parts
    }


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The ocop modules ``name`` imports, wherever the import statement sits; ``from a import b`` names module
    ``a.b`` when there is one."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return {module for module in found if module == "ocop" or module.startswith("ocop.")}


def app_of(module: str) -> str:
    parts = module.split(".")
    app = parts[1] if len(parts) > 1 else "project"
    return app if any(app in level for level in APP_ORDER) else "project"


def app_level(app: str) -> int:
    return next(index for index, level in enumerate(APP_ORDER) if app in level)


def layer_of(module: str) -> int:
    app = app_of(module)
    if app in VIEW_APPS:
        return len(LAYERS) - 1
    inner = module.split(".")[2:]
    if not inner:
        return 0  # the package itself: a docstring
    for key in (f"{app}.{'.'.join(inner[:2])}", f"{app}.{inner[0]}", inner[0]):
        if key in OTHER_MODULES:
            return LAYERS.index(OTHER_MODULES[key])
    if inner[0] in LAYERS:
        return LAYERS.index(inner[0])
    raise LookupError(f"{module}: put it in enums/models/domain/interfaces, or name its layer in OTHER_MODULES")


def arrows() -> list[tuple[str, str]]:
    modules = source_modules()
    known = set(modules)
    return sorted(
        (importer, imported)
        for importer, path in modules.items()
        for imported in imports_of(importer, path, known)
        if imported != importer
    )


def wrong_way(importer: str, imported: str) -> str | None:
    """Why the import runs up the layers, or None when it runs down (or stays level inside an app)."""
    source, target = app_of(importer), app_of(imported)
    if source != target and app_level(target) >= app_level(source):
        return f"app {source} imports {target}, which is not below it"
    if target in VIEW_APPS:
        return None
    source_layer = layer_of(importer) if source not in VIEW_APPS else len(LAYERS) - 1
    if layer_of(imported) > source_layer:
        return f"{LAYERS[source_layer]} imports {LAYERS[layer_of(imported)]}"
    return None


def test_every_module_has_a_layer():
    unplaced = []
    for module in source_modules():
        try:
            layer_of(module)
        except LookupError as problem:
            unplaced.append(str(problem))
    assert unplaced == []


def test_imports_run_down_the_layers():
    problems = [
        f"{importer} → {imported}: {reason}"
        for importer, imported in arrows()
        if (reason := wrong_way(importer, imported)) and imported not in ALLOWED_EXCEPTIONS.get(importer, {})
    ]
    assert problems == [], "imports that run up the layers:\n" + "\n".join(problems)


def test_every_named_exception_is_still_needed():
    actual = set(arrows())
    stale = [
        f"{importer} → {imported}"
        for importer, allowed in ALLOWED_EXCEPTIONS.items()
        for imported in allowed
        if (importer, imported) not in actual or wrong_way(importer, imported) is None
    ]
    assert stale == [], "remove these from ALLOWED_EXCEPTIONS:\n" + "\n".join(stale)


def test_the_contract_sees_a_cycle_put_back():
    """The checker itself: an import of councils from dossiers (the cycle the visibility hook removed) is refused."""
    assert wrong_way("ocop.dossiers.domain.queries", "ocop.councils.models") == (
        "app dossiers imports councils, which is not below it"
    )
    assert wrong_way("ocop.producers.models", "ocop.producers.domain.queries") == "models imports domain"
    assert wrong_way("ocop.councils.domain.sessions", "ocop.dossiers.models") is None


def picture() -> str:
    """Every arrow between two apps, with the number of imports behind it; up-arrows marked."""
    counts = Counter((app_of(a), app_of(b)) for a, b in arrows() if app_of(a) != app_of(b))
    lines = []
    for (source, target), count in sorted(counts.items(), key=lambda item: (app_level(item[0][0]), item[0])):
        mark = "  ↑ UP" if app_level(target) >= app_level(source) else ""
        lines.append(f"{source:>16} → {target:<16} {count:3d}{mark}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(picture())
    problems = [f"{a} → {b}: {reason}" for a, b in arrows() if (reason := wrong_way(a, b))]
    print(f"\n{len(problems)} imports up the layers" + (":\n  " + "\n  ".join(problems) if problems else ""))
    sys.exit(1 if problems else 0)
