"""Sign-in, two-factor, one's own account, and the admin's users and settings pages."""
from __future__ import annotations

from datetime import UTC, datetime

import segno
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _, lazy_gettext as _l, ngettext
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from portal.platform import db
from portal.accounts import sessions
from portal.accounts.forms import (
    AuditFilterForm, ChangePasswordForm, CodeForm, EditUserForm, NewUserForm, ResetPasswordForm, SettingsForm,
    SignInCodeForm, SignInForm, WatchForm,
)
from portal.accounts.permissions import Permission, can, require
from portal.models import Role, User, active_categories
from portal.platform.forms import PortalForm
from portal.platform.links import staff_path_or
from portal.platform.rate_limits import limit_posts
from portal.platform.office_name import office_name_in_english
from portal.accounts import service as accounts
from portal.accounts import audit as audit_service
from portal.accounts.passwords import verify_password

bp = Blueprint("accounts", __name__, url_prefix="/staff")
PENDING_USER, PENDING_SECRET, NEXT_URL = "pending_user", "pending_totp_secret", "next_url"
AUDIT_PAGE_SIZE = 100
CODES_PREFIX = "codes"  # the second code field on the two-factor page, for new recovery codes
WRONG_CREDENTIALS = _l("The email or password is wrong, or the account is locked for a while. Try again later.")


def _lockout_policy() -> accounts.LockoutPolicy:
    return accounts.LockoutPolicy(current_app.config["LOCKOUT_ATTEMPTS"], current_app.config["LOCKOUT_MINUTES"])


def staff_home() -> str:
    """The inbox for those who triage; the queue for translators; the dashboard for the mayor's office."""
    if can(current_user, Permission.TRIAGE):
        return url_for("triage.inbox")
    if can(current_user, Permission.TRANSLATE):
        return url_for("translation.queues")
    return url_for("dashboard.dashboard")


def _finish_sign_in(user: User):
    next_url = session.get(NEXT_URL)
    session.clear()  # a new session at sign-in: nothing from before it survives
    now = datetime.now(UTC)
    sessions.start(user, now)
    accounts.complete_sign_in(db.session(), user, now)
    return redirect(staff_path_or(next_url, staff_home()))


@bp.route("/login", methods=["GET", "POST"])
@limit_posts("SIGN_IN_LIMIT")
def login():
    if current_user.is_authenticated:
        return redirect(staff_home())
    form = SignInForm()
    if request.method == "GET":
        session[NEXT_URL] = request.args.get("next")
    if form.validate_on_submit():
        user = accounts.check_password(db.session(), form.email.data, form.password.data,
                                       datetime.now(UTC), _lockout_policy())
        if user is None:
            form.password.errors.append(WRONG_CREDENTIALS)
        elif user.two_factor_enabled:
            session[PENDING_USER] = user.get_id()
            return redirect(url_for(".two_factor_code"))
        else:
            return _finish_sign_in(user)
    return render_template("staff/login.html", form=form, expired=request.args.get("expired"))


@bp.route("/login/code", methods=["GET", "POST"])
@limit_posts("SIGN_IN_LIMIT")
def two_factor_code():
    user = sessions.user_for(session.get(PENDING_USER, ""))
    if user is None:
        return redirect(url_for(".login"))
    form = SignInCodeForm()
    if form.validate_on_submit():
        now = datetime.now(UTC)
        if not accounts.is_locked(user, now):
            if accounts.accept_code(db.session(), user, form.code.data, now):
                return _finish_sign_in(user)
            if accounts.use_recovery_code(db.session(), user, form.code.data):
                left = len(user.recovery_code_hashes)
                response = _finish_sign_in(user)
                flash(ngettext("You signed in with a recovery code. %(num)d code is left: make new ones under "
                               "Your account.", "You signed in with a recovery code. %(num)d codes are left.", left))
                return response
        accounts.register_failure(db.session(), user, now, _lockout_policy(), reason="code")
        form.code.errors.append(_("That code is not right. Codes change every 30 seconds."))
    return render_template("staff/two_factor_code.html", form=form)


@bp.post("/logout")
@require(Permission.SIGNED_IN)
def logout():
    sessions.end()
    return redirect(url_for(".login"))


@bp.route("/account", methods=["GET", "POST"])
@require(Permission.SIGNED_IN)
def account():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not verify_password(current_user.password_hash, form.current.data):
            form.current.errors.append(_("That is not your current password."))
        else:
            user = db.session().get_one(User, current_user.id)  # the object itself: Flask-Login keeps what it is given
            accounts.set_password(db.session(), user, form.new.data, actor=user)
            sessions.renew(user, datetime.now(UTC))
            flash(_("Your password is changed. Your other sessions have ended."))
            return redirect(url_for(".account"))
    return _render_account(form)


