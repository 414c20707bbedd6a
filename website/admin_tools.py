"""Plumbing every app's Wagtail admin views share: one refusal (a 403 page that says why), one
permission decorator that answers with it, and one menu item shown only with a permission.

Why a 403 page and not `PermissionDenied`: Wagtail turns `PermissionDenied` into a redirect to the
dashboard with a flash message, which hides the refusal from people and from tests; and a 404 under
/admin/ would be redirected to a language prefix. Every admin refusal of ours goes through
`refused()`.
"""

from functools import wraps

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.admin.menu import MenuItem


def refused(request, reason="", *, status=403):
    """The admin's one refusal page: 403 with the reason in the user's language."""
    return TemplateResponse(
        request,
        "website/admin/refused.html",
        {"reason": reason or _("Your account does not allow this.")},
        status=status,
    )


def not_found(request, reason=""):
    """Something that does not exist (or must not be revealed to exist), under /admin/."""
    return refused(request, reason or _("There is nothing here."))


def require(check):
    """A view decorator: `check(user) -> (allowed, reason)`; refused with the reason otherwise."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            allowed, reason = check(request.user)
            if not allowed:
                return refused(request, reason)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def require_perm(codename, reason=""):
    """A view decorator: refused (403, with `reason`) unless the user has the permission."""

    def check(user):
        return user.has_perm(codename), reason

    return require(check)


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users who pass `check(user) -> (allowed, reason)` or who hold
    `permission`."""

    def __init__(self, *args, permission=None, check=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission
        self.check = check

    def is_shown(self, request):
        if self.check is not None:
            return self.check(request.user)[0]
        return request.user.has_perm(self.permission)
