"""Loading a rule set uploaded in the back office: the same files and options as ``ocop load_ruleset``, checked by
content, written to a temporary folder and handed to the same loader (``load_rule_set``), all or nothing.

A rule-set file names its criteria file by a path relative to itself. On the server that path must never reach
outside the temporary folder, so the uploaded criteria file is stored under a fixed name and the rule-set file is
pointed at it; the content hash does not depend on that name.
"""

import json
import tempfile
from pathlib import Path

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop.common.forms import DateInput
from ocop.common.uploads import check_json_upload
from ocop.evaluation.domain.rule_sets import LoadResult, load_rule_set

RULE_SET_MAX_BYTES = 5 * 1024 * 1024  # the QĐ 26/2026 criteria file, the largest, is 0.8 MB
RULE_SET_NAME = "rule_set.json"
CRITERIA_NAME = "criteria.json"


def criteria_file_named(descriptor) -> str | None:
    """The criteria file a rule-set file names, or None (a procedure-only set, or a reference the loader refuses)."""
    if not isinstance(descriptor, dict):
        return None
    criteria = descriptor.get("criteria")
    if isinstance(criteria, dict) and isinstance(criteria.get("file"), str):
        return criteria["file"]
    return None


def _names_no_criteria(descriptor) -> bool:
    return isinstance(descriptor, dict) and descriptor.get("criteria") is None


class RuleSetUploadForm(forms.Form):
    rule_set_file = forms.FileField(
        label=gettext_lazy("Rule-set file (JSON)"),
        help_text=gettext_lazy("The file ocop load_ruleset takes, e.g. qd26_2026.json."),
    )
    criteria_file = forms.FileField(
        label=gettext_lazy("Criteria file (JSON)"),
        required=False,
        help_text=gettext_lazy(
            "The file the rule-set file names under “criteria”. Leave empty for a set that carries the procedure only."
        ),
    )
    identifier = forms.CharField(
        label=gettext_lazy("Identifier"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("Load under this identifier instead of the file's, e.g. QD26-2026-r2."),
    )
    valid_from = forms.DateField(
        label=gettext_lazy("Valid from"),
        required=False,
        widget=DateInput,
        help_text=gettext_lazy("Only to replace the first day of validity written in the file."),
    )
    legal_basis = forms.CharField(
        label=gettext_lazy("Legal basis"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Only to replace the decision named in the file."),
    )

    def clean_rule_set_file(self) -> UploadedFile:
        upload = self.cleaned_data["rule_set_file"]
        self.descriptor = check_json_upload(upload, RULE_SET_MAX_BYTES)
        return upload

    def clean_criteria_file(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("criteria_file")
        if upload:
            check_json_upload(upload, RULE_SET_MAX_BYTES)
        return upload or None

    def clean(self):
        data = super().clean()
        if not hasattr(self, "descriptor") or "criteria_file" in self.errors:
            return data
        named = criteria_file_named(self.descriptor)
        if named is not None and data.get("criteria_file") is None:
            self.add_error(
                "criteria_file",
                _("The rule-set file names the criteria file “%(file)s”: choose that file here too.") % {"file": named},
            )
        elif data.get("criteria_file") is not None and _names_no_criteria(self.descriptor):
            self.add_error(
                "criteria_file",
                _("The rule-set file names no criteria file (it carries the procedure only): leave this empty."),
            )
        return data

    def load(self, *, actor) -> LoadResult:
        """Load the checked upload; raises ``ValidationError`` with every problem and then writes nothing."""
        data = self.cleaned_data
        return load_uploaded_rule_set(
            actor=actor,
            descriptor=self.descriptor,
            criteria_upload=data["criteria_file"],
            identifier=data["identifier"].strip() or None,
            valid_from=data["valid_from"],
            legal_basis=data["legal_basis"].strip() or None,
        )


def load_uploaded_rule_set(
    *, actor, descriptor, criteria_upload: UploadedFile | None, identifier=None, valid_from=None, legal_basis=None
) -> LoadResult:
    """Write the rule-set file (and its criteria file) to a temporary folder and load it with ``load_rule_set``."""
    with tempfile.TemporaryDirectory(prefix="ocop-rule-set-") as folder:
        folder = Path(folder)
        if criteria_file_named(descriptor) is not None:
            # Whatever path the file names, the loader reads the uploaded criteria file inside this folder.
            descriptor = descriptor | {"criteria": descriptor["criteria"] | {"file": CRITERIA_NAME}}
            if criteria_upload is not None:
                with (folder / CRITERIA_NAME).open("wb") as target:
                    criteria_upload.seek(0)
                    for chunk in criteria_upload.chunks():
                        target.write(chunk)
        path = folder / RULE_SET_NAME
        path.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
        return load_rule_set(
            actor=actor, path=path, identifier=identifier, valid_from=valid_from, legal_basis=legal_basis
        )
