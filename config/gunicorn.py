"""gunicorn settings: `gunicorn -c config/gunicorn.py config.wsgi`.

Everything can be changed from the environment; the defaults suit one host with
two cores behind a reverse proxy (see README, "Production").
"""

import os

# The reverse proxy connects here; only it should reach this address.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: one request each at a time, so a slow request cannot
# starve others in its worker. One per core is a safe start for this site.
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 2))
worker_class = "sync"
# A request taking longer than this is killed and its worker replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Replace workers now and then so a slow leak can never grow unbounded.
max_requests = 2000
max_requests_jitter = 200
# Load the app once in the master: workers fork ready, and a killed worker is
# back in milliseconds.
preload_app = True
# Heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Trust X-Forwarded-Proto only from the proxy's address.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Access log without client address, query string or user agent: those can be
# personal data, and the proxy's own log already has what operations need.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
