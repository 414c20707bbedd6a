"""Two-factor sign-in (accounts/): enrolment on first sign-in, verification, throttling,
recovery codes, the working-day session, the dev-only exemption.

Marked `second_factor`: these tests sign in through the real forms and give the second factor
themselves (tests/conftest.py makes every other test's sign-in count as verified).
"""

import io
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError, SystemCheckError
from django.urls import reverse
from django.utils import timezone, translation
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from wagtail.users.models import UserProfile

from accounts import checks, services, verification
from tests.accounts.conftest import PASSWORD
from tests.factories.accounts import current_code

pytestmark = [pytest.mark.django_db, pytest.mark.second_factor]

WRONG = (
    "This code is not right. Type the six digits your authenticator app shows now, or one of "
    "your recovery codes."
)


def jury_url(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(f"jury:{name}", args=args)


def site_url(name, lang="en"):
    with translation.override(lang):
        return reverse(f"accounts:{name}")


def jury_sign_in(client, user, lang="en"):
    """The jury room's own sign-in form, as a juror fills it in."""
    response = client.post(
        jury_url("login", lang=lang), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return response


def admin_sign_in(client, user):
    response = client.post(
        "/admin/login/", {"username": user.username, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    return response


def body(response):
    return response.content.decode()


def pending_device(user):
    return TOTPDevice.objects.get(user=user, confirmed=False)


# --- A juror and staff without a second factor ----------------------------------------------


def test_juror_without_second_factor_is_sent_to_enrolment_and_sees_no_jury_data(
    client, juror, open_round
):
    jury_sign_in(client, juror)

    home = client.get(jury_url("home"))
    round_page = client.get(jury_url("round", open_round.pk))
    results = client.get(jury_url("results", open_round.pk))
    export = client.get(jury_url("results_export", open_round.pk, "csv"))

    assert home.status_code == 302
    assert home["Location"] == "/en/jury/two-factor/?next=/en/jury/"
    assert round_page["Location"] == f"/en/jury/two-factor/?next=/en/jury/round/{open_round.pk}/"
    assert results.status_code == export.status_code == 302
    start = client.get(home["Location"])
    assert start["Location"] == "/en/jury/two-factor/set-up/?next=%2Fen%2Fjury%2F"
    enrol = client.get(start["Location"])
    assert enrol.status_code == 200
    assert "<h1>Set up two-factor sign-in</h1>" in body(enrol)
    for secret in ("Selection", "Untold Stories 2026", "Work 0", open_round.jury.competition.slug):
        assert secret not in body(enrol)
    assert TOTPDevice.objects.filter(user=juror).count() == 1


def test_juror_enrolment_page_is_in_the_language_of_the_address(client, juror):
    jury_sign_in(client, juror, lang="sq")

    home = client.get(jury_url("home", lang="sq"))
    enrol = client.get(client.get(home["Location"])["Location"])

    assert home["Location"] == "/sq/juri/dy-hapa/?next=/sq/juri/"
    assert '<html lang="sq"' in body(enrol)
    assert "<h1>Konfiguroni hyrjen me dy hapa</h1>" in body(enrol)


def test_staff_without_second_factor_is_sent_to_enrolment_for_every_admin_page(client, moderator):
    admin_sign_in(client, moderator)

    dashboard = client.get("/admin/")
    queue = client.get(reverse("competitions_admin:index"))
    pages = client.get("/admin/pages/")

    assert dashboard.status_code == 302
    assert dashboard["Location"] == "/admin/two-factor/?next=/admin/"
    assert queue["Location"].startswith("/admin/two-factor/?next=")
    assert pages["Location"] == "/admin/two-factor/?next=/admin/pages/"
    enrol = client.get(client.get(dashboard["Location"])["Location"])
    assert enrol.status_code == 200
    assert "Set up two-factor sign-in" in body(enrol)
    assert "Competition moderators" not in body(enrol)


def test_staff_enrolment_page_is_in_the_language_of_their_admin_profile(client, moderator):
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "sq"
    profile.save()
    admin_sign_in(client, moderator)

    enrol = client.get("/admin/two-factor/set-up/?next=/admin/")

    assert "Konfiguroni hyrjen me dy hapa" in body(enrol)


def test_half_signed_in_user_reads_the_public_site_as_anyone(client, moderator, home):
    admin_sign_in(client, moderator)

    page = client.get("/sq/")

    assert page.status_code == 200
    assert "wagtail-userbar" not in body(page)


# --- Enrolment -------------------------------------------------------------------------------


def test_enrolment_with_an_authenticator_app_opens_the_jury_room(client, juror, open_round):
    jury_sign_in(client, juror)
    enrol_url = "/en/jury/two-factor/set-up/?next=/en/jury/"
    client.get(enrol_url)
    device = pending_device(juror)

    confirmed = client.post(enrol_url, {"code": current_code(device), "next": "/en/jury/"})

    assert confirmed.status_code == 302
    assert confirmed["Location"] == "/en/jury/two-factor/recovery-codes/?next=%2Fen%2Fjury%2F"
    device.refresh_from_db()
    assert device.confirmed is True
    codes_page = client.get(confirmed["Location"])
    codes = list(StaticToken.objects.filter(device__user=juror).values_list("token", flat=True))
    assert len(codes) == 10
    assert all(f"<code>{code}</code>" in body(codes_page) for code in codes)
    # Shown once: the page later only counts them.
    assert codes[0] not in body(client.get("/en/jury/two-factor/recovery-codes/"))
    home = client.get(jury_url("home"))
    assert home.status_code == 200
    assert "Selection" in body(home)


def test_enrolment_refuses_a_wrong_code_and_keeps_the_same_key(client, juror):
    jury_sign_in(client, juror)
    enrol_url = "/en/jury/two-factor/set-up/"
    client.get(enrol_url)
    key = pending_device(juror).key

    refused = client.post(enrol_url, {"code": "000000"})

    assert refused.status_code == 400
    assert WRONG in body(refused)
    assert pending_device(juror).key == key
    assert client.get(jury_url("home")).status_code == 302


def test_staff_enrolment_then_the_admin_opens(client, moderator):
    admin_sign_in(client, moderator)
    client.get("/admin/two-factor/set-up/?next=/admin/")
    device = pending_device(moderator)

    client.post("/admin/two-factor/set-up/", {"code": current_code(device), "next": "/admin/"})

    assert client.get("/admin/").status_code == 200


# --- Verification, throttling, recovery codes -------------------------------------------------


def test_enrolled_user_types_the_code_on_each_sign_in(client, juror, open_round, device_of):
    device = device_of(juror)
    jury_sign_in(client, juror)

    start = client.get("/en/jury/two-factor/?next=/en/jury/")
    verified = client.post(
        "/en/jury/two-factor/verify/", {"code": current_code(device), "next": "/en/jury/"}
    )

    assert start["Location"] == "/en/jury/two-factor/verify/?next=%2Fen%2Fjury%2F"
    assert verified.status_code == 302
    assert verified["Location"] == "/en/jury/"
    assert client.get(jury_url("home")).status_code == 200


def _wait_out_the_lock(device):
    """As if the person waited as long as the device asked (1, 2, 4 … seconds)."""
    device.refresh_from_db()
    delay = 2 ** (device.throttling_failure_count - 1)
    device.throttling_failure_timestamp = timezone.now() - timedelta(seconds=delay + 1)
    device.save(update_fields=["throttling_failure_timestamp"])


def test_a_wrong_code_ten_times_throttles_verification(client, juror, device_of):
    device = device_of(juror)
    jury_sign_in(client, juror)
    verify_url = "/en/jury/two-factor/verify/"

    answers = []
    for _attempt in range(10):
        answers.append(client.post(verify_url, {"code": "123456"}))
        _wait_out_the_lock(device)
    device.refresh_from_db()
    device.throttling_failure_timestamp = timezone.now()
    device.save(update_fields=["throttling_failure_timestamp"])
    right_code_while_locked = client.post(verify_url, {"code": current_code(device)})

    assert [answer.status_code for answer in answers] == [400] * 10
    assert all(WRONG in body(answer) for answer in answers)
    assert device.throttling_failure_count == 10
    # 2⁹ = 512 seconds after the tenth wrong code.
    assert right_code_while_locked.status_code == 400
    assert "Too many wrong codes. Wait 9 minutes, then try again." in body(right_code_while_locked)
    assert client.get(jury_url("home")).status_code == 302
    in_albanian = client.post("/sq/juri/dy-hapa/verifikimi/", {"code": "123456"})
    assert "Shumë kode të gabuara. Prisni 9 minuta, pastaj provoni përsëri." in body(in_albanian)


def test_a_second_code_at_once_is_throttled_in_seconds(client, juror, device_of):
    device_of(juror)
    jury_sign_in(client, juror)

    client.post("/en/jury/two-factor/verify/", {"code": "123456"})
    again = client.post("/en/jury/two-factor/verify/", {"code": "654321"})

    assert "Too many wrong codes. Wait 1 second, then try again." in body(again)


def test_a_recovery_code_works_once(client, juror, open_round, device_of):
    device_of(juror)
    code = services.make_recovery_codes(user=juror)[0]
    jury_sign_in(client, juror)

    first = client.post("/en/jury/two-factor/verify/", {"code": code.upper(), "next": "/en/jury/"})
    home = client.get(jury_url("home"))
    client.post(jury_url("logout"))
    jury_sign_in(client, juror)
    second = client.post("/en/jury/two-factor/verify/", {"code": code, "next": "/en/jury/"})

    assert first.status_code == 302
    assert home.status_code == 200
    assert second.status_code == 400
    assert WRONG in body(second)
    assert services.recovery_codes_left(juror) == 9


def test_new_recovery_codes_replace_the_old_ones(client, juror, device_of):
    device = device_of(juror)
    old = services.make_recovery_codes(user=juror)
    jury_sign_in(client, juror)
    client.post("/en/jury/two-factor/verify/", {"code": current_code(device)})

    made = client.post("/en/jury/two-factor/recovery-codes/new/")
    page = client.get(made["Location"])

    new = list(StaticToken.objects.filter(device__user=juror).values_list("token", flat=True))
    assert made["Location"] == "/en/jury/two-factor/recovery-codes/"
    assert len(new) == 10
    assert not set(old) & set(new)
    assert all(code in body(page) for code in new)


# --- Fresh second factor for exports and safeguarding ----------------------------------------


def _verified_minutes_ago(client, minutes):
    session = client.session
    session[verification.VERIFIED_AT_KEY] = int(time.time()) - minutes * 60
    session.save()


def _sign_in_verified(client, user, device, sign_in):
    sign_in(client, user)
    area = "/admin" if sign_in is admin_sign_in else "/en/jury"
    response = client.post(f"{area}/two-factor/verify/", {"code": current_code(device)})
    assert response.status_code == 302


def test_export_asks_for_a_fresh_second_factor(client, moderator, device_of):
    device = device_of(moderator)
    _sign_in_verified(client, moderator, device, admin_sign_in)
    export = reverse("competitions_admin:export", args=["csv"]) + "?state=in_moderation"
    _verified_minutes_ago(client, 16)

    asked = client.get(export)
    verified = client.post(
        "/admin/two-factor/verify/", {"code": current_code(device, steps_ahead=1), "next": export}
    )
    exported = client.get(verified["Location"])

    assert asked.status_code == 302
    assert (
        asked["Location"]
        == "/admin/two-factor/verify/?next=%2Fadmin%2Fentries%2Fexport.csv%3Fstate%3Din_moderation"
    )
    assert verified["Location"] == export
    assert exported.status_code == 200
    assert exported["Content-Type"].startswith("text/csv")


def test_export_within_the_fresh_window_needs_nothing_more(client, moderator, device_of):
    device = device_of(moderator)
    _sign_in_verified(client, moderator, device, admin_sign_in)
    _verified_minutes_ago(client, 14)

    exported = client.get(reverse("competitions_admin:export", args=["xlsx"]))

    assert exported.status_code == 200


def test_verify_page_says_why_it_asks_again(client, moderator, device_of):
    device = device_of(moderator)
    _sign_in_verified(client, moderator, device, admin_sign_in)
    _verified_minutes_ago(client, 16)

    page = client.get(client.get(reverse("competitions_admin:export", args=["csv"]))["Location"])

    assert "This asks for your second factor again: it was given more than 15 minutes ago." in (
        body(page)
    )


def test_safeguarding_cases_ask_for_a_fresh_second_factor(client, officer, device_of):
    device = device_of(officer)
    _sign_in_verified(client, officer, device, admin_sign_in)
    queue = reverse("competitions_admin:safeguarding_queue")
    detail = reverse("competitions_admin:safeguarding_detail", args=[1])
    _verified_minutes_ago(client, 16)

    asked_queue = client.get(queue)
    asked_detail = client.get(detail)

    assert (
        asked_queue["Location"]
        == "/admin/two-factor/verify/?next=%2Fadmin%2Fentries%2Fsafeguarding%2F"
    )
    assert (
        asked_detail["Location"]
        == "/admin/two-factor/verify/?next=%2Fadmin%2Fentries%2Fsafeguarding%2F1%2F"
    )
    client.post("/admin/two-factor/verify/", {"code": current_code(device, steps_ahead=1)})
    assert client.get(queue).status_code == 200


def test_a_refused_user_is_refused_before_being_asked_again(client, moderator, device_of):
    """A moderator (no safeguarding rights) gets the 403 with the reason, not a verification."""
    device = device_of(moderator)
    _sign_in_verified(client, moderator, device, admin_sign_in)
    _verified_minutes_ago(client, 16)

    assert client.get(reverse("competitions_admin:safeguarding_queue")).status_code == 403


def test_jury_results_export_asks_for_a_fresh_second_factor(client, juror, open_round, device_of):
    device = device_of(juror)
    _sign_in_verified(client, juror, device, jury_sign_in)
    export = jury_url("results_export", open_round.pk, "csv")
    _verified_minutes_ago(client, 16)

    asked = client.get(export)

    assert asked.status_code == 302
    assert (
        asked["Location"]
        == f"/en/jury/two-factor/verify/?next=%2Fen%2Fjury%2Fround%2F{open_round.pk}%2Fresults.csv"
    )


# --- The working-day session -------------------------------------------------------------------


def test_signed_in_session_ends_a_working_day_after_sign_in(client, juror, device_of):
    device_of(juror)
    before = timezone.now()
    jury_sign_in(client, juror)

    expiry = client.session.get_expiry_date()

    assert before + timedelta(hours=9) <= expiry <= timezone.now() + timedelta(hours=9)


def test_a_session_older_than_a_working_day_is_signed_out(client, juror, device_of):
    device = device_of(juror)
    _sign_in_verified(client, juror, device, jury_sign_in)
    session = client.session
    session[verification.SIGNED_IN_AT_KEY] = int(time.time()) - 9 * 3600 - 1
    session.save()

    home = client.get(jury_url("home"))

    assert home.status_code == 302
    assert home["Location"] == "/en/jury/sign-in/?next=/en/jury/"


def test_anonymous_sessions_keep_the_default_age(client, competition):
    client.get(competition.url)

    assert client.session.get_expiry_age() == 60 * 60 * 24 * 14


# --- The dev-only exemption ----------------------------------------------------------------------


def test_exempt_demo_account_skips_the_second_factor_only_with_debug(
    client, juror, open_round, settings
):
    settings.TWO_FACTOR_EXEMPT_USERNAMES = [juror.username]
    jury_sign_in(client, juror)

    settings.DEBUG = True
    with_debug = client.get(jury_url("home"))
    settings.DEBUG = False
    without_debug = client.get(jury_url("home"))

    assert with_debug.status_code == 200
    assert without_debug.status_code == 302
    assert without_debug["Location"] == "/en/jury/two-factor/?next=/en/jury/"


def test_check_refuses_the_exemption_without_debug(settings):
    settings.TWO_FACTOR_EXEMPT_USERNAMES = ["admin"]
    settings.DEBUG = False

    errors = checks.exemption_only_in_development(None)

    assert [error.id for error in errors] == ["accounts.E001"]
    with pytest.raises(SystemCheckError, match="TWO_FACTOR_EXEMPT_USERNAMES is set without DEBUG"):
        call_command("check")


def test_check_allows_the_exemption_with_debug(settings):
    settings.TWO_FACTOR_EXEMPT_USERNAMES = ["admin"]
    settings.DEBUG = True

    assert checks.exemption_only_in_development(None) == []


# --- Passkeys ------------------------------------------------------------------------------------


def test_adding_a_passkey_needs_a_verified_session(client, juror, device_of):
    device = device_of(juror)
    jury_sign_in(client, juror)
    begin = "/two-factor/passkeys/registration/begin/"

    refused = client.post(begin)
    client.post("/en/jury/two-factor/verify/", {"code": current_code(device)})
    options = client.post(begin, HTTP_HOST="localhost")

    assert refused.status_code == 403
    assert refused.json()["code"] == "user_not_verified"
    assert options.status_code == 200
    assert options.json()["rp"] == {"id": "localhost", "name": "Untold Stories"}
    assert options.json()["user"]["name"] == juror.username


def test_manage_page_lists_the_second_factors(client, moderator, device_of):
    device = device_of(moderator)
    services.make_recovery_codes(user=moderator)
    _sign_in_verified(client, moderator, device, admin_sign_in)

    page = client.get("/admin/two-factor/manage/")

    assert page.status_code == 200
    assert "You have 10 recovery codes left." in body(page)
    assert "No passkey yet." in body(page)
    assert 'id="passkey-register-button"' in body(page)


# --- Lost phone and recovery codes -------------------------------------------------------------


def test_reset_two_factor_deletes_the_devices_and_ends_the_sessions(client, juror, device_of):
    device = device_of(juror)
    services.make_recovery_codes(user=juror)
    _sign_in_verified(client, juror, device, jury_sign_in)
    out = io.StringIO()

    call_command("reset_two_factor", juror.username, stdout=out)

    assert out.getvalue() == (
        "juror1: 2 second factor(s) deleted, 1 session(s) ended. "
        "They set up two-factor sign-in again at their next sign-in.\n"
    )
    assert not verification.has_device(juror)
    assert client.get(jury_url("home"))["Location"] == "/en/jury/sign-in/?next=/en/jury/"
    jury_sign_in(client, juror)
    start = client.get("/en/jury/two-factor/?next=/en/jury/")
    assert start["Location"] == "/en/jury/two-factor/set-up/?next=%2Fen%2Fjury%2F"


def test_reset_two_factor_names_an_unknown_user():
    with pytest.raises(CommandError, match=r"No user named 'nobody'\."):
        call_command("reset_two_factor", "nobody")


def test_passkey_messages_are_in_albanian(client):
    catalogue = client.get("/two-factor/passkeys/jsi18n/", HTTP_ACCEPT_LANGUAGE="sq")

    assert catalogue.status_code == 200
    assert '"Verification successful!": "Verifikimi u krye!"' in body(catalogue)


# --- The pages guard themselves ------------------------------------------------------------------


def test_two_factor_pages_send_a_signed_out_visitor_to_the_jury_sign_in(client):
    response = client.get("/en/jury/two-factor/set-up/")

    assert response["Location"] == "/en/jury/sign-in/?next=/en/jury/two-factor/set-up/"


def test_enrolled_user_cannot_enrol_again_without_verifying(client, juror, device_of):
    device_of(juror)
    jury_sign_in(client, juror)

    again = client.get("/en/jury/two-factor/set-up/?next=/en/jury/")
    manage = client.get("/en/jury/two-factor/manage/")

    assert again["Location"] == "/en/jury/two-factor/verify/?next=%2Fen%2Fjury%2F"
    assert manage["Location"] == "/en/jury/two-factor/?next=%2Fen%2Fjury%2Ftwo-factor%2Fmanage%2F"
    assert TOTPDevice.objects.filter(user=juror).count() == 1


def test_verify_page_without_a_device_sends_to_enrolment(client, juror):
    jury_sign_in(client, juror)

    response = client.get("/en/jury/two-factor/verify/?next=/en/jury/")

    assert response["Location"] == "/en/jury/two-factor/set-up/?next=%2Fen%2Fjury%2F"


def test_a_device_verifies_only_its_own_users_session(rf, juror, moderator, device_of):
    request = rf.get("/")
    request.session = {}
    request.user = juror

    with pytest.raises(ValueError, match="only its own user's session"):
        verification.mark_verified(request, device_of(moderator))
    assert request.session == {}


def test_new_recovery_codes_ask_for_a_fresh_factor_and_come_back(client, juror, device_of):
    device = device_of(juror)
    _sign_in_verified(client, juror, device, jury_sign_in)
    _verified_minutes_ago(client, 16)

    asked = client.post(
        "/en/jury/two-factor/recovery-codes/new/",
        HTTP_REFERER="http://testserver/en/jury/two-factor/manage/",
    )

    assert asked["Location"] == (
        "/en/jury/two-factor/verify/?next=http%3A%2F%2Ftestserver%2Fen%2Fjury%2Ftwo-factor%2Fmanage%2F"
    )
    assert services.recovery_codes_left(juror) == 0


def test_removing_a_passkey(client, moderator, device_of):
    device = device_of(moderator)
    passkey = WebAuthnCredential.objects.create(
        user=moderator,
        name="Laptop",
        confirmed=True,
        credential_id=b"credential-1",
        public_key=b"key",
    )
    _sign_in_verified(client, moderator, device, admin_sign_in)

    listed = client.get("/admin/two-factor/manage/")
    removed = client.post(f"/admin/two-factor/passkeys/{passkey.pk}/remove/")

    assert "Laptop" in body(listed)
    assert removed["Location"] == "/admin/two-factor/manage/"
    assert not WebAuthnCredential.objects.filter(pk=passkey.pk).exists()
    assert "The passkey was removed." in body(client.get(removed["Location"]))


def test_verify_page_offers_a_passkey_to_whom_has_one(client, juror, device_of):
    device_of(juror)
    WebAuthnCredential.objects.create(
        user=juror, name="Phone", confirmed=True, credential_id=b"c", public_key=b"k"
    )
    jury_sign_in(client, juror)

    page = client.get("/en/jury/two-factor/verify/")

    assert 'id="passkey-verification-button"' in body(page)
    assert "Verify with a passkey" in body(page)


def test_admin_account_page_links_to_two_factor_sign_in(client, moderator, device_of):
    _sign_in_verified(client, moderator, device_of(moderator), admin_sign_in)

    page = client.get("/admin/account/")

    assert 'href="/admin/two-factor/manage/"' in body(page)
    assert "Your authenticator app, recovery codes and passkeys." in body(page)