def _render_account(form: ChangePasswordForm):
    return render_template("staff/account.html", form=form, watch_form=_watch_form())


def _watch_form(formdata=None) -> WatchForm | None:
    """Alerts are for those who can open submissions; viewers have none."""
    if not can(current_user, Permission.TRIAGE):
        return None
    form = WatchForm(formdata=formdata, categories=list(current_user.watched_categories or []),
                     weekly_digest=current_user.weekly_digest)
    form.categories.choices = [SelectChoice(category.slug, category.name_in("en"))
                               for category in active_categories(db.session())]
    return form


@bp.post("/account/alerts")
@require(Permission.TRIAGE)
def watch_categories():
    form = _watch_form(request.form)
    assert form is not None  # only those with alerts (Permission.TRIAGE) come here
    if form.validate_on_submit():
        current_user.watched_categories = sorted(form.categories.data or [])
        current_user.weekly_digest = form.weekly_digest.data
        flash(_("Saved. You get an email when a new submission arrives about the topics you chose.")
              if current_user.watched_categories else _("Saved. You get no alerts about new submissions."))
        return redirect(url_for(".account"))
    return render_template("staff/account.html", form=ChangePasswordForm(formdata=None), watch_form=form)


@bp.route("/account/two-factor", methods=["GET", "POST"])
@require(Permission.SIGNED_IN)
def two_factor():
    if current_user.two_factor_enabled:
        return render_template("staff/two_factor_enabled.html", form=CodeForm(),
                               codes_form=CodeForm(prefix=CODES_PREFIX))
    secret = session.get(PENDING_SECRET) or accounts.new_totp_secret()
    session[PENDING_SECRET] = secret
    form = CodeForm()
    if form.validate_on_submit():
        if accounts.accept_code(db.session(), current_user, form.code.data, datetime.now(UTC),
                                secret=secret):
            codes = accounts.enable_two_factor(db.session(), current_user, secret)
            session.pop(PENDING_SECRET)
            return render_template("staff/recovery_codes.html", codes=codes, first=True)
        form.code.errors.append(_("That code is not right. Check the time on your phone and try again."))
    uri = accounts.totp_uri(secret, current_user.email, office_name_in_english())
    qr_svg = segno.make(uri, error="m").svg_inline(scale=4, title=_("QR code for your authenticator app"))
    return render_template("staff/two_factor_enrol.html", form=form, qr_svg=qr_svg, secret=secret)


@bp.post("/account/two-factor/off")
@require(Permission.SIGNED_IN)
def two_factor_off():
    form = CodeForm()
    if form.validate_on_submit() and accounts.accept_code(db.session(), current_user, form.code.data,
                                                          datetime.now(UTC)):
        if sessions.two_factor_required():
            flash(_("Two-factor sign-in is required for everyone, so it cannot be turned off."))
        else:
            accounts.disable_two_factor(db.session(), current_user, actor=current_user)
            flash(_("Two-factor sign-in is off."))
        return redirect(url_for(".account"))
    form.code.errors.append(_("That code is not right."))
    return render_template("staff/two_factor_enabled.html", form=form, codes_form=CodeForm(prefix=CODES_PREFIX))


@bp.post("/account/two-factor/recovery-codes")
@require(Permission.SIGNED_IN)
def new_recovery_codes():
    """New recovery codes, for a current code from the app; the earlier ones stop working."""
    form = CodeForm(prefix=CODES_PREFIX)
    if form.validate_on_submit() and current_user.two_factor_enabled and accounts.accept_code(
            db.session(), current_user, form.code.data, datetime.now(UTC)):
        return render_template("staff/recovery_codes.html", codes=accounts.new_recovery_codes(db.session(),
                                                                                              current_user))
    form.code.errors.append(_("That code is not right."))
    return render_template("staff/two_factor_enabled.html", form=CodeForm(formdata=None), codes_form=form)


@bp.route("/admin/users", methods=["GET", "POST"])
@require(Permission.ADMINISTER)
def users():
    form = NewUserForm()
    if form.validate_on_submit():
        user = accounts.create_user(db.session(), email=form.email.data, password=form.password.data,
                                    role=Role(form.role.data), name=form.name.data or "", actor=current_user)
        flash(_("Account created for %(email)s.", email=user.email))
        return redirect(url_for(".users"))
    return _render_users(form)


