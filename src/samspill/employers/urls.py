from django.urls import path

from samspill.employers import views

app_name = "employers"
urlpatterns = [
    path("opportunities/", views.opportunity_list, name="opportunity_list"),
    path("opportunities/new/", views.opportunity_create, name="opportunity_create"),
    path("opportunities/<uuid:opportunity_id>/", views.opportunity_detail, name="opportunity_detail"),
    path("opportunities/<uuid:opportunity_id>/edit/", views.opportunity_edit, name="opportunity_edit"),
    path("opportunities/<uuid:opportunity_id>/candidates/", views.candidate_propose, name="candidate_propose"),
    path("contacts/", views.contact_log, name="contact_log"),
    path("placements/", views.placement_list, name="placement_list"),
    path("placements/new/", views.placement_start, name="placement_start"),
    path("placements/<uuid:placement_id>/", views.placement_detail, name="placement_detail"),
    path("placements/<uuid:placement_id>/edit/", views.placement_edit, name="placement_edit"),
    path("placements/<uuid:placement_id>/end/", views.placement_end, name="placement_end"),
    path("<uuid:organisation_id>/", views.employer_profile, name="employer_profile"),
]
