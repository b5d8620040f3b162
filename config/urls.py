from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Manage ITT mentors: administration"
admin.site.site_title = "Manage ITT mentors admin"
admin.site.index_title = "Support"

urlpatterns = [
    path("", include("organisations.urls")),
    path("", include("schools.urls")),
    path("", include("accounts.urls")),
    path("", include("pages.urls")),
    path("", include("mentors.urls")),
    path("", include("health.urls")),
    path("", include("providers.urls")),
    path("", include("claims.urls")),
    path("", include("partnerships.urls")),
    path("", include("reports.urls")),
    path("", include("api.urls")),
    path("admin/", admin.site.urls),
]
