"""How django-axes tells one sign-in attempt from another (see the AXES_ settings)."""


def username(request, credentials):
    """The email address tried, as sign-in matches it: the same address in any case or spacing counts as one."""
    data = credentials if credentials is not None else request.POST
    return (data.get("username") or "").strip().lower()


def client_ip_behind_proxy(request):
    """The address that connected to our TLS proxy: the last X-Forwarded-For entry, which the proxy adds. Entries
    before it come from the client, who could forge a new address for every attempt."""
    forwarded_for = request.META.get("HTTP_X_FORWARDED_FOR", "")
    # A request made in code (a test client signing a user in) may have no address at all.
    return forwarded_for.rsplit(",", 1)[-1].strip() or request.META.get("REMOTE_ADDR", "")
