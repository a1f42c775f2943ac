"""Form submissions and proposed changes are seen by the register's roles only.

Registry managers and the Privacy officer get intake's submission and
proposed-change permissions; Editors and Moderators (Wagtail's page groups)
get none of them, so editing a form page no longer shows its submissions.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Registry managers", "Privacy officer"]
PAGE_GROUPS = ["Editors", "Moderators"]
CODENAMES = [
    "view_intakesubmission",
    "delete_intakesubmission",
    "view_proposedchange",
    "change_proposedchange",
]


def _permissions(apps):
    # Permissions are normally created after all migrations; create intake's now.
    config = apps.get_app_config("intake")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="intake", codename__in=CODENAMES)


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = list(_permissions(apps))
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)
    for group in Group.objects.filter(name__in=PAGE_GROUPS):
        group.permissions.remove(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = list(_permissions(apps))
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0002_submission_key"),
        ("registry", "0003_registry_groups"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
