"""Who decides listing applications: the register's roles, since approving one creates
an organisation and a contact in the register (and the application names a person).

Editors and Moderators get nothing: an application holds a person's name, email and
phone.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("Registry managers", "Privacy officer")
CODENAMES = (
    "view_listingapplication",
    "change_listingapplication",
    "delete_listingapplication",
)


def grant(apps, schema_editor):
    config = apps.get_app_config("directory")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="directory", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="directory", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0006_listing_applications_freshness_counts"),
        ("registry", "0003_registry_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
