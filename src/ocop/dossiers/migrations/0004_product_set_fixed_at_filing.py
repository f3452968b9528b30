import django.db.models.deletion
from django.db import migrations, models


def fix_what_filed_dossiers_are_scored_on(apps, schema_editor):
    """Dossiers filed before this migration keep their product's set as it is now, and the sheets their rules score
    with (evaluation.domain.rule_sets.criteria_rule_set: their own, or the latest set that has sheets)."""
    Dossier = apps.get_model("dossiers", "Dossier")
    RuleSet = apps.get_model("evaluation", "RuleSet")
    with_sheets = RuleSet.objects.filter(sheets__isnull=False).distinct().order_by("-valid_from", "-loaded_at")
    latest = with_sheets.first()
    have_sheets = set(with_sheets.values_list("pk", flat=True))
    for dossier in Dossier.objects.filter(rule_set__isnull=False).select_related("product").iterator():
        dossier.product_set = dossier.product.product_set
        own = dossier.rule_set_id in have_sheets or latest is None
        dossier.sheets_rule_set_id = dossier.rule_set_id if own else latest.pk
        dossier.save(update_fields=["product_set", "sheets_rule_set"])


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0003_commune_review"),
        ("evaluation", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="dossier",
            name="product_set",
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="product set scored on"),
        ),
        migrations.AddField(
            model_name="dossier",
            name="sheets_rule_set",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="evaluation.ruleset",
                verbose_name="rule set of the scoring sheet",
            ),
        ),
        migrations.RunPython(fix_what_filed_dossiers_are_scored_on, migrations.RunPython.noop),
    ]
