"""The one way tests create a page through Wagtail's admin form.

    page = create_page_in_admin(
        admin_client, index, StoryPage,
        title_sq="Histori", title_en="Story", slug_sq="histori", slug_en="story",
        body_sq=streamfield([("paragraph", rich_text("<p>Tekst.</p>"))]),
        topics=[topic.pk],
    )

Fields are given as the form would submit them, nested the way
`wagtail.test.utils.form_data.nested_form_data` expects (`streamfield(...)`, `inline_formset(...)`,
`rich_text(...)`), except that a top-level list of plain values (primary keys, strings) is a
multiple choice and is posted as repeated values of one key, not flattened into `key-0`, `key-1`.

`create_page_in_admin` publishes (unless `publish=False`, which saves a draft), asserts that the
admin redirected (to the parent's listing when published, to the new page's edit form for a draft)
and returns the one page it created, as its specific type. `post_page_form` posts and returns the
response, for tests of a refused form.
"""

from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

__all__ = ["add_page_url", "create_page_in_admin", "page_form_data", "post_page_form"]


def add_page_url(parent, model):
    """The admin's "add a `model` page under `parent`" URL."""
    meta = model._meta
    return reverse("wagtailadmin_pages:add", args=(meta.app_label, meta.model_name, parent.pk))


def _is_multiple_choice(value):
    return isinstance(value, list | tuple) and all(
        not isinstance(item, dict | list | tuple) for item in value
    )


def page_form_data(fields, *, publish=True):
    """The POST data of the page form for `fields` (see the module's docstring)."""
    choices = {name: list(value) for name, value in fields.items() if _is_multiple_choice(value)}
    nested = {name: value for name, value in fields.items() if name not in choices}
    data = nested_form_data(nested)
    data.update(choices)
    if publish:
        data["action-publish"] = "action-publish"
    return data


def post_page_form(client, parent, model, /, *, publish=True, **fields):
    """Post the admin's add form for a `model` page under `parent`; the response."""
    return client.post(add_page_url(parent, model), page_form_data(fields, publish=publish))


def _form_errors(response):
    context = getattr(response, "context", None) or {}
    form = context.get("form") if hasattr(context, "get") else None
    return dict(form.errors) if form is not None else None


def create_page_in_admin(client, parent, model, /, *, publish=True, **fields):
    """Create a `model` page under `parent` through the admin form; the new page (specific)."""
    before = set(model.objects.child_of(parent).values_list("pk", flat=True))

    response = post_page_form(client, parent, model, publish=publish, **fields)

    assert response.status_code == 302, (
        f"The admin did not create the {model.__name__}: "
        f"status {response.status_code}, form errors {_form_errors(response)}"
    )
    created = model.objects.child_of(parent).exclude(pk__in=before)
    assert created.count() == 1
    page = created.get().specific
    if publish:
        assert response["Location"] == reverse("wagtailadmin_explore", args=(parent.pk,))
    else:
        assert response["Location"] == reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert page.live is publish
    return page
