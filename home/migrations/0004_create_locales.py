from django.db import migrations

# The site's content languages besides the default (fi), which wagtailcore's own
# migrations create from LANGUAGE_CODE.
LANGUAGE_CODES = ["sv", "en"]


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    for code in LANGUAGE_CODES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("home", "0003_i18n_and_accessibility_statement")]

    # Reversing leaves the locales: pages in them may exist by then.
    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
