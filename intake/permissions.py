"""Who may see web-form submissions: intake's own permissions, not page permissions.

Wagtail lets anyone who may edit a form page read, export and delete its
submissions. Submissions are personal data, so here only the roles whose job
needs them hold these (Registry managers and the Privacy officer, migration
0003); Editors and Moderators edit the form pages and see no submission.
"""

VIEW_SUBMISSIONS = "intake.view_intakesubmission"
DELETE_SUBMISSIONS = "intake.delete_intakesubmission"


def can_view_submissions(user):
    return user.has_perm(VIEW_SUBMISSIONS)


def can_delete_submissions(user):
    return can_view_submissions(user) and user.has_perm(DELETE_SUBMISSIONS)
