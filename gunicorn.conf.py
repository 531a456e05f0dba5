"""gunicorn settings the repository ships. The access log leaves out the remote address on purpose:
residents were promised that their IP address is not recorded."""
import os

bind = os.environ.get("PORTAL_BIND", "127.0.0.1:5000")
workers = int(os.environ.get("PORTAL_WORKERS", "2"))
# One thread per worker (gunicorn's sync worker): the portal's requests are short and CPU-bound, so threads in one
# process only wait for each other; behind nginx, which buffers slow clients, more workers is the way to scale
# (bench/README.md, "Throughput", has the measurements).
threads = int(os.environ.get("PORTAL_THREADS", "1"))
accesslog = "-"
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'  # no %(h)s, no query string, no user agent
errorlog = "-"
forwarded_allow_ips = os.environ.get("PORTAL_FORWARDED_ALLOW_IPS", "127.0.0.1")
