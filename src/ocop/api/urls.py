"""/api/v1/: the schema (OpenAPI 3), its browsable documentation served from this system, and the endpoints. Every
read answers with an ETag and honours If-None-Match (304)."""

from django.urls import path
from django.views.decorators.http import conditional_page
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from ocop.api.views import dossiers, national, public, registry, scoring, traceability

app_name = "api"


def endpoint(view_class):
    return conditional_page(view_class.as_view())


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("units/", endpoint(public.UnitList), name="unit_list"),
    path("units/<int:pk>/", endpoint(public.UnitDetail), name="unit_detail"),
    path("catalogue/", endpoint(public.CatalogueList), name="catalogue"),
    path("certificate-check/", endpoint(public.CertificateCheck), name="certificate_check"),
    path("producers/", endpoint(registry.ProducerList), name="producer_list"),
    path("producers/<int:pk>/", endpoint(registry.ProducerDetail), name="producer_detail"),
    path("products/", endpoint(registry.ProductList), name="product_list"),
    path("products/<int:pk>/", endpoint(registry.ProductDetail), name="product_detail"),
    path("certificates/", endpoint(registry.CertificateList), name="certificate_list"),
    path("certificates/<int:pk>/", endpoint(registry.CertificateDetail), name="certificate_detail"),
    path("plans/", endpoint(registry.PlanList), name="plan_list"),
    path("plans/<int:pk>/targets/", endpoint(registry.PlanTargets), name="plan_targets"),
    path("stamp-batches/", endpoint(registry.StampBatchList), name="stamp_batch_list"),
    path("events/", endpoint(registry.EventList), name="event_list"),
    path("epcis/capture/", endpoint(traceability.EpcisCapture), name="epcis_capture"),
    path("national-export/", endpoint(national.NationalExport), name="national_export"),
    path("national-export/schema/", endpoint(national.NationalExportSchema), name="national_export_schema"),
    path("dossiers/", endpoint(dossiers.DossierList), name="dossier_list"),
    path("dossiers/<int:pk>/", endpoint(dossiers.DossierDetail), name="dossier_detail"),
    path("dossiers/<int:pk>/submit/", endpoint(dossiers.DossierSubmit), name="dossier_submit"),
    path("score-sheets/", endpoint(scoring.ScoreSheetList), name="score_sheet_list"),
    path("score-sheets/<int:pk>/", endpoint(scoring.ScoreSheetDetail), name="score_sheet_detail"),
    path("score-sheets/<int:pk>/submit/", endpoint(scoring.ScoreSheetSubmit), name="score_sheet_submit"),
]
