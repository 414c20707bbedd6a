"""Password reset throttled per account and per client address (Wagtail's admin form,
WAGTAILADMIN_USER_PASSWORD_RESET_FORM; staff and jurors reset their password there).

The answer is the same whatever happens: Wagtail's "check your e-mail" page, whether the account
exists, was throttled or got its e-mail. Only the sending is held back.
"""

import logging

from wagtail.admin.forms.auth import PasswordResetForm

from website import ratelimit

logger = logging.getLogger(__name__)

# One e-mail per account per quarter of an hour: the link in it stays valid for days
# (PASSWORD_RESET_TIMEOUT), so a second one in that time helps nobody.
ACCOUNT_LIMIT, ACCOUNT_WINDOW = 1, 15 * 60
# Requests per client address per hour, whatever address was typed: an office behind one
# address may have several people who forgot, nobody needs more.
ADDRESS_LIMIT, ADDRESS_WINDOW = 10, 60 * 60


class ThrottledPasswordResetForm(PasswordResetForm):
    def save(self, *args, request=None, **kwargs):
        if request is not None and not ratelimit.hit(
            "password-reset-address",
            ratelimit.client_address(request),
            limit=ADDRESS_LIMIT,
            window=ADDRESS_WINDOW,
        ):
            logger.warning("Password reset: too many requests from one address, none sent")
            return
        super().save(*args, request=request, **kwargs)

    def get_users(self, email):
        for user in super().get_users(email):
            if ratelimit.hit(
                "password-reset-account", str(user.pk), limit=ACCOUNT_LIMIT, window=ACCOUNT_WINDOW
            ):
                yield user
            else:
                logger.info("Password reset: account %s already sent one recently", user.pk)
