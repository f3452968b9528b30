from django.urls import path

from ocop.public import calculator, views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("calculator/", calculator.calculator_index, name="calculator"),
    path("calculator/<int:sheet_no>/", calculator.calculator_sheet, name="calculator_sheet"),
    path("calculator/api/", calculator.calculator_api, name="calculator_api"),
]
