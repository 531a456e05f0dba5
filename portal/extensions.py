"""Extensions created unbound; create_app binds them."""
from flask import request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

babel = Babel()
csrf = CSRFProtect()
# The address is only a key for a short-lived counter (memory or Redis); it is never stored or logged.
limiter = Limiter(key_func=get_remote_address, default_limits=[])
login_manager = LoginManager()
login_manager.login_view = "accounts.login"
login_manager.login_message = None  # the sign-in page explains itself


@limiter.request_filter
def _only_forms_sent_count() -> bool:
    """Every limit counts forms sent (POST); reading a page never counts, and skips the limiter's work."""
    return request.method != "POST"
