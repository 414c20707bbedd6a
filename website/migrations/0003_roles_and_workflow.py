"""Groups for each role and the "Review and publish" moderation workflow.

Editors draft and submit; Publishers approve and publish; Competition moderators and
Safeguarding officers reach the admin (their own screens arrive with the competitions);
Jurors get no admin access at all (their jury room is separate from the CMS).
"""

from django.db import migrations

PAGE_PERMS = {
    "Editors": ["add_page", "change_page", "lock_page"],
    "Publishers": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
# Wagtail checks collection permissions against its own models (auth_model="wagtailimages.Image",
# "wagtaildocs.Document"), even when the image and document models are custom.
COLLECTION_PERMS = {
    "Editors": [
        ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
        ("wagtaildocs", "document", ["add_document", "change_document", "choose_document"]),
    ],
    "Publishers": [
        ("wagtailimages", "image", ["add_image", "change_image", "choose_image", "delete_image"]),
        ("wagtaildocs", "document", ["add_document", "change_document", "choose_document", "delete_document"]),
    ],
}
ADMIN_GROUPS = ["Editors", "Publishers", "Competition moderators", "Safeguarding officers"]
ALL_GROUPS = [*ADMIN_GROUPS, "Jurors"]


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
    )
    return perm


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    # Wagtail's own "Moderators" group becomes our Publishers.
    if Group.objects.filter(name="Moderators").exists() and not Group.objects.filter(name="Publishers").exists():
        Group.objects.filter(name="Moderators").update(name="Publishers")
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ALL_GROUPS}

    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin")
    for name in ALL_GROUPS:
        groups[name].permissions.remove(access_admin)
    for name in ADMIN_GROUPS:
        groups[name].permissions.add(access_admin)

    root = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for name, codenames in PAGE_PERMS.items():
        GroupPagePermission.objects.filter(group=groups[name]).delete()
        for codename in codenames:
            GroupPagePermission.objects.create(
                group=groups[name], page=root, permission=permission(apps, "wagtailcore", "page", codename)
            )
    for name, entries in COLLECTION_PERMS.items():
        GroupCollectionPermission.objects.filter(group=groups[name]).delete()
        for app_label, model, codenames in entries:
            for codename in codenames:
                GroupCollectionPermission.objects.create(
                    group=groups[name],
                    collection=root_collection,
                    permission=permission(apps, app_label, model, codename),
                )
    # Editors and Publishers manage the partners snippet.
    for name in ("Editors", "Publishers"):
        for codename in ("add_partner", "change_partner"):
            groups[name].permissions.add(permission(apps, "website", "partner", codename))
    groups["Publishers"].permissions.add(permission(apps, "website", "partner", "delete_partner"))
    groups["Publishers"].permissions.add(permission(apps, "website", "sitesettings", "change_sitesettings"))
    # Jurors: nothing in the CMS.
    groups["Jurors"].permissions.clear()
    GroupPagePermission.objects.filter(group=groups["Jurors"]).delete()
    GroupCollectionPermission.objects.filter(group=groups["Jurors"]).delete()

    # The "Review and publish" workflow: one approval step by Publishers, on the whole tree.
    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    # Named in Albanian, the admin's language (0008 renames the first, English names).
    task, _ = GroupApprovalTask.objects.get_or_create(
        name="Miratim nga publikuesit", defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([groups["Publishers"]])
    workflow, _ = Workflow.objects.get_or_create(name="Rishikim dhe publikim", defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    Workflow.objects.exclude(pk=workflow.pk).update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0002_pages_images_settings"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        # After Wagtail's own migrations that copy model permissions to collections.
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
