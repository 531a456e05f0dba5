"""The baseline for throughput: a bare Flask app that returns a fixed page of the size of the concern page."""
import os
from pathlib import Path

from flask import Flask

PAGE = Path(os.environ["BASELINE_PAGE"]).read_bytes()
app = Flask(__name__)


@app.get("/")
def fixed_page():
    return PAGE, 200, {"Content-Type": "text/html; charset=utf-8"}
