from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("samspill.accounts.urls")),
    path("api/", include("samspill.api.urls")),
    path("employers/", include("samspill.employers.urls")),
    path("programmes/", include("samspill.programmes.urls")),
    path("research/", include("samspill.research.urls")),
    path("", include("samspill.people.urls")),
    path("", include("samspill.pathways.urls")),
    path("", include("samspill.consent.urls")),
    path("", include("samspill.peers.urls")),
    path("", include("samspill.matching.urls")),
    path("", include("samspill.audit.urls")),
    path("", include("samspill.web.urls")),
]
