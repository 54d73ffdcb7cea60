from django.urls import path

from samspill.consent import views

app_name = "consent"
urlpatterns = [
    path("participants/<uuid:participant_id>/consents/", views.participant_consents, name="participant_consents"),
    path("participants/<uuid:participant_id>/consents/<uuid:consent_id>/withdraw/", views.withdraw, name="withdraw"),
]
