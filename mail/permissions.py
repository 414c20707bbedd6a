"""Who may see the outbox and send a failed e-mail again. E-mails hold personal data (addresses,
names, links into private pages): only holders of `mail.view_message` see them, only holders of
`mail.change_message` may send one again (a superuser holds both)."""

from django.utils.translation import gettext as _


def can_view_outbox(user):
    if user.is_active and user.has_perm("mail.view_message"):
        return True, ""
    return False, _("Your account may not see the e-mails the platform sends.")


def can_send_again(user):
    if user.is_active and user.has_perm("mail.change_message"):
        return True, ""
    return False, _("Your account may not send e-mails again.")