def _render_users(form: NewUserForm):
    everyone = db.session().scalars(select(User).order_by(User.email)).all()
    return render_template("staff/users.html", form=form, users=everyone, edit_form=EditUserForm,
                           reset_form=ResetPasswordForm, action_form=PortalForm())


@bp.errorhandler(accounts.AccountError)
def _refused(error: accounts.AccountError):
    """The blueprint's one answer to an AccountError that escaped a view, its changes rolled back: the form again
    with what was typed and the message under its field (a new password refused, a new account refused)."""
    if request.endpoint == "accounts.account":
        password_form = ChangePasswordForm()
        password_form.new.errors = [str(error)]
        return _render_account(password_form)
    form = NewUserForm()
    form.email.errors = [str(error)]
    return _render_users(form)


@bp.post("/admin/users/<int:user_id>")
@require(Permission.ADMINISTER)
def edit_user(user_id: int):
    user = db.session().get(User, user_id) or abort(404)
    form = EditUserForm(prefix=f"user{user_id}")
    if form.validate_on_submit():
        if user.id == current_user.id and (not form.active.data or form.role.data != Role.ADMIN.value):
            flash(_("You cannot disable your own account or remove your own admin role."))
        else:
            accounts.set_role(db.session(), user, Role(form.role.data), actor=current_user)
            if user.role is Role.TRANSLATOR:
                accounts.set_translator_languages(db.session(), user, form.translator_languages.data or [],
                                                  actor=current_user)
            if form.active.data != user.active:
                accounts.set_active(db.session(), user, form.active.data, actor=current_user)
            flash(_("Saved %(email)s.", email=user.email))
    return redirect(url_for(".users"))


@bp.post("/admin/users/<int:user_id>/password")
@require(Permission.ADMINISTER)
def reset_password(user_id: int):
    """For a locked-out colleague: a first password the admin passes on; they choose their own after signing in."""
    user = _colleague_or_404(user_id)
    form = ResetPasswordForm(prefix=f"reset{user_id}")
    if form.validate_on_submit():
        accounts.reset_password(db.session(), user, form.password.data, actor=current_user)
        flash(_("New first password set for %(email)s. Give it to them in a safe way; they choose their own when "
                "they sign in. Their sessions have ended.", email=user.email))
    else:
        flash(_("Password not changed for %(email)s: %(problem)s", email=user.email,
                problem=" ".join(str(error) for error in form.password.errors)))
    return redirect(url_for(".users", _anchor=f"user-{user.id}"))


@bp.post("/admin/users/<int:user_id>/two-factor")
@require(Permission.ADMINISTER)
def reset_two_factor(user_id: int):
    user = _colleague_or_404(user_id)
    if PortalForm().validate_on_submit() and user.two_factor_enabled:
        accounts.reset_two_factor(db.session(), user, actor=current_user)
        flash(_("Two-factor sign-in is reset for %(email)s. They set it up again when they next sign in.",
                email=user.email))
    return redirect(url_for(".users", _anchor=f"user-{user.id}"))


def _colleague_or_404(user_id: int) -> User:
    """Another person's account: an admin changes their own password and two-factor under Your account."""
    user = db.session().get(User, user_id)
    if user is None or user.id == current_user.id:
        abort(404)
    return user


@bp.route("/admin/settings", methods=["GET", "POST"])
@require(Permission.ADMINISTER)
def settings():
    form = SettingsForm(require_two_factor=sessions.two_factor_required())
    if form.validate_on_submit():
        accounts.set_two_factor_required(db.session(), form.require_two_factor.data, actor=current_user)
        flash(_("Settings saved."))
        return redirect(url_for(".settings"))
    return render_template("staff/settings.html", form=form)


@bp.get("/audit")
@require(Permission.ADMINISTER)
def audit_log():
    form = AuditFilterForm(request.args)
    form.actor.choices = [SelectChoice("", _("Anyone"))] + [
        SelectChoice(str(user.id), user.email) for user in db.session().scalars(select(User).order_by(User.email))]
    form.validate()
    filters = audit_service.AuditFilters(
        action=form.action.data or None, actor_id=int(form.actor.data) if form.actor.data else None,
        since=form.since.data if not form.since.errors else None,
        until=form.until.data if not form.until.errors else None)
    before = request.args.get("before", type=int)
    events, next_before = audit_service.page(db.session(), filters, before, AUDIT_PAGE_SIZE)
    return render_template("staff/audit.html", form=form, events=events, next_before=next_before,
                           filters=filters, first_page=before is None)
