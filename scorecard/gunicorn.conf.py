"""gunicorn's settings for `make serve`, from the environment."""

from scorecard.env import env_int, env_str

bind = env_str("BIND", f"127.0.0.1:{env_int('PORT', 8000)}")
workers = env_int("WEB_CONCURRENCY", 3)
threads = env_int("GUNICORN_THREADS", 4)
worker_class = "gthread" if threads > 1 else "sync"
# Load the app once, before forking, so that no worker pays for the imports on its first request.
preload_app = True
timeout = env_int("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
# Longer than a client's pause between requests, so a kept-alive connection is not closed as it is reused.
keepalive = env_int("GUNICORN_KEEPALIVE", 10)
max_requests = env_int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = 200
accesslog = env_str("GUNICORN_ACCESS_LOG", "-")
# The common log format, plus the time taken in microseconds.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)sus'
errorlog = "-"
forwarded_allow_ips = env_str("FORWARDED_ALLOW_IPS", "127.0.0.1")
