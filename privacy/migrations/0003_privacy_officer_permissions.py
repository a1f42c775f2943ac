"""Give the "Privacy officer" group the privacy permissions.

The registry creates the group too; whichever migration runs first creates it,
the other finds it by name.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Privacy officer"
PERMISSIONS = [
    ("privacy", "view_datasubjectrequest"),
    ("privacy", "change_datasubjectrequest"),
    ("privacy", "view_processing_record"),
    ("privacy", "view_retentionrun"),
    ("privacy", "view_disclosure"),
    ("privacy", "add_disclosure"),
    ("privacy", "view_erasureledgerentry"),
    ("wagtailadmin", "access_admin"),
]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; create privacy's now.
    config = apps.get_app_config("privacy")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP).first()
    if group:
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="privacy")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0002_requests_retention_disclosures"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
