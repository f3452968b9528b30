from django.urls import path

from ocop.public import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
]
