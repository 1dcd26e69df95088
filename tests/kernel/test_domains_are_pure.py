"""Every declared service's domain knows nothing of Kafka, gRPC or logging: importing it
(and everything it imports) loads none of them."""
from __future__ import annotations

import subprocess
import sys

import pytest

from redress.kernel.declaration import declared

INFRASTRUCTURE = ("grpc", "aiokafka", "structlog", "logging", "redress.kernel.servicelog")


def domain_modules() -> list[str]:
    modules = []
    for service in declared().values():
        package = type(service.read_model()).__module__.split(".")[0]
        modules.append(f"{package}.domain")
    return modules


@pytest.mark.parametrize("module", domain_modules())
def test_a_domain_loads_no_infrastructure(module):
    probe = (f"import sys, {module}\n"
             f"print(','.join(m for m in {INFRASTRUCTURE!r} if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "", f"{module} loads {loaded}"


def test_every_service_is_found_by_its_declaration():
    assert {"intake", "resolution"} <= set(declared())


def test_the_kernel_and_the_services_import_no_dev_tooling():
    import ast
    from pathlib import Path

    import redress.kernel

    roots = [Path(redress.kernel.__file__).parent]
    roots += [Path(__import__(type(s.read_model()).__module__.split(".")[0]).__file__).parent
              for s in declared().values()]
    for root in roots:
        for path in root.glob("*.py"):
            tree = ast.parse(path.read_text())
            modules = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
            modules |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
            assert not [m for m in modules if m.startswith("redress.dev")], path
