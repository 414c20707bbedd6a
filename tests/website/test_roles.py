"""Roles made by the data migration, the "Rishikim dhe publikim" workflow and who reaches the admin."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage

from tests.factories import StandardPageFactory, member_of

pytestmark = pytest.mark.django_db

ROLE_NAMES = [
    "Competition moderators",
    "Editors",
    "Jurors",
    "Publishers",
    "Safeguarding officers",
]


def page_codenames(group_name):
    group = Group.objects.get(name=group_name)
    return sorted(group.page_permissions.values_list("permission__codename", flat=True))


def collection_codenames(group_name):
    group = Group.objects.get(name=group_name)
    return sorted(group.collection_permissions.values_list("permission__codename", flat=True))


# Other apps add their own permissions to these groups; the foundation owns these labels.
# (wagtailimages/wagtaildocs hold Wagtail's unused default models: we use website's.)
FOUNDATION_APPS = ["auth", "wagtailadmin", "wagtailcore", "wagtailusers", "website"]


def model_codenames(group_name):
    group = Group.objects.get(name=group_name)
    return sorted(
        group.permissions.filter(content_type__app_label__in=FOUNDATION_APPS).values_list(
            "codename", flat=True
        )
    )


@pytest.fixture
def subpage(home):
    return StandardPageFactory(
        parent=home,
        title_sq="Rreth nesh",
        title_en="About us",
        slug_sq="rreth-nesh",
        slug_en="about-us",
        intro_sq="Hyrje",
        intro_en="Introduction",
    )


def test_migration_creates_exactly_the_role_groups():
    assert sorted(Group.objects.values_list("name", flat=True)) == ROLE_NAMES


def test_editors_draft_on_the_whole_tree_but_cannot_publish():
    root = Page.get_first_root_node()

    assert page_codenames("Editors") == ["add_page", "change_page", "lock_page"]
    assert set(
        Group.objects.get(name="Editors").page_permissions.values_list("page", flat=True)
    ) == {root.pk}
    assert collection_codenames("Editors") == [
        "add_document",
        "add_image",
        "change_document",
        "change_image",
        "choose_document",
        "choose_image",
    ]
    assert model_codenames("Editors") == ["access_admin", "add_partner", "change_partner"]


def test_publishers_publish_and_manage_site_settings():
    assert page_codenames("Publishers") == [
        "add_page",
        "change_page",
        "lock_page",
        "publish_page",
        "unlock_page",
    ]
    assert collection_codenames("Publishers") == [
        "add_document",
        "add_image",
        "change_document",
        "change_image",
        "choose_document",
        "choose_image",
        "delete_document",
        "delete_image",
    ]
    assert model_codenames("Publishers") == [
        "access_admin",
        "add_partner",
        "change_partner",
        "change_sitesettings",
        "delete_partner",
    ]


@pytest.mark.parametrize("group_name", ["Competition moderators", "Safeguarding officers"])
def test_moderators_and_safeguarding_officers_reach_the_admin_but_not_pages(group_name):
    assert model_codenames(group_name) == ["access_admin"]
    assert page_codenames(group_name) == []
    assert collection_codenames(group_name) == []


def test_jurors_have_no_cms_permission_at_all():
    group = Group.objects.get(name="Jurors")
    assert model_codenames("Jurors") == []
    assert not group.permissions.filter(
        content_type__app_label__in=["wagtailimages", "wagtaildocs", "wagtailsnippets"]
    ).exists()
    assert page_codenames("Jurors") == []
    assert collection_codenames("Jurors") == []


def test_page_permissions_editor_cannot_publish_and_publisher_can(subpage):
    editor = member_of("Editors", username="editor")
    publisher = member_of("Publishers", username="publisher")

    editor_perms = subpage.permissions_for_user(editor)
    publisher_perms = subpage.permissions_for_user(publisher)

    assert (editor_perms.can_edit(), editor_perms.can_publish()) == (True, False)
    assert (publisher_perms.can_edit(), publisher_perms.can_publish()) == (True, True)


def test_review_and_publish_workflow_is_on_the_root_with_publishers_approving():
    root = Page.get_first_root_node()

    workflow = Workflow.objects.get(name="Rishikim dhe publikim")
    assert workflow.active is True
    assert WorkflowPage.objects.get(page=root).workflow == workflow
    tasks = [task.specific for task in workflow.tasks]
    assert [type(task) for task in tasks] == [GroupApprovalTask]
    assert [group.name for group in tasks[0].groups.all()] == ["Publishers"]
    assert list(Workflow.objects.filter(active=True)) == [workflow]


def test_every_page_gets_the_review_and_publish_workflow(subpage):
    assert subpage.get_workflow().name == "Rishikim dhe publikim"


def test_editor_submits_for_review_and_publisher_approves(client, subpage):
    editor = member_of("Editors", username="editor")
    publisher = member_of("Publishers", username="publisher")
    client.force_login(editor)
    edit_url = f"/admin/pages/{subpage.pk}/edit/"
    form = {
        "title_sq": "Rreth nesh (ndryshuar)",
        "title_en": "About us (changed)",
        "slug_sq": "rreth-nesh",
        "slug_en": "about-us",
        "intro_sq": "Hyrje",
        "intro_en": "Introduction",
        "body_sq-count": "0",
        "body_en-count": "0",
        "action-submit": "Submit for moderation",
    }

    submitted = client.post(edit_url, form)

    assert submitted.status_code == 302
    subpage.refresh_from_db()
    state = subpage.current_workflow_state
    assert state.status == "in_progress"
    assert state.current_task_state.task.name == "Miratim nga publikuesit"
    assert subpage.live_revision.as_object().title_sq == "Rreth nesh"
    task = state.current_task_state.task.specific
    assert [name for name, _label, _modal in task.get_actions(subpage, publisher)] == [
        "reject",
        "approve",
        "approve",
    ]
    assert task.get_actions(subpage, editor) == []

    client.force_login(publisher)
    approved = client.post(
        f"/admin/pages/{subpage.pk}/edit/",
        {
            **form,
            "action-submit": "",
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
        },
    )

    assert approved.status_code == 302
    subpage.refresh_from_db()
    assert subpage.title_sq == "Rreth nesh (ndryshuar)"
    assert subpage.current_workflow_state is None


def test_editor_publish_action_does_not_publish(client, subpage):
    client.force_login(member_of("Editors", username="editor"))

    client.post(
        f"/admin/pages/{subpage.pk}/edit/",
        {
            "title_sq": "Botuar nga redaktori",
            "title_en": "Published by the editor",
            "slug_sq": "rreth-nesh",
            "slug_en": "about-us",
            "body_sq-count": "0",
            "body_en-count": "0",
            "action-publish": "Publish",
        },
    )

    subpage.refresh_from_db()
    assert subpage.title_sq == "Rreth nesh"
    assert subpage.live_revision.as_object().title_sq == "Rreth nesh"


# Staff (who may use the admin) asking for a section they have no permission for: Wagtail sends
# them back to the dashboard with its message, in the admin's language (Albanian by default).
# The plain 403 is for signed-in users without admin access (jurors), as the README promises.
STAFF_REFUSED = "Na vjen keq, nuk keni leje për të hyrë në këtë zonë."


def refusal_messages(response):
    """The messages queued for the next page (Wagtail appends its buttons' markup: stripped)."""
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


JUROR_FORBIDDEN = [
    "/admin/",
    "/admin/pages/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/snippets/",
    "/admin/snippets/website/partner/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/settings/website/sitesettings/",
]


@pytest.mark.parametrize("path", JUROR_FORBIDDEN)
def test_juror_is_turned_away_from_the_admin(client, home, path):
    client.force_login(member_of("Jurors", username="juror"))

    response = client.get(path)

    assert response.status_code == 403
    assert "<h1>Nuk keni qasje</h1>" in response.content.decode()


@pytest.mark.parametrize("path", ["/admin/images/", "/admin/users/", "/admin/groups/"])
def test_competition_moderator_cannot_manage_images_or_users(client, home, path):
    client.force_login(member_of("Competition moderators", username="moderator"))

    response = client.get(path)

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert refusal_messages(response) == [STAFF_REFUSED]


def test_editor_reaches_the_admin_pages_and_images(client, home):
    client.force_login(member_of("Editors", username="editor"))

    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/{home.pk}/").status_code == 200
    assert client.get("/admin/images/").status_code == 200
    response = client.get("/admin/users/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert refusal_messages(response) == [STAFF_REFUSED]


def test_a_site_made_with_the_english_names_gets_the_albanian_ones():
    """0008: sites migrated before 0003 named them in Albanian are renamed, and back."""
    rename = importlib.import_module("website.migrations.0008_albanian_workflow_names")
    Workflow.objects.filter(name="Rishikim dhe publikim").update(name="Review and publish")
    GroupApprovalTask.objects.filter(name="Miratim nga publikuesit").update(
        name="Publishers approve"
    )

    rename.rename(django_apps, None)

    names = set(Workflow.objects.values_list("name", flat=True))
    assert "Rishikim dhe publikim" in names and "Review and publish" not in names
    assert GroupApprovalTask.objects.filter(name="Miratim nga publikuesit").count() == 1
    rename.rename_back(django_apps, None)
    assert Workflow.objects.filter(name="Review and publish").count() == 1
