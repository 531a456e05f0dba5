"""What residents read, as a registry: each resident page (by endpoint), email and flyer, with the files whose
messages make it. The "Suggest better wording" link names a page from here, and the language-access report checks
each entry's messages against every catalog. A feature adding a resident page or email adds a line here, e.g.
    page("public.outcomes", "What the city did", "templates/public/outcomes.html"),"""
from __future__ import annotations

from dataclasses import dataclass

PAGE, EMAIL, FLYER = "page", "email", "flyer"


@dataclass(frozen=True)
class ResidentText:
    key: str  # a page's endpoint; "email/receipt"; "flyer"
    label: str  # in English, for the back office
    kind: str
    sources: tuple[str, ...]  # files (from the repository's root) whose messages it shows


# Every page also shows these: the header, footer, language switcher and form macros.
EVERY_PAGE = ("templates/base.html", "templates/macros/forms.html", "portal/platform/forms.py")
_MEETING_PARTS = ("templates/public/_meeting_time.html", "templates/public/_meeting_interpreters.html",
                  "templates/public/_meeting_notices.html")
_EVERY_EMAIL = ("templates/email/_resident.html", "templates/email/_resident.txt", "templates/email/_reference.html",
                "portal/submissions/resident_mail.py")



def page(endpoint: str, label: str, *sources: str) -> ResidentText:
    """A resident page: its own files, and the layout every page shares."""
    return ResidentText(endpoint, label, PAGE, (*sources, *EVERY_PAGE))


def email(template: str, label: str) -> ResidentText:
    return ResidentText(template, label, EMAIL, (f"templates/{template}.html", f"templates/{template}.txt",
                                                  *_EVERY_EMAIL))


RESIDENT_TEXTS: tuple[ResidentText, ...] = (
    page("public.home", "Home page", "templates/public/home.html"),
    page("public.concern", "Share a concern", "templates/public/concern.html", "templates/public/_over_the_limit.html",
         "portal/submissions/public_forms.py", "portal/topics/service.py"),
    page("public.sent", "Message sent (receipt)", "templates/public/sent.html"),
    page("public.meetings", "Community meetings", "templates/public/meetings.html", *_MEETING_PARTS),
    page("public.meeting", "A meeting", "templates/public/meeting.html", *_MEETING_PARTS,
         "portal/meetings/public_views.py"),
    page("public.meeting_feedback", "Feedback on a meeting", "templates/public/feedback.html",
         "templates/public/feedback_closed.html", *_MEETING_PARTS, "portal/submissions/public_forms.py"),
    page("public.status", "Check on something you sent", "templates/public/status.html",
         "portal/submissions/status_words.py", "templates/public/delete_confirm.html", "templates/public/deleted.html"),
    page("public.privacy", "Privacy promise", "templates/public/privacy.html"),
    page("public.outcomes", "What the city did", "templates/public/outcomes.html", "templates/public/_outcome.html",
         "portal/reports/outcome_words.py"),
    page("wording.suggest", "Suggest better wording", "templates/public/suggest_wording.html",
         "portal/identity/public_views.py"),
    email("email/receipt", "Email: receipt"),
    email("email/reply", "Email: staff replied"),
    email("email/closed", "Email: case closed"),
    email("email/outcome_decided", "Email: the city decided"),
    email("email/outcome_done", "Email: the work is done"),
    ResidentText("flyer", "Meeting flyer", FLYER, ("portal/meetings/meeting_words.py",)),
)
PAGES = {text.key: text for text in RESIDENT_TEXTS if text.kind == PAGE}
