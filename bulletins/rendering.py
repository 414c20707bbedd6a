"""One bulletin issue, as plain data, for the web page, the "both languages" view and e-mail.

`bulletin_items(page, language)` turns the issue's news items into plain dicts in one language;
`bulletin_entries(page, mode)` pairs them for the both-languages view; `render_bulletin_email`
renders the e-mail (subject, HTML, text) from the same data. Every function here runs a fixed
number of queries, whatever the number of items.

The e-mail's HTML has no inline CSS: the newsletter app inlines its stylesheet (css-inline) and
fills in the mailing placeholders: `unsubscribe_url`, `preferences_url`, `view_in_browser_url`,
`reason` (each rendered only when given).
"""

from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from website.models import Partner, SiteSettings

LANGUAGES = ("sq", "en")
MODES = ("sq", "en", "both")

PROGRAMME_NAME = {
    "sq": "Transformimi i përgjigjes kombëtare ndaj trafikimit të qenieve njerëzore në dhe nga "
    "Shqipëria",
    "en": "Transforming National Response to Human Trafficking in and from Albania",
}
HASHTAGS = "#unicefprotects #StopHumanTrafficking #EndHumanTrafficking"
EMAIL_IMAGE_SPEC = "fill-600x375|format-jpeg|jpegquality-75"

LABELS = {
    "e_bulletin": _("e-Bulletin"),
    "news": _("News and updates"),
    "programme": _("Programme at a glance"),
    "together": _("We are in this together!"),
    "partners": _("Our partners"),
    "report": _("Where to report cases of trafficking?"),
    "support": _("Seeking support?"),
    "feedback": _("Feedback or content to submit?"),
    "write_to": _("Write to us at"),
    "view_in_browser": _("View this e-mail in your browser"),
    "preferences": _("Update your preferences"),
    "unsubscribe": _("Unsubscribe"),
}
READ_MORE = _("Read the full article")


def _in_language(code, text):
    with translation.override(code):
        return str(text)


def labels_for(mode):
    """The section headings in one language, or "Albanian / English" in both."""
    if mode == "both":
        labels = {}
        for key, text in LABELS.items():
            sq, en = (_in_language(code, text) for code in LANGUAGES)
            labels[key] = sq if sq == en else f"{sq} / {en}"
        return labels
    return {key: _in_language(mode, text) for key, text in LABELS.items()}


def _loaded_blocks(page):
    """The issue's item blocks with their stories and images loaded in bulk.

    StreamField loads each chooser's objects in one query per block type; the stories' images
    and every image's renditions come in with two more prefetches.
    """
    blocks = list(page.items)
    stories = [b.value["story"] for b in blocks if b.block_type == "story" and b.value["story"]]
    own_images = [b.value["image"] for b in blocks if b.block_type == "own" and b.value["image"]]
    prefetch_related_objects(stories, "hero_image__renditions")
    prefetch_related_objects(own_images, "renditions")
    return blocks


def _item(block, code):
    value = block.value
    if block.block_type == "story":
        story = value["story"]
        if story is None or not story.live:
            # Deleted or unpublished since: the item drops out, the issue still renders.
            return None
        with translation.override(code):
            return {
                "kind": "story",
                "language": code,
                "date": story.date,
                "headline": story.title,
                "summary": story.summary,
                "image": story.hero_image,
                "url": story.get_url(),
                "fallback": code != "sq" and not story.summary_en,
                "read_more": str(READ_MORE),
            }
    headline = value.get(f"headline_{code}") or value["headline_sq"]
    summary = value.get(f"summary_{code}") or value["summary_sq"]
    return {
        "kind": "own",
        "language": code,
        "date": value["date"],
        "headline": headline,
        "summary": summary,
        "image": value["image"],
        "url": value["url"] or "",
        "fallback": code != "sq" and not value.get(f"summary_{code}"),
        "read_more": _in_language(code, READ_MORE),
    }


def bulletin_items(page, language_code, *, blocks=None):
    """The issue's news items in one language ("sq" or "en"), in the editor's order, as dicts
    with date, headline, summary, image (a CustomImage or None), url (relative for stories),
    plus kind, language, fallback (English missing, Albanian shown) and read_more."""
    if language_code not in LANGUAGES:
        raise ValueError(f"Unknown bulletin language: {language_code!r}")
    blocks = _loaded_blocks(page) if blocks is None else blocks
    items = (_item(block, language_code) for block in blocks)
    return [item for item in items if item is not None]


def bulletin_entries(page, mode):
    """[{"versions": [item, …]}, …]: one version per item in "sq" or "en" mode, the Albanian then
    the English version of each item in "both" mode."""
    if mode not in MODES:
        raise ValueError(f"Unknown bulletin mode: {mode!r}")
    blocks = _loaded_blocks(page)
    codes = LANGUAGES if mode == "both" else (mode,)
    per_language = [bulletin_items(page, code, blocks=blocks) for code in codes]
    return [{"versions": list(versions)} for versions in zip(*per_language, strict=True)]


