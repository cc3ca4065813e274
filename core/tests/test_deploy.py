"""The deployment files hang together: deploy/compose.yaml passes docker-compose's own schema check
(`docker-compose config`, Debian's package; no Docker engine runs here, so the stack is not started)
and every service builds from files that exist, depends on services that exist, and runs commands
the app has."""

import os
import shutil
import subprocess
from pathlib import Path

import yaml
from django.core.management import get_commands
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "deploy" / "compose.yaml"
ENV = {"SECRET_KEY": "x" * 50, "POSTGRES_PASSWORD": "not-a-real-password"}


def test_docker_compose_accepts_the_file():
    compose = shutil.which("docker-compose")
    assert compose, "docker-compose is missing: scripts/install-system-test-deps.sh installs it"
    checked = subprocess.run(  # noqa: S603 - a fixed command on our own file
        [compose, "-f", str(COMPOSE), "config", "-q"], env=os.environ | ENV, capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    # Without the secrets it refuses to start, rather than run with empty ones.
    unset = {k: v for k, v in os.environ.items() if k not in ENV}
    refused = subprocess.run(  # noqa: S603
        [compose, "-f", str(COMPOSE), "config", "-q"], env=unset, capture_output=True, text=True
    )
    assert refused.returncode != 0 and "Missing mandatory value" in refused.stderr


def test_every_service_is_built_run_and_checked_from_what_exists():
    spec = yaml.safe_load(COMPOSE.read_text())
    services = spec["services"]
    assert {"db", "web"} <= set(services)
    commands = set(get_commands())
    for name, service in services.items():
        build = service.get("build")
        if build:
            context = (COMPOSE.parent / build["context"]).resolve()
            assert (context / build["dockerfile"]).is_file(), name
        for needed in service.get("depends_on", {}):
            assert needed in services, (name, needed)
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            assert source in spec.get("volumes", {}), (name, source)
        command = service.get("command", "")
        for word in command.replace(";", " ").replace("&&", " ").split():
            if word.startswith("opensend."):
                assert (ROOT / (word.replace(".", "/") + ".py")).is_file(), word
        for step in command.split("manage.py ")[1:]:
            assert step.split()[0].strip(";\"") in commands, (name, step.split()[0])
    assert reverse("core:health") in str(services["web"]["healthcheck"]["test"])
