"""The layers hold: imports run one way (import-linter's contracts in pyproject.toml), and only the modules that
handle a request read it, so a service works the same from a view, a command or a job."""
from __future__ import annotations

import ast
import sys
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORTAL = ROOT / "portal"
# Blueprints, their forms and the decorators and hooks around them; every other module is a service (or data).
REQUEST_HANDLING = {
    "views", "public_views", "dashboard_views", "tracker_views", "forms", "public_forms", "tracker_forms", "filters",
    "sessions", "permissions",
}
# The platform's own request plumbing: locale from the URL, security headers, rate limits, error pages, links.
PLATFORM_REQUEST_HANDLING = {"site", "errors", "i18n", "links", "security", "rate_limits"}


def _reads_request(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module == "flask":
            if any(alias.name == "request" for alias in node.names):
                return True
        if isinstance(node, ast.Attribute) and node.attr == "request":
            if isinstance(node.value, ast.Name) and node.value.id == "flask":
                return True
    return False


def _service_modules() -> list[Path]:
    services = []
    for path in sorted(PORTAL.rglob("*.py")):
        package = path.relative_to(PORTAL).parts[0]
        if package == "migrations" or path.parent == PORTAL:  # the app factory and its commands sit above it all
            continue
        allowed = PLATFORM_REQUEST_HANDLING if package == "platform" else REQUEST_HANDLING
        if path.stem not in allowed:
            services.append(path)
    return services


def test_no_service_reads_the_request():
    readers = [str(path.relative_to(ROOT)) for path in _service_modules() if _reads_request(path)]
    assert readers == [], "take what the request says in the view and pass it in"


def test_the_request_check_sees_an_import():
    assert _reads_request(PORTAL / "submissions" / "public_views.py")


def test_imports_run_one_way():
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    result = subprocess.run([lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