def partners_for(page):
    """The partners chosen for the issue, or every partner when none is chosen."""
    chosen = list(page.partners.all())
    return chosen or list(Partner.objects.all())


def _translated(page, field, mode):
    """A translated page field in the mode's language(s) as [(language code, text), …].

    An empty English text falls back to the Albanian one (with its own language code); in "both"
    mode it is left out rather than repeated."""
    sq = getattr(page, f"{field}_sq", "") or ""
    en = getattr(page, f"{field}_en", "") or ""
    if mode == "sq":
        versions = [("sq", sq)]
    elif mode == "en":
        versions = [("en", en)] if en else [("sq", sq)]
    else:
        versions = [("sq", sq), ("en", en)]
    return [(code, text) for code, text in versions if text]


def help_lines_for(mode):
    """Help lines as dicts with the label in the mode's language(s)."""
    lines = []
    for line in SiteSettings.load().get_help_lines():
        if mode == "both":
            label = f"{line.label_sq} / {line.label_en}"
        else:
            label = line.label_en if mode == "en" else line.label_sq
        lines.append({"number": line.number, "href": line.href, "kind": line.kind, "label": label})
    return {
        "report": [line for line in lines if line["kind"] == "report"],
        "support": [line for line in lines if line["kind"] == "support"],
    }


def _subject(labels, period):
    return f"{labels['e_bulletin']} | {period}"


def email_subject(page, mode):
    """The subject of the issue's e-mail in `mode`, without rendering the issue: the same text
    `render_bulletin_email` puts first."""
    if mode not in MODES:
        raise ValueError(f"Unknown bulletin mode: {mode!r}")
    with translation.override("sq" if mode == "both" else mode):
        period = " / ".join(text for _code, text in _translated(page, "period_label", mode))
        return _subject(labels_for(mode), period)


def bulletin_context(page, mode):
    """Everything the web templates and the e-mail templates need, except absolute URLs."""
    site_settings = SiteSettings.load()
    labels = labels_for(mode)
    periods = _translated(page, "period_label", mode)
    return {
        "page": page,
        "mode": mode,
        "labels": labels,
        "programme_names": [PROGRAMME_NAME[code] for code in LANGUAGES],
        "hashtags": HASHTAGS,
        "periods": periods,
        "period": " / ".join(text for _code, text in periods),
        "intros": _translated(page, "masthead_intro", mode),
        "entries": bulletin_entries(page, mode),
        "competition_headings": _translated(page, "competition_heading", mode),
        "competition_texts": _translated(page, "competition_text", mode),
        "partners": partners_for(page),
        "help_sections": help_lines_for(mode),
        "contact_email": site_settings.contact_email,
    }


def _absolute(base_url, url):
    if not url:
        return ""
    if url.startswith(("http://", "https://", "mailto:", "tel:")):
        return url
    return base_url.rstrip("/") + "/" + url.lstrip("/")


def render_bulletin_email(page, mode, *, base_url, context=None):
    """(subject, html, text) of the issue as an e-mail in "sq", "en" or "both".

    `base_url` ("https://example.org") makes every link and image absolute. `context` may carry
    the mailing placeholders `unsubscribe_url`, `preferences_url`, `view_in_browser_url` and
    `reason`; each is rendered only when present.
    """
    if mode not in MODES:
        raise ValueError(f"Unknown bulletin mode: {mode!r}")
    interface_language = "sq" if mode == "both" else mode
    with translation.override(interface_language):
        data = bulletin_context(page, mode)
        for entry in data["entries"]:
            for item in entry["versions"]:
                item["url"] = _absolute(base_url, item["url"])
                image = item["image"]
                item["image_url"] = (
                    _absolute(base_url, image.get_rendition(EMAIL_IMAGE_SPEC).url) if image else ""
                )
                item["image_alt"] = image.default_alt_text if image else ""
        with translation.override(interface_language):
            page_url = page.get_url()
        data.update(
            {
                "base_url": base_url.rstrip("/"),
                "page_url": _absolute(base_url, page_url),
                "programme_url": _absolute(
                    base_url, page.programme_page.get_url() if page.programme_page else ""
                ),
                "unsubscribe_url": "",
                "preferences_url": "",
                "view_in_browser_url": "",
                "reason": "",
            }
        )
        data.update(context or {})
        subject = _subject(data["labels"], data["period"])
        data["subject"] = subject
        html = render_to_string("bulletins/email/bulletin.html", data)
        text = render_to_string("bulletins/email/bulletin.txt", data)
    return subject, html, text
