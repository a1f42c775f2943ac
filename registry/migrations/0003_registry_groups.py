"""The register's permission groups.

- Registry managers: every permission on the register's data.
- Privacy officer: the same, plus the contact access log (who viewed or
  exported a person's data); later issues add the privacy tools.
- Editors (Wagtail's own group): pages only; no register permission at all.

Permissions are normally created after migrations (post_migrate); they are
created here first so that a fresh database gets its groups in one migrate.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REGISTRY_MANAGERS = "Registry managers"
PRIVACY_OFFICER = "Privacy officer"
EDITORS = "Editors"
ACCESS_LOG = "view_access_log_contact"


def create_groups(apps, schema_editor):
    registry_config = apps.get_app_config("registry")
    registry_config.models_module = True
    create_permissions(registry_config, apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    registry_permissions = Permission.objects.filter(content_type__app_label="registry")

    managers, _ = Group.objects.get_or_create(name=REGISTRY_MANAGERS)
    managers.permissions.add(admin_access, *registry_permissions.exclude(codename=ACCESS_LOG))

    officer, _ = Group.objects.get_or_create(name=PRIVACY_OFFICER)
    officer.permissions.add(admin_access, *registry_permissions)

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(admin_access)
    editors.permissions.remove(*registry_permissions)


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[REGISTRY_MANAGERS, PRIVACY_OFFICER]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0002_contact_access_log_permission"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
