"""/staff/admin/office: the office's identity per language; /staff/admin/wording: residents' wording suggestions;
/staff/admin/language-access: the language-access report and its CSV."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.permissions import Permission, require
from portal.identity import office
from portal.identity.forms import LABELS, MULTILINE, office_form_class
from portal.platform import db
from portal.platform.i18n import BY_TAG, DEFAULT_TAG
from portal.platform.staff_languages import language_label

bp = Blueprint("identity", __name__, url_prefix="/staff/admin")


@bp.route("/office", methods=["GET", "POST"])
@require(Permission.ADMINISTER)
def office_settings():
    form = office_form_class()()
    if form.validate_on_submit():
        if office.save_identity(db.session(), form.versions(), actor=current_user):
            flash(_("The office's details are saved. Resident pages show them within a minute."))
        return redirect(url_for(".office_settings"))
    identity = office.stored_identity(db.session())
    if not form.is_submitted():
        form.fill_from(identity)
    missing = [(language_label(BY_TAG[tag]), [str(LABELS[name]) for name in names])
               for tag, names in identity.missing().items()]
    return render_template("staff/office.html", form=form, fields=office.FIELDS, multiline=MULTILINE,
                           languages=form.languages, default_tag=DEFAULT_TAG, missing=missing,
                           language_label=language_label)
