"""The servers and databases of bench/load.py: gunicorn, the db_worker, PostgreSQL, and a
stock `wagtail start` project served the same way."""

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

from _load_visitors import request

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent


def run(command, env, **kwargs):
    subprocess.run(command, env=env, cwd=kwargs.pop("cwd", ROOT), check=True, **kwargs)


def wait_until_up(port, path="/health/", timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if request(port, "GET", path)[0] < 500:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn on port {port} did not come up")


def start(command, env, cwd=ROOT, log=None):
    return subprocess.Popen(
        command, env=env, cwd=cwd, start_new_session=True, stdout=log, stderr=log
    )


def gunicorn(env, port, app="config.wsgi", cwd=ROOT):
    config = ROOT / "config/gunicorn.py"
    command = [str(BIN / "gunicorn"), "-c", str(config), app, "--bind", f"127.0.0.1:{port}"]
    return start([*command, "--workers", "2"], env, cwd)


def worker_pids(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text()
    return [int(pid) for pid in children.split()]


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def environ_without(*names):
    """This process's environment, less the variables a server must not inherit."""
    return {key: value for key, value in os.environ.items() if key not in names}


def database_env(database_url):
    env = environ_without("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        CONN_MAX_AGE="60",
        GUNICORN_ACCESS_LOG="",
        GUNICORN_LOG_LEVEL="warning",
        LOG_LEVEL="WARNING",
        # Four load processes on one address: the per-address form limit would refuse them.
        INTAKE_RATE_LIMIT="1000000/m",
        # No mail server here: notifications stay in the outbox, which is what an outage does.
        EMAIL_URL="smtp://127.0.0.1:2",
    )
    return env


def ensure_database(database_url, fresh=False):
    """Create the database if it is missing; with `fresh`, drop it first: a run must not
    inherit an earlier run's queue (its undeliverable emails keep the worker busy)."""
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if fresh:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def query(database_url, sql, params=()):
    import psycopg

    with psycopg.connect(database_url) as connection:
        return connection.execute(sql, params).fetchall()


def stored_submissions(database_url, run_id):
    """(rows stored, distinct submissions among them, steps by status) for this run."""
    like = f"load {run_id} #%"
    (stored, distinct), *_ = query(
        database_url,
        "SELECT count(*), count(DISTINCT form_data->>'viesti') FROM intake_intakesubmission "
        "WHERE form_data->>'viesti' LIKE %s",
        (like,),
    )
    steps = query(
        database_url,
        "SELECT s.status, count(*) FROM intake_submissionstep s JOIN intake_intakesubmission i "
        "ON i.id = s.submission_id WHERE i.form_data->>'viesti' LIKE %s GROUP BY s.status",
        (like,),
    )
    return stored, distinct, dict(steps)


def stock_wagtail_project(tmp, database_url):
    """A stock `wagtail start` project on the same PostgreSQL, served the same way."""
    run([str(BIN / "wagtail"), "start", "stock", str(tmp)], env=os.environ.copy())
    stock_url = database_url + "_stock"
    ensure_database(stock_url)
    (tmp / "stock/settings/local.py").write_text(
        "import dj_database_url\n"
        f"DATABASES = {{'default': dj_database_url.parse({stock_url!r}, conn_max_age=60)}}\n"
        "ALLOWED_HOSTS = ['127.0.0.1']\n"
        f"SECRET_KEY = {secrets.token_urlsafe(50)!r}\n"
        "STORAGES = {'default': {'BACKEND': 'django.core.files.storage.FileSystemStorage'},"
        " 'staticfiles': {'BACKEND':"
        " 'django.contrib.staticfiles.storage.StaticFilesStorage'}}\n"
    )
    env = environ_without("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    # Our gunicorn.py (access log off, same workers) so that only the application differs.
    env.update(
        DJANGO_SETTINGS_MODULE="stock.settings.production",
        GUNICORN_ACCESS_LOG="",
        GUNICORN_LOG_LEVEL="warning",
    )
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], env=env, cwd=tmp)
    return env


def prepare(env):
    print("Preparing: migrate, cache table, demo content, collectstatic ...", flush=True)
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], env=env)
    run([PYTHON, "manage.py", "createcachetable"], env=env)
    run([PYTHON, "manage.py", "load_initial_data"], env=env, stdout=subprocess.DEVNULL)
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v", "0"], env=env)
    manifest = json.loads((ROOT / "static/staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]
