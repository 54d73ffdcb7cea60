from django.urls import path

from samspill.matching import views

app_name = "matching"

urlpatterns = [
    path("participants/<uuid:participant_id>/suggestions/", views.suggestions, name="suggestions"),
    path("participants/<uuid:participant_id>/suggestions/decide/", views.decide, name="decide"),
]
