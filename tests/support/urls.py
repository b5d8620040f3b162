from django.urls import reverse


def mentor_url(name, mentor, **kwargs):
    """The address of one of the mentor's pages: mentor_url("change", mentor, page="subject")."""
    return reverse(f"mentors:{name}", kwargs={"urn": mentor.school.urn, "mentor_id": mentor.pk, **kwargs})
