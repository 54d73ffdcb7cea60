from django.urls import path

from samspill.audit import views

app_name = "audit"
urlpatterns = [
    path("me/access-log/", views.my_access_log, name="my_access_log"),
]
