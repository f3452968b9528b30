"""The dossier's papers in the administrative format: the registration receipt and the printable summary."""

from django.utils import timezone

from ocop.common.papers.numbers import vi_number
from ocop.common.papers.official import Column, Heading, OfficialDocument, Paragraph, Signature, Table
from ocop.dossiers import checklist
from ocop.dossiers.domain.drafting import scoring_sheet
from ocop.dossiers.domain.routing import evaluating_area
from ocop.dossiers.enums import Level
from ocop.dossiers.models import Dossier
from ocop.evaluation.domain.scoring import score_sheet, usable_answers
from ocop.producers import product_sets

COUNCIL_LEVEL = {Level.DISTRICT: "cấp huyện", Level.PROVINCE: "cấp tỉnh"}


def _number_and_symbol(dossier: Dossier) -> tuple[str, str]:
    """ "01/PĐK-56-22846-2026" → ("01", "PĐK-56-22846-2026"); a draft has neither yet."""
    number, _slash, symbol = dossier.receipt_number.partition("/")
    return number, symbol


def _review_promise(dossier: Dossier) -> str:
    """When the commune promised, on filing, to have checked the dossier: the first review's deadline, which later
    steps (supplements, forwarding, the round) never change. A dossier filed before reviews were recorded has none:
    the receipt then states the rule."""
    first_review = dossier.commune_reviews.order_by("started_on", "pk").first()
    if first_review is not None:
        return f"trước ngày {first_review.due_on:%d/%m/%Y}"
    return f"trong {dossier.rule_set.commune_review_working_days} ngày làm việc kể từ ngày tiếp nhận"


def receipt(dossier: Dossier) -> tuple[OfficialDocument, list]:
    """Phiếu tiếp nhận: the commune's acknowledgement, with the receipt number and the review deadline. It reads the
    same whatever state the dossier has reached since."""
    commune = dossier.commune
    # Where the dossier was to go when it was filed (a council may have sent it up or back since).
    level, area = evaluating_area(commune, dossier.rule_set)
    number, symbol = _number_and_symbol(dossier)
    document = OfficialDocument(
        superior_body=f"UBND {commune.parent.name}" if commune.parent_id else "",
        issuing_body=f"UBND {commune.name}",
        number=number,
        symbol=symbol,
        place=commune.short_name,
        date=dossier.filed_on,
        doc_type="Phiếu tiếp nhận",
        subject="Hồ sơ đăng ký đánh giá, phân hạng sản phẩm OCOP",
        recipients=(dossier.producer.name, "Lưu: VT"),
        signature=Signature(authority="Người tiếp nhận", name=""),
    )
    body = [
        Paragraph(f"UBND {commune.name} đã tiếp nhận hồ sơ đăng ký đánh giá, phân hạng sản phẩm OCOP của:"),
        Table(
            columns=(Column("", 55), Column("", 110)),
            rows=[
                ("Chủ thể", dossier.producer.name),
                ("Địa chỉ", f"{dossier.producer.address} {dossier.producer.unit.name}".strip()),
                ("Sản phẩm", f"{dossier.product.name} (mã {dossier.product.code})"),
                ("Bộ sản phẩm", dossier.product.product_set_info.label),
                ("Hình thức", dossier.get_kind_display()),
                ("Số mẫu sản phẩm", str(dossier.samples_count)),
                ("Quy định áp dụng", dossier.rule_set.title),
            ],
        ),
        Paragraph(
            f"Hồ sơ được kiểm tra và báo cáo theo mẫu 03 {_review_promise(dossier)}, sau đó "
            f"chuyển Hội đồng đánh giá, phân hạng sản phẩm OCOP {COUNCIL_LEVEL[level]} ({area.name}). "
            "Chủ thể theo dõi hồ sơ và bổ sung khi được yêu cầu trên Hệ thống OCOP."
        ),
    ]
    return document, body


def summary(dossier: Dossier) -> tuple[OfficialDocument, list]:
    """Tóm tắt hồ sơ: form 01 facts, the evidence checklist and the self-score, for the file and the council."""
    number, symbol = _number_and_symbol(dossier)
    document = OfficialDocument(
        issuing_body=dossier.producer.name,
        doc_type="Tóm tắt hồ sơ",
        subject=f"Đánh giá, phân hạng sản phẩm OCOP: {dossier.product.name}",
        place=dossier.producer.unit.short_name,
        date=dossier.filed_on or timezone.localdate(),
        number=number,
        symbol=symbol,
        recipients=(f"UBND {dossier.commune.name}" if dossier.commune_id else "", "Lưu: hồ sơ"),
        signature=Signature(authority="Đại diện chủ thể", name=dossier.producer.representative_name),
    )
    product_set = dossier.filed_product_set
    provided = set(dossier.evidence.values_list("requirement", flat=True))
    body = [
        Heading("I. Thông tin chung"),
        Table(
            columns=(Column("", 55), Column("", 110)),
            rows=[
                ("Chủ thể", f"{dossier.producer.name} ({dossier.producer.get_legal_form_display()})"),
                ("Người đại diện", dossier.producer.representative_name or "–"),
                ("Sản phẩm", f"{dossier.product.name} – mã {dossier.product.code}"),
                ("Bộ sản phẩm", product_sets.BY_NUMBER[product_set].label),
                ("Hình thức đánh giá", dossier.get_kind_display()),
                ("Số phiếu tiếp nhận", dossier.receipt_number or "chưa nộp"),
            ],
        ),
        Heading("II. Hồ sơ minh chứng"),
        Table(
            columns=(Column("TT", 12, "center"), Column("Nội dung", 110), Column("Tình trạng", 43)),
            rows=[
                (str(n), str(r.label), "Có" if r.code in provided else ("Thiếu" if r.required(product_set) else "–"))
                for n, r in enumerate(checklist.requirements_for(product_set), start=1)
            ],
        ),
    ]
    if dossier.self_score_answers:
        sheet = scoring_sheet(dossier)
        score = score_sheet(sheet, usable_answers(sheet, dossier.self_score_answers))
        body += [
            Heading("III. Tự đánh giá"),
            Paragraph(
                f"Tổng điểm tự chấm: {vi_number(score.total)}/100 ("
                + ", ".join(f"phần {part}: {vi_number(points)}" for part, points in score.parts.items())
                + ")."
            ),
        ]
    for title, text in (
        ("Kết quả thực hiện phương án kinh doanh", dossier.business_plan_results),
        ("Kế hoạch những năm tới", dossier.future_plan),
    ):
        if text:
            body += [Heading(title, level=2), Paragraph(text)]
    return document, body
