from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class IPKind(models.TextChoices):
    """What is being protected (Luật Sở hữu trí tuệ): the kinds of mark and the geographical indication."""

    COLLECTIVE_MARK = "collective_mark", _("Collective mark")
    CERTIFICATION_MARK = "certification_mark", _("Certification mark")
    GEOGRAPHICAL_INDICATION = "geographical_indication", _("Geographical indication")
    ORDINARY_MARK = "ordinary_mark", _("Ordinary mark")


class IPStatus(models.TextChoices):
    PREPARING = "preparing", _("Preparing the application")
    FILED = "filed", _("Filed")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


CLOSED_IP_STATUSES = (IPStatus.GRANTED, IPStatus.REFUSED, IPStatus.WITHDRAWN)


class FundingSource(models.TextChoices):
    """The sources section IV of plan 706 names, and the rest."""

    NEW_RURAL = "new_rural", _("National target programme on new rural development")
    POVERTY = "poverty", _("National target programme on sustainable poverty reduction")
    INDUSTRY_PROMOTION = "industry_promotion", _("Industry and trade promotion programme")
    ENTERPRISE = "enterprise", _("Enterprises and producers")
    OTHER = "other", _("Other sources")


# How the plan's report names each source (reports are written in Vietnamese whatever the reader's language).
SOURCE_VI = {
    FundingSource.NEW_RURAL: "Chương trình MTQG xây dựng nông thôn mới",
    FundingSource.POVERTY: "Chương trình MTQG giảm nghèo bền vững",
    FundingSource.INDUSTRY_PROMOTION: "Chương trình khuyến công và xúc tiến thương mại",
    FundingSource.ENTERPRISE: "Vốn của doanh nghiệp, chủ thể sản xuất",
    FundingSource.OTHER: "Nguồn khác",
}


class FundingMovement(models.TextChoices):
    ALLOCATED = "allocated", _("Allocated (planned)")
    SPENT = "spent", _("Spent")


class SupportKind(models.TextChoices):
    """What a producer was supported with."""

    STAMPS = "stamps", _("Stamps")
    PACKAGING = "packaging", pgettext_lazy("support received", "Packaging")
    FAIRS = "fairs", _("Fairs and trade promotion")
    TRAINING = "training", _("Training")
    TRADEMARK = "trademark", _("Trademark and IP")
    OTHER = "other", _("Other support")
