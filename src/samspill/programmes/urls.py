from django.urls import path

from samspill.programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("new/", views.programme_create, name="programme_create"),
    path("<uuid:programme_id>/", views.programme_detail, name="programme_detail"),
    path("<uuid:programme_id>/edit/", views.programme_edit, name="programme_edit"),
    path("<uuid:programme_id>/refer/", views.referral_create, name="referral_create"),
    path("referrals/", views.referral_list, name="referral_list"),
    path("referrals/<uuid:referral_id>/<slug:action>/", views.referral_transition, name="referral_transition"),
]
