from django.urls import path

from ocop.public import calculator, promotion, stamps, views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("calculator/", calculator.calculator_index, name="calculator"),
    path("calculator/<int:sheet_no>/", calculator.calculator_sheet, name="calculator_sheet"),
    path("calculator/api/", calculator.calculator_api, name="calculator_api"),
    # The certificate check: the QR code on a certificate opens c/<number>/ (numbers contain a slash).
    path("certificates/", views.certificate_search, name="certificate_search"),
    path("c/<path:number>/json/", views.certificate_json, name="certificate_json"),
    path("c/<path:number>/", views.certificate, name="certificate"),
    # The stamp scan: GS1 Digital Link URIs, with no trailing slash (a redirect costs a cheap phone a round trip).
    path("01/<str:gtin>/21/<str:serial>", stamps.stamp_by_gtin, name="stamp_by_gtin"),
    path("ocop/<str:code>/21/<str:serial>", stamps.stamp_by_code, name="stamp_by_code"),
    path("products/", views.catalogue, name="catalogue"),
    path("products/json/", views.catalogue_json, name="catalogue_json"),
    path("producers/<int:pk>/", views.producer, name="producer"),
    path("producers/<int:pk>/json/", views.producer_json, name="producer_json"),
    # Trade promotion: buyers ask for products (kết nối cung – cầu); partners read the catalogue as a feed.
    path("buyers/", promotion.inquiry, name="inquiry"),
    path("feeds/products.json", promotion.catalogue_feed_json, name="catalogue_feed_json"),
    path("feeds/products.csv", promotion.catalogue_feed_csv, name="catalogue_feed_csv"),
]
