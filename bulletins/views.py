"""The bulletin issue page, in the reader's language or in both (routes of BulletinPage)."""

from django.utils.translation import get_language

from bulletins.rendering import bulletin_context


def bulletin_issue(request, page, *, both):
    mode = "both" if both else (get_language() if get_language() in ("sq", "en") else "sq")
    context = bulletin_context(page, mode)
    context["both_url"] = page.get_url(request) + page.reverse_subpage("both_languages_view")
    context["single_url"] = page.get_url(request)
    context["programme_url"] = page.programme_page.get_url(request) if page.programme_page else ""
    template = "bulletins/bulletin_page_both.html" if both else page.get_template(request)
    return page.render(request, template=template, context_overrides=context)
