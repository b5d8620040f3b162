"""Sessions, sign-in throttling, the Content Security Policy and security headers (README, "Security")."""

from datetime import timedelta

from csp.constants import NONCE, NONE, SELF

from .dfe_sign_in import DFE_SIGN_IN_ORIGIN

# The session is the only cookie the service sets, and only once a person signs in or starts a journey.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# A signed-in session ends after 2 hours without a request, and 12 hours after signing in whatever happens
# (accounts.middleware). The cookie lasts no longer than a session can.
SESSION_IDLE_TIMEOUT = 2 * 60 * 60
SESSION_ABSOLUTE_TIMEOUT = 12 * 60 * 60
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT

# Sign-in throttling (django-axes): after 5 failed attempts, sign-in is refused for 15 minutes; a success clears
# the count. Attempts are counted per email address and IP address together: by email address alone, anyone could
# lock a known person out from everywhere; by IP address alone, one person could lock out a whole school behind
# one IP address. Guessing from many IP addresses is still held to 5 guesses per IP address per 15 minutes. Every
# email address is counted the same, with or without an account, so the lockout never tells who has one.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in form's field; axes would assume the model's, "email"
AXES_USERNAME_CALLABLE = "accounts.throttling.username"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
# Successful sign-ins are not logged (User.last_login has the latest): no IP address is kept for them, and
# signing in writes one row fewer. accounts.admin shows the failed attempts, where support can unlock an address.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
# No start-up banner in the output of every manage.py command; attempts and lockouts are still logged.
AXES_VERBOSE = False

# Content Security Policy: no inline script or style without this request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        # And DfE Sign-in, where signing out sends the browser on (config/settings/dfe_sign_in.py).
        "form-action": [SELF, *filter(None, [DFE_SIGN_IN_ORIGIN])],
        "frame-ancestors": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Password reset links: an email address may ask for 3 an hour, and an IP address for 20 an hour (a school's staff
# share one), with or without an account (accounts.services.request_password_reset).
PASSWORD_RESET_LIMIT_PER_ADDRESS = 3
PASSWORD_RESET_LIMIT_PER_IP = 20
PASSWORD_RESET_LIMIT_WINDOW = 60 * 60

# Permissions Policy (django-permissions-policy): the browser features the service has no use for are off, for its
# pages and anything they might embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "clipboard-read",
        "display-capture",
        "encrypted-media",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "identity-credentials-get",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "otp-credentials",
        "payment",
        "picture-in-picture",
        "publickey-credentials-create",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "storage-access",
        "usb",
        "web-share",
        "window-management",
        "xr-spatial-tracking",
    ]
}
