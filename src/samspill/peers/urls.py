from django.urls import path

from samspill.peers import views

app_name = "peers"

urlpatterns = [
    path("mentoring/profile/", views.mentor_profile, name="mentor_profile"),
    path("mentoring/", views.mentorships, name="mentorships"),
    path("mentoring/<uuid:mentorship_id>/accept/", views.accept, name="accept"),
    path("mentoring/<uuid:mentorship_id>/decline/", views.decline, name="decline"),
    path("mentoring/<uuid:mentorship_id>/end/", views.end, name="end"),
    path("mentoring/<uuid:mentorship_id>/sessions/", views.session, name="session"),
    path("participants/<uuid:participant_id>/mentors/", views.participant_mentors, name="participant_mentors"),
]
