"""Search-index updates that Elasticsearch missed, kept until it is back.

Both Elasticsearch indexes of the site, the company directory's
(``directory.search``) and Wagtail's (``ops.search_backend``), work the same way while
the cluster is down:

- The database index is updated in the request, as always, so the database can
  answer every search; the Elasticsearch update is tried and, when it fails, an
  ``ops.PendingIndexUpdate`` row is written in the same transaction. A later
  update of the same object replaces the row.
- An index answers searches from Elasticsearch only while the cluster answers a
  ping (asked at most every ``CHECK_SECONDS`` per process, see ``is_up``) and the
  index has no pending rows; otherwise the database answers. A listing hidden
  during the outage can so never be found in the stale Elasticsearch index.
- ``replay`` drains the rows: it reads each object's state from the database
  when it runs (a deleted or hidden object becomes a removal), sends it and
  deletes the row only once Elasticsearch took it. It runs as the task
  ``ops.tasks.replay_search_index``, enqueued when a process sees the cluster
  come back, and from ``manage.py replay_search_index`` (cron, operators).

Logs and rows carry a model label, ids and an exception's class, never a value
of the object: Elasticsearch's own error messages may quote a document.
"""

import logging
import time
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.dispatch import Signal
from elastic_transport import ApiError, TransportError

from .models import PendingIndexUpdate

logger = logging.getLogger(__name__)

Action = PendingIndexUpdate.Action

# How long a process trusts its last ping of a cluster.
CHECK_SECONDS = 30

# index -> replay_one(model_label, object_id): bring Elasticsearch in line with the
# database for one object; raises when Elasticsearch does not take it.
_replayers = {}

# availability key -> (monotonic time of the check, whether the ping answered); per process.
_checks = {}


def register(index, replay_one):
    """Name the function that replays one object of ``index`` (an app's ready())."""
    _replayers[index] = replay_one


def registered_indexes():
    return sorted(_replayers)


# -- errors ---------------------------------------------------------------------------


def describe(error):
    """The error as the row and the log keep it: its class (and HTTP status), no message."""
    text = f"{type(error).__module__}.{type(error).__qualname__}"
    status = getattr(error, "status_code", None) if is_api_error(error) else None
    if status:
        text = f"{text} {status}"
    return text[:200]


def is_api_error(error):
    return isinstance(error, ApiError)


def is_outage(error):
    """Elasticsearch unreachable or unavailable, as opposed to refusing this one request."""
    if isinstance(error, TransportError):  # connection refused, timeout, TLS
        return True
    return is_api_error(error) and getattr(error, "status_code", 0) in (429, 502, 503, 504)


# -- the backlog ----------------------------------------------------------------------


def record(index, model, object_id, action, error=None):
    """Keep the latest update of one object for replay; replaces an earlier one.

    Runs in the caller's transaction: the row is kept exactly when the change is.
    """
    defaults = {"action": action}
    if error is not None:
        defaults["last_error"] = describe(error)
    PendingIndexUpdate.objects.update_or_create(
        index=index, model=model, object_id=str(object_id), defaults=defaults
    )
    if error is None:
        logger.info("Search index %s: %s %s #%s queued for replay", index, action, model, object_id)
    else:
        log = logger.warning if is_outage(error) else logger.error
        log(
            "Search index %s: Elasticsearch did not take %s %s #%s (%s); queued for replay",
            index,
            action,
            model,
            object_id,
            describe(error),
        )


def has_pending(index, model=None, object_ids=()):
    """Whether updates of ``index`` wait (of any of ``object_ids`` of ``model``, if given)."""
    rows = PendingIndexUpdate.objects.filter(index=index)
    if model is not None:
        rows = rows.filter(model=model, object_id__in=[str(pk) for pk in object_ids])
    return rows.exists()


def send_or_keep(index, availability_key, model, object_ids, action, send):
    """Send an update with ``send()``, or keep it for replay.

    Straight to the backlog, without trying, while the last check found the cluster
    down or an earlier update of one of these objects still waits: the replay then
    sends the latest state, and an older state can never overtake a newer one.
    A failure never fails the save: the update is kept instead.
    """
    if known_down(availability_key) or has_pending(index, model, object_ids):
        for object_id in object_ids:
            record(index, model, object_id, action)
        return
    try:
        send()
    except Exception as error:  # noqa: BLE001 (kept for replay)
        if is_outage(error):
            mark_down(availability_key, index)
        for object_id in object_ids:
            record(index, model, object_id, action, error)


