"""Extensions created unbound; create_app binds them."""
from flask_babel import Babel
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "accounts.login"
login_manager.login_message = None  # the sign-in page explains itself
