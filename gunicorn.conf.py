"""gunicorn settings the repository ships. The access log leaves out the remote address on purpose:
residents were promised that their IP address is not recorded."""
import os

bind = os.environ.get("PORTAL_BIND", "127.0.0.1:5000")
# Without Redis, a worker sends the mail a request queued after that request's response (portal/platform/jobs.py):
# meanwhile it takes no request, and the other worker serves. Keep at least two.
workers = int(os.environ.get("PORTAL_WORKERS", "2"))
# One thread per worker (gunicorn's sync worker): the portal's requests are short and CPU-bound, so threads in one
# process only wait for each other; behind nginx, which buffers slow clients, more workers is the way to scale
# (bench/README.md, "Throughput", has the measurements).
threads = int(os.environ.get("PORTAL_THREADS", "1"))
accesslog = "-"
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'  # no %(h)s, no query string, no user agent
errorlog = "-"
forwarded_allow_ips = os.environ.get("PORTAL_FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(_worker):
    """Everything the worker built while loading the app (catalogs, templates, models) lives as long as the
    worker: moved out of the collector's sight, so a full collection walks only what requests allocate. Measured
    under load: 0.22 ms of garbage collection per submission before, 0.14 ms after (bench/README.md)."""
    import gc

    gc.freeze()