# -- is the cluster up? -----------------------------------------------------------------


def is_up(key, ping, index):
    """Whether the cluster behind ``key`` answered its last ping; pings at most every
    CHECK_SECONDS per process. When it is seen to come back (or on a process's first
    check) with updates waiting, the replay is enqueued."""
    now = time.monotonic()
    checked = _checks.get(key)
    if checked is not None and now - checked[0] <= CHECK_SECONDS:
        return checked[1]
    was_up = checked[1] if checked is not None else None
    try:
        up = bool(ping())
    except Exception:  # noqa: BLE001 (any failure to answer means "not reachable")
        up = False
    _checks[key] = (now, up)
    if not up and was_up is not False:
        _log_down(index)
    elif up and was_up is not True:
        if was_up is False:
            logger.warning("Elasticsearch is back (%s index): replaying missed updates", index)
        if has_pending(index):
            enqueue_replay(index)
    return up


def answers_searches(key, ping, index):
    """Elasticsearch may answer searches: it is up and none of the index's updates wait."""
    return is_up(key, ping, index) and not has_pending(index)


def known_down(key):
    """The last check (still fresh) found the cluster down; asks nothing."""
    checked = _checks.get(key)
    return checked is not None and not checked[1] and time.monotonic() - checked[0] <= CHECK_SECONDS


def mark_down(key, index):
    """A request to the cluster failed: treat it as down until the next check."""
    checked = _checks.get(key)
    _checks[key] = (time.monotonic(), False)
    if checked is None or checked[1]:
        _log_down(index)


def _log_down(index):
    logger.warning("Elasticsearch unreachable (%s index): searching the database instead", index)


def reset():
    """Forget every check of this process (tests; nothing else needs it)."""
    _checks.clear()


# Sent with ``index`` when updates wait and the cluster answers again; ``ops.tasks``
# enqueues the replay.
replay_wanted = Signal()


def enqueue_replay(index=""):
    try:
        replay_wanted.send(sender=None, index=index)
    except Exception:  # a search must not fail because the task could not be queued
        logger.exception("Could not enqueue the search-index replay; cron will run it")


# -- replay -----------------------------------------------------------------------------


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0
    skipped: int = 0  # taken by a concurrent replay
    stopped: bool = False  # Elasticsearch went away during the run


SENT, FAILED, OUTAGE, SKIPPED = "sent", "failed", "outage", "skipped"


def replay(index=None, batch=100):
    """Send every pending update (of one index, or all) to Elasticsearch.

    Each row is taken in its own short transaction and locked (skip_locked on
    PostgreSQL), so concurrent runs share the rows and a request that updates the
    same object waits for at most one Elasticsearch call. A row is deleted only
    after Elasticsearch took it, and only if no newer update replaced it
    meanwhile; a failure leaves it with attempts + 1. The run stops at the first
    sign of an outage. Safe to run twice: what is sent is the database's state.
    """
    outcome = Outcome()
    rows = PendingIndexUpdate.objects.order_by("pk")
    if index:
        rows = rows.filter(index=index)
    last = 0
    while True:
        ids = list(rows.filter(pk__gt=last).values_list("pk", flat=True)[:batch])
        if not ids:
            return outcome
        for pk in ids:
            last = pk
            result = replay_one(pk)
            if result == SENT:
                outcome.sent += 1
            elif result == SKIPPED:
                outcome.skipped += 1
            else:
                outcome.failed += 1
            if result == OUTAGE:
                outcome.stopped = True
                return outcome


def replay_one(pk):
    with transaction.atomic():
        row = PendingIndexUpdate.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
        if row is None:
            return SKIPPED
        try:
            replayer = _replayers[row.index]
            with transaction.atomic():
                replayer(row.model, row.object_id)
        except Exception as error:  # noqa: BLE001 (kept and tried again later)
            row.attempts += 1
            PendingIndexUpdate.objects.filter(pk=row.pk).update(
                attempts=F("attempts") + 1, last_error=describe(error)
            )
            logger.warning(
                "Search index %s: replay of %s #%s failed on attempt %s (%s)",
                row.index,
                row.model,
                row.object_id,
                row.attempts,
                describe(error),
            )
            return OUTAGE if is_outage(error) else FAILED
        PendingIndexUpdate.objects.filter(pk=row.pk, updated_at=row.updated_at).delete()
        return SENT
