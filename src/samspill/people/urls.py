from django.urls import path

from samspill.people import views

app_name = "people"
urlpatterns = [
    path("participants/", views.caseload, name="caseload"),
    path("participants/new/", views.participant_create, name="participant_create"),
    path("participants/<uuid:participant_id>/", views.participant_detail, name="participant_detail"),
    path("participants/<uuid:participant_id>/edit/", views.participant_edit, name="participant_edit"),
    path("participants/<uuid:participant_id>/health/", views.health_edit, name="health_edit"),
    path("participants/<uuid:participant_id>/languages/", views.language_save, name="language_save"),
    path("participants/<uuid:participant_id>/<slug:section>/add/", views.item_add, name="item_add"),
    path(
        "participants/<uuid:participant_id>/<slug:section>/<uuid:item_id>/remove/",
        views.item_remove,
        name="item_remove",
    ),
    path("shared/", views.shared, name="shared"),
    path("me/", views.me, name="me"),
]
