"""Existing notices: the data content section becomes the block that adds the retention
sentence from PRIVACY_RETENTION_YEARS, so the period is stated from one place."""

import json

from django.db import migrations

HEADING = "Rekisterin tietosisältö"
OLD_SENTENCE = "<p>Tiedot poistetaan 10 vuoden kuluttua viimeisestä asiakastapahtumasta.</p>"


def convert(stream):
    changed = False
    for block in stream:
        value = block.get("value") or {}
        if block.get("type") == "text_section" and value.get("heading") == HEADING:
            block["type"] = "data_content"
            value["body"] = value.get("body", "").replace(OLD_SENTENCE, "")
            changed = True
    return changed


def forwards(apps, schema_editor):
    PrivacyNoticePage = apps.get_model("privacy", "PrivacyNoticePage")
    Revision = apps.get_model("wagtailcore", "Revision")
    for page in PrivacyNoticePage.objects.all():
        stream = list(page.sections.raw_data)
        if convert(stream):
            page.sections = stream
            page.save(update_fields=["sections"])
        revision_id = getattr(page, "latest_revision_id", None)
        revision = Revision.objects.filter(pk=revision_id).first() if revision_id else None
        if revision and isinstance(revision.content.get("sections"), str):
            sections = json.loads(revision.content["sections"])
            if convert(sections):
                revision.content["sections"] = json.dumps(sections)
                revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0003_privacy_officer_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
