"""Public pages: subscribe, confirm, preferences and one-click unsubscribe. Thin: parse, call a
service, render. Token pages are never cached and never indexed; a bad token gets the same page
whatever is wrong with it."""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from newsletter import permissions, queries, ratelimit, services
from newsletter.enums import ConsentSource, Language
from newsletter.forms import CONSENT_TEXT, PreferencesForm, SubscribeForm
from newsletter.tokens import InvalidToken

# Token pages leave the footer's subscribe form out: they are private to one reader.
QUIET = {"hide_subscribe_form": True}


def invalid_link(request):
    return render(request, "newsletter/invalid_link.html", QUIET, status=404)


def _initial_from_footer(params):
    """The footer's cookie-free form pre-fills this page; the consent box and the POST are here."""
    initial = {"language": get_language(), "source": ConsentSource.PAGE}
    email = params.get("email", "")
    if email and len(email) <= 254 and "\n" not in email and "\r" not in email:
        initial["email"] = email
    if params.get("language") in {choice.value for choice in Language}:
        initial["language"] = params["language"]
    if params.get("source") == ConsentSource.FOOTER:
        initial["source"] = ConsentSource.FOOTER
    return initial


@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "POST":
        if not ratelimit.hit("subscribe", request):
            return render(request, "newsletter/rate_limited.html", status=429)
        form = SubscribeForm(request.POST)
        if form.is_valid():
            if not form.is_bot():
                services.request_subscription(
                    email=form.cleaned_data["email"],
                    language=form.cleaned_data["language"],
                    topics=form.cleaned_data["topics"],
                    consent_text=str(CONSENT_TEXT),
                    source=form.cleaned_data["source"] or ConsentSource.PAGE,
                    by=None,
                )
            return HttpResponseRedirect(reverse("newsletter:subscribe_thanks"), status=303)
    else:
        form = SubscribeForm(initial=_initial_from_footer(request.GET))
    return _subscribe_page(request, form)


def _subscribe_page(request, form):
    """The subscribe page: a bound form came back with errors (400), an unbound one is fresh."""
    return render(
        request,
        "newsletter/subscribe.html",
        {"form": form, "has_topics": queries.has_topics()},
        status=400 if form.is_bound else 200,
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def subscribe_from_footer(request):
    """The footer's form posts here: the address travels in the body, never in the address bar,
    the history of a shared phone or a server log. Nothing is stored and no e-mail is sent: the
    subscribe page comes back pre-filled, with its consent box and its CSRF-protected form, so no
    token is needed here and the footer of cached pages sets no cookie."""
    if request.method == "GET":
        return HttpResponseRedirect(reverse("newsletter:subscribe"))
    return _subscribe_page(request, SubscribeForm(initial=_initial_from_footer(request.POST)))


@require_GET
def subscribe_thanks(request):
    return render(request, "newsletter/subscribe_thanks.html")


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    try:
        if request.method == "POST":
            subscriber = services.confirm_subscription(token=token)
            return render(request, "newsletter/confirmed.html", {"subscriber": subscriber, **QUIET})
        permissions.confirmable_subscriber(token)
    except InvalidToken:
        return invalid_link(request)
    return render(request, "newsletter/confirm.html", QUIET)


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request, token):
    subscriber = permissions.subscriber_for_link(token)
    if subscriber is None:
        return invalid_link(request)
    if not permissions.can_change_subscription(subscriber)[0]:
        # Unsubscribed or suppressed: nothing to show, nothing to change.
        return render(request, "newsletter/unsubscribed.html", QUIET)
    saved = False
    if request.method == "POST" and "unsubscribe" in request.POST:
        services.unsubscribe(subscriber, by=None)
        return render(request, "newsletter/unsubscribed.html", QUIET)
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            services.update_preferences(
                subscriber,
                language=form.cleaned_data["language"],
                topics=form.cleaned_data["topics"],
                by=None,
            )
            saved = True
    else:
        form = PreferencesForm(
            initial={"language": subscriber.language, "topics": list(subscriber.topics.all())}
        )
    return render(
        request,
        "newsletter/preferences.html",
        {
            "form": form,
            "saved": saved,
            "subscriber": subscriber,
            "has_topics": queries.has_topics(),
            "unsubscribe_url": reverse("newsletter:unsubscribe", args=[token]),
            **QUIET,
        },
    )


@csrf_exempt  # RFC 8058: mail clients POST here with no cookie and no CSRF token
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows a button (link scanners must not unsubscribe anyone); POST — the one-click
    `List-Unsubscribe=One-Click` body of a mail client, or that button — unsubscribes at once
    and answers 200, without a redirect."""
    subscriber = permissions.subscriber_for_link(token)
    if subscriber is None:
        return invalid_link(request)
    if request.method == "POST":
        services.unsubscribe(subscriber, by=None)
        return render(request, "newsletter/unsubscribed.html", QUIET)
    if not permissions.can_change_subscription(subscriber)[0]:
        return render(request, "newsletter/unsubscribed.html", QUIET)
    return render(request, "newsletter/unsubscribe.html", QUIET)
