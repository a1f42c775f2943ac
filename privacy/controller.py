"""The controller named in the notice: a site setting that another app keeps.

`PRIVACY_CONTROLLER_SETTINGS` names the model ("app_label.ModelName", as
`AUTH_USER_MODEL` names the user model), so that privacy imports no other app.
It has the fields the notice and the record of processing show: controller_name,
business_id, postal_address_lines, the privacy_contact_* fields and privacy_notice.
"""

from django.apps import apps
from django.conf import settings


def controller_settings_model():
    return apps.get_model(settings.PRIVACY_CONTROLLER_SETTINGS)
