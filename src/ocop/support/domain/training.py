"""Training classes (lớp tập huấn, đào tạo): a topic, dates, place, trainer and the area whose officers and producers
it trains, optionally the plan task it serves; its participants (officers, producers) and who attended. A class
counts toward the plan's ``trainings_held`` once it has ended (support.domain.indicators)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.common.domain.activity import log_action
from ocop.common.domain.locking import lock
from ocop.common.text import clean_text, fold
from ocop.support.models import Participant, TrainingClass

FIELDS = ("topic", "starts_on", "ends_on", "place", "unit", "trainer", "organiser", "task")


def _checked(values: dict) -> dict:
    values = dict(values)
    for name in ("topic", "place", "trainer", "organiser"):
        values[name] = clean_text(values.get(name))
    problems: dict[str, str] = {}
    if not values["topic"]:
        problems["topic"] = _("Give the topic of the class.")
    if not values["place"]:
        problems["place"] = _("Give the place where the class is held.")
    if not values["trainer"]:
        problems["trainer"] = _("Give the trainer's name.")
    if values.get("unit") is None:
        problems["unit"] = _("Choose the area whose officers and producers the class trains.")
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if not isinstance(starts, datetime.date):
        problems["starts_on"] = _("Give the first day of the class.")
    if not isinstance(ends, datetime.date):
        problems["ends_on"] = _("Give the last day of the class.")
    elif isinstance(starts, datetime.date) and ends < starts:
        problems["ends_on"] = _("The class cannot end before it starts (%(start)s).") % {
            "start": starts.strftime("%d/%m/%Y")
        }
    if problems:
        raise ValidationError(problems)
    return values


@transaction.atomic
def create_training_class(*, actor, **values) -> TrainingClass:
    values = _checked({name: values.get(name) for name in FIELDS})
    training_class = TrainingClass.objects.create(**values, search_name=fold(values["topic"]))
    log_action(
        actor=actor,
        verb="support.class_created",
        target=training_class,
        data={"starts_on": training_class.starts_on.isoformat(), "ends_on": training_class.ends_on.isoformat()},
    )
    return training_class


@transaction.atomic
def enrol(*, actor, training_class: TrainingClass, users=(), producers=()) -> list[Participant]:
    """Add officers and producers to a class; those already enrolled are left as they are."""
    lock(training_class)
    users, producers = list(users or []), list(producers or [])
    if not users and not producers:
        raise ValidationError(_("Choose at least one officer or producer to enrol."))
    present_users = set(training_class.participants.filter(user__isnull=False).values_list("user", flat=True))
    present_producers = set(
        training_class.participants.filter(producer__isnull=False).values_list("producer", flat=True)
    )
    added = Participant.objects.bulk_create(
        [Participant(training_class=training_class, user=user) for user in users if user.pk not in present_users]
        + [
            Participant(training_class=training_class, producer=producer)
            for producer in producers
            if producer.pk not in present_producers
        ]
    )
    if added:
        log_action(
            actor=actor,
            verb="support.participants_enrolled",
            target=training_class,
            data={"officers": sum(1 for p in added if p.user_id), "producers": sum(1 for p in added if p.producer_id)},
        )
    return added


@transaction.atomic
def record_attendance(*, actor, training_class: TrainingClass, attended: set[int], today=None) -> int:
    """Tick who attended (``attended``: participant ids; the others did not). Attendance is taken once the class has
    begun. Returns how many participants attended."""
    lock(training_class)
    today = today or timezone.localdate()
    if training_class.starts_on > today:
        raise ValidationError(
            _("Attendance can be taken once the class has begun (%(day)s).")
            % {"day": training_class.starts_on.strftime("%d/%m/%Y")}
        )
    participants = list(training_class.participants.all())
    known = {participant.pk for participant in participants}
    attended = {int(pk) for pk in attended}
    if attended - known:
        raise ValidationError(_("Someone ticked is not enrolled in this class."))
    changed = [p for p in participants if p.attended != (p.pk in attended)]
    for participant in changed:
        participant.attended = participant.pk in attended
    Participant.objects.bulk_update(changed, ["attended"])
    if changed:
        log_action(
            actor=actor,
            verb="support.attendance_recorded",
            target=training_class,
            data={"attended": len(attended), "enrolled": len(participants)},
        )
    return len(attended)
