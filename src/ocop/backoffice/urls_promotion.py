"""Back-office URLs of trade promotion: sales points, fairs, buyer inquiries (included in the backoffice namespace)."""

from django.urls import path

from ocop.backoffice.views import promotion

urlpatterns = [
    path("sales-points/", promotion.sales_point_list, name="sales_point_list"),
    path("sales-points/new/", promotion.sales_point_create, name="sales_point_create"),
    path("sales-points/<int:pk>/", promotion.sales_point_detail, name="sales_point_detail"),
    path("sales-points/<int:pk>/edit/", promotion.sales_point_edit, name="sales_point_edit"),
    path("fairs/", promotion.fair_list, name="fair_list"),
    path("fairs/new/", promotion.fair_create, name="fair_create"),
    path("fairs/<int:pk>/", promotion.fair_detail, name="fair_detail"),
    path("fairs/<int:pk>/edit/", promotion.fair_edit, name="fair_edit"),
    path("fairs/<int:pk>/invite/", promotion.fair_invite, name="fair_invite"),
    path("fairs/<int:pk>/register/", promotion.fair_register, name="fair_register"),
    path("fairs/registrations/<int:pk>/", promotion.fair_results, name="fair_results"),
    path("inquiries/", promotion.inquiry_list, name="inquiry_list"),
    path("inquiries/<int:pk>/", promotion.inquiry_detail, name="inquiry_detail"),
    path("inquiries/<int:pk>/answer/", promotion.inquiry_answer, name="inquiry_answer"),
]
