"""The council's minutes (biên bản) in the administrative format, with the score table of the session."""

from django.utils import translation

from ocop.common.papers.numbers import vi_number
from ocop.common.papers.official import Column, Heading, OfficialDocument, Paragraph, Signature, Table
from ocop.councils.domain.results import overview, quorum_problems
from ocop.councils.domain.sessions import visible_notes
from ocop.councils.enums import MemberRole
from ocop.councils.models import Session

# Where the Ministry's own council (no area) dates its papers: the Ministry sits in Hà Nội.
MINISTRY_SEAT = "Hà Nội"


def minutes(session: Session, viewer=None) -> tuple[OfficialDocument, list]:
    """The minutes; printed by a member who has not submitted a product's sheet (a draft), or whose seat is
    conflicted with its producer (the chair and the secretary too), they leave that product's figures and notes out."""
    council = session.council
    members = list(council.members.filter(active=True).select_related("user__organisation").order_by("role"))
    present = set(session.attendees.values_list("pk", flat=True))
    chair = next((m for m in members if m.role == MemberRole.CHAIR), None)
    secretary = next((m for m in members if m.role == MemberRole.SECRETARY), None)
    rows = overview(session, viewer=viewer)
    document = OfficialDocument(
        issuing_body=council.name,
        doc_type="Biên bản",
        subject=f"Họp đánh giá, phân hạng sản phẩm OCOP – {session.round}",
        number=session.minutes_number,
        symbol="BB-HĐ",
        place=council.unit.short_name if council.unit is not None else MINISTRY_SEAT,
        date=session.held_on,
        recipients=("Cơ quan thường trực Chương trình OCOP", "Thành viên Hội đồng", "Lưu: VT"),
        signature=Signature(authority="Chủ tịch Hội đồng", name=str(chair.user) if chair else ""),
        draft=session.state == "open",
    )
    body = [
        Paragraph(
            f"Hôm nay, ngày {session.held_on:%d/%m/%Y}, tại {session.place or council.area_name}, "
            f"{council.name} họp đánh giá, phân hạng các sản phẩm của {session.round}."
        ),
        Heading("I. Thành phần"),
        Table(
            columns=(
                Column("TT", 12, "center"),
                Column("Họ và tên", 60),
                Column("Chức danh", 45),
                Column("Có mặt", 25, "center"),
            ),
            rows=[
                (str(n), str(m.user), m.get_role_display(), "x" if m.pk in present else "vắng")
                for n, m in enumerate(members, start=1)
            ],
        ),
        Paragraph(
            f"Có mặt {len(present)}/{len(members)} thành viên. "
            + ("Đủ điều kiện họp." if not quorum_problems(session) else "Chưa đủ điều kiện họp.")
        ),
        Heading("II. Kết quả chấm điểm"),
        Paragraph(
            "Kết quả là điểm trung bình cộng tổng điểm của các thành viên; chênh lệch tổng điểm giữa các thành viên "
            f"được phép không quá {vi_number(council.allowed_spread)} điểm."
        ),
        *[Paragraph(text) for text in _council_rules(rows)],
        Table(
            columns=(
                Column("TT", 10, "center"),
                Column("Sản phẩm – chủ thể", 62),
                Column("Điểm các thành viên", 45),
                Column("Điểm TB", 18, "right"),
                Column("Hạng", 18, "center"),
            ),
            rows=[_score_row(n, row) for n, row in enumerate(rows, start=1)],
        ),
    ]
    body += [Paragraph(text) for text in _spread_paragraphs(rows, council.allowed_spread)]
    notes = list(visible_notes(session, viewer).select_related("dossier__product"))
    if notes:
        body.append(Heading("III. Ý kiến của Tổ tư vấn"))
        body += [
            Paragraph(f"{note.dossier.product.name}: {note.get_kind_display().lower()} – {note.text}") for note in notes
        ]
    body.append(Paragraph(f"Thư ký Hội đồng: {secretary.user if secretary else '…'}.", indent=False, italic=True))
    return document, body


def _score_row(number: int, row: dict) -> tuple[str, ...]:
    score = row["score"]
    if row.get("hidden"):
        return (
            str(number),
            f"{row['dossier'].product.name} – {row['dossier'].producer.name}",
            "không hiển thị (xung đột lợi ích)"
            if row["conflicted"]
            else f"đã nộp {row['submitted']}/{len(row['sheets'])} phiếu",
            "–",
            "–",
        )
    totals = "; ".join(vi_number(total, 2) for _sheet, total in row["sheets"] if total is not None)
    if score is None:
        star = "–"
    elif score.disqualified:
        star = "loại"
    else:
        star = f"{score.star} sao" if score.star else "–"
    return (
        str(number),
        f"{row['dossier'].product.name} – {row['dossier'].producer.name}",
        totals or "–",
        vi_number(score.mean, 2) if score else "–",
        star,
    )


def _council_rules(rows: list[dict]) -> list[str]:
    """How the star minima and the disqualifying faults were decided across members, by each rule set scored under."""
    rule_sets = {row["dossier"].rule_set for row in rows if row["dossier"].rule_set_id}
    with translation.override("vi"):
        return [
            f"Theo {rule_set.title}: mức tối thiểu của hạng sao {rule_set.minimum_rule.label}; "
            f"{rule_set.disqualification_rule.label}."
            for rule_set in sorted(rule_sets, key=lambda rule_set: rule_set.valid_from)
        ]


def _spread_paragraphs(rows: list[dict], allowed) -> list[str]:
    """What the council did about each product whose members' totals were further apart than it allows."""
    paragraphs = []
    for row in rows:
        resolution = row["spread_resolution"]
        if resolution is None:
            continue
        text = (
            f"{row['dossier'].product.name}: tổng điểm các thành viên chênh lệch {vi_number(row['score'].spread, 2)} "
            f"điểm, vượt mức cho phép {vi_number(allowed)} điểm."
        )
        if resolution.rescores:
            reasons = "; ".join(rescore.reason.rstrip(".") for rescore in resolution.rescores)
            text += f" Hội đồng đã thảo luận và các thành viên chấm lại (lý do: {reasons})."
        if resolution.reason:
            text += f" Chủ tịch Hội đồng ghi nhận lý do giữ kết quả: {resolution.reason.reason.rstrip('.')}."
        if not resolution.resolved:
            text += " Hội đồng chưa chấm lại, Chủ tịch Hội đồng chưa ghi nhận lý do."
        paragraphs.append(text)
    return paragraphs
