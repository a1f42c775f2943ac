"""The erasure ledger lives in a database of its own, never restored with the main one.

A backup of the main database taken before an erasure would otherwise bring the
ledger back to the state it had then, and `reapply_erasures` would find nobody to
erase again. The `ledger` alias is its own SQLite file by default and its own
PostgreSQL database in production (`PRIVACY_LEDGER_URL`).
"""

LEDGER = "ledger"
LEDGER_MODELS = {("privacy", "erasureledgerentry")}


def is_ledger_model(app_label, model_name):
    return (app_label, (model_name or "").lower()) in LEDGER_MODELS


class ErasureLedgerRouter:
    def db_for_read(self, model, **hints):
        return LEDGER if is_ledger_model(model._meta.app_label, model._meta.model_name) else None

    db_for_write = db_for_read

    def allow_relation(self, obj1, obj2, **hints):
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if db == LEDGER:
            return is_ledger_model(app_label, model_name)
        if is_ledger_model(app_label, model_name):
            return False
        return None
