"""Support records built through the domain functions."""

import datetime

from ocop.support.domain import ip_cases, training
from tests.factories import NINH_THUAN, make_producer, unit

D = datetime.date
TODAY = D(2026, 11, 28)
CLASS_DAYS = (D(2024, 4, 2), D(2024, 4, 4))


def make_class(*, starts_on=CLASS_DAYS[0], ends_on=CLASS_DAYS[1], unit_key=NINH_THUAN, **fields):
    values = {
        "topic": "Tập huấn chu trình OCOP cho cán bộ cấp xã",
        "place": "Hội trường Sở NN&PTNT, Phan Rang",
        "trainer": "Văn phòng Điều phối NTM tỉnh",
    }
    return training.create_training_class(
        actor=None, starts_on=starts_on, ends_on=ends_on, unit=unit(*unit_key), **(values | fields)
    )


def make_case(producer=None, *, granted_on=None, **fields):
    values = {"kind": "collective_mark", "mark": "Nho Ninh Thuận"}
    if granted_on is not None:
        values |= {
            "status": "granted",
            "filed_on": granted_on - datetime.timedelta(days=200),
            "granted_on": granted_on,
            "certificate_number": "4-0512345-000",
        }
    return ip_cases.open_ip_case(actor=None, producer=producer or make_producer(), today=TODAY, **(values | fields))
