from django.urls import path

from samspill.matching import views, views_evaluation

app_name = "matching"

urlpatterns = [
    path("participants/<uuid:participant_id>/suggestions/", views.suggestions, name="suggestions"),
    path("participants/<uuid:participant_id>/suggestions/decide/", views.decide, name="decide"),
    path("participants/<uuid:participant_id>/suggestions/wishes/", views.wishes_save_view, name="wishes"),
    path("matching/weights/", views.weights, name="weights"),
    path("matching/weights/<uuid:organisation_id>/<str:matcher>/", views.weights_save, name="weights_save"),
    path("matching/evaluation/", views_evaluation.evaluation, name="evaluation"),
]
