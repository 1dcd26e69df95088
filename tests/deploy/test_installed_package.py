"""The services run from an installed, non-editable package, as in the container image.

The wheel is built the way the image builds it (`pip wheel --no-deps`), from a copy of the
sources so that the repository's build/ is left alone, and must hold every file under the
packages' directories (code, generated code and the data the code reads at run time: policies,
configuration, the text corpus and rules). Then it is unzipped, and Python runs without site
(`-S`: the editable install's finder and .pth are inactive) on the unzipped wheel and the
venv's site-packages only, from a directory outside the repository: every service's
declaration, found through the entry points, its policy and configuration and the text models
all come from the unzipped wheel, and intake starts from it against the session's broker.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from redress.dev.platform import ServiceProcess, _ready_line

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# Where setuptools finds the packages ([tool.setuptools.packages.find] where = [...]).
WHERE = PYPROJECT["tool"]["setuptools"]["packages"]["find"]["where"]
SKIPPED_SUFFIXES = (".pyc", ".pyo", "~", ".swp")


def top_packages() -> dict[str, Path]:
    """Each top-level package the wheel must hold, by name: its directory in the repository."""
    found = {}
    for where in WHERE:
        for directory in sorted((ROOT / where).iterdir()):
            if (directory / "__init__.py").is_file():
                found[directory.name] = directory
    return found


def expected_files() -> set[str]:
    """Every file under the packages' directories, as the wheel names it; caches and hidden
    files aside."""
    expected = set()
    for name, directory in top_packages().items():
        for path in directory.rglob("*"):
            relative = path.relative_to(directory)
            if (not path.is_file() or "__pycache__" in relative.parts or path.name.endswith(SKIPPED_SUFFIXES)
                    or any(part.startswith(".") for part in relative.parts)):
                continue
            expected.add(f"{name}/{relative.as_posix()}")
    return expected


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env(**extra: str) -> dict[str, str]:
    """No REDRESS_* setting from the outside (a configuration directory would hide the packaged
    one) and no PYTHONPATH but ours."""
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")}
    return {**keep, "PYTHONDONTWRITEBYTECODE": "1", **extra}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    shutil.copy2(ROOT / "pyproject.toml", source)
    readme = PYPROJECT["project"].get("readme")
    if isinstance(readme, str):
        shutil.copy2(ROOT / readme, source)
    for where in WHERE:
        shutil.copytree(ROOT / where, source / where, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "--disable-pip-version-check", "-q", "-w", str(work / "dist"), str(source)],
        capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = (work / "dist").glob("redress-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The wheel unzipped: what a non-editable installation puts in site-packages."""
    target = tmp_path_factory.mktemp("installed")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target.resolve()


@pytest.fixture(scope="module")
def models_dir(tmp_path_factory) -> Path:
    """REDRESS_TEXT_MODELS_DIR of the runs below: the first trains the models into it, intake
    then finds them there (as a replica finds the ones its image was built with)."""
    return tmp_path_factory.mktemp("text-models")


@pytest.fixture(scope="module")
def outside(tmp_path_factory) -> Path:
    """The runs' working directory: not the repository, so nothing is found through it."""
    directory = tmp_path_factory.mktemp("cwd").resolve()
    assert not directory.is_relative_to(ROOT)
    return directory


def python_path(installed: Path) -> str:
    """The unzipped wheel first, then the venv's site-packages (its third-party libraries, and
    the editable install's files, inert without site)."""
    paths = sysconfig.get_paths()
    return os.pathsep.join(dict.fromkeys([str(installed), paths["purelib"], paths["platlib"]]))


def test_the_wheel_holds_every_file_under_the_packages(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        dist_info = next(n.split("/")[0] for n in names if n.split("/")[0].endswith(".dist-info"))
        entry_points = archive.read(f"{dist_info}/entry_points.txt").decode()
    expected = expected_files()
    data = {n for n in expected if not n.endswith((".py", ".pyi"))}
    # The expectation is the repository's files; these kinds must be among them.
    assert {n.rsplit(".", 1)[-1] for n in data} >= {"json", "jsonl"}, sorted(data)
    missing = sorted(expected - names)
    assert not missing, ("files the wheel lacks (data: add them to [tool.setuptools.package-data] in "
                         f"pyproject.toml): {missing}")
    for name in PYPROJECT["project"]["entry-points"]["redress.services"]:
        assert f"\n{name} = " in entry_points, entry_points
    for script in PYPROJECT["project"]["scripts"]:
        assert f"\n{script} = " in entry_points, entry_points


# Run by `python -S -c CHECK <unzipped wheel>`: loads everything a service reads at start and
# prints what it found, as JSON; every module of ours and every data path must be in the wheel.
CHECK = r"""
import importlib.metadata as metadata
import json
import sys
from pathlib import Path

root = Path(sys.argv[1])
report = {"site": "site" in sys.modules, "distribution": str(metadata.distribution("redress").locate_file(""))}

from redress.kernel.declaration import declared
from redress.kernel.settings import ServiceSettings

services = declared()
report["services"] = sorted(services)
settings = ServiceSettings()
for service in services.values():
    service.domain(settings)  # a service with a policy loads it here (resolution, compensation)

from redress.text import category, conduct, corpus, intent, language, sentiment
from redress.text.models import cache_dir
from redress_compensation import policy as compensation_policy
from redress_publicity_watch import radar, settings as publicity_settings
from redress_resolution import policy as resolution_policy

resolution = resolution_policy.load()
compensation = compensation_policy.load()
thresholds = publicity_settings.link_thresholds()("any-organisation")
radar_config = radar.load_config()
rules = conduct.load_rules(conduct.rules_dir(None))
report["conduct_languages"] = sorted({r.language for r in rules})
report["compensation_organisations"] = sorted(compensation.by_organisation)
report["corpus"] = {kind: len(corpus.examples(kind, label)) for kind, label in
                    (("categories", "category"), ("conduct", "refuse"), ("intent", "public"), ("sentiment", "sentiment"))}
report["places"] = sorted(intent.places())
category.model()
intent.models()
language.model()
sentiment.model()
report["models"] = sorted(p.name for p in cache_dir().iterdir())
report["detected"] = language.detect("Yemek soğuk geldi, garson çok kaba davrandı ve hesabı yanlış getirdi.").code
report["data_paths"] = [str(p) for p in (
    corpus.DATA, conduct.DEFAULT_RULES, resolution_policy.DEFAULT_DIR, compensation_policy.DEFAULT_DIR,
    publicity_settings.DEFAULT_FILE, radar.DEFAULT_CONFIG, *(p.path for p in compensation.by_organisation.values()))]

ours = {"redress", *(ep.value.split(".")[0] for ep in metadata.entry_points(group="redress.services"))}
report["modules"] = 0
report["elsewhere"] = []
for name, module in sorted(sys.modules.items()):
    if name.split(".")[0] not in ours:
        continue
    report["modules"] += 1
    files = [module.__file__] if getattr(module, "__file__", None) else list(getattr(module, "__path__", []))
    if not files or not all(Path(f).resolve().is_relative_to(root) for f in files):
        report["elsewhere"].append(f"{name}: {files}")
print(json.dumps(report))
"""


def test_the_services_load_everything_from_the_installed_package(installed, models_dir, outside):
    ran = subprocess.run(
        [sys.executable, "-S", "-c", CHECK, str(installed)], cwd=outside, capture_output=True, text=True,
        timeout=180, env=clean_env(PYTHONPATH=python_path(installed), HOME=str(outside),
                                   REDRESS_TEXT_MODELS_DIR=str(models_dir)))
    assert ran.returncode == 0, ran.stderr[-4000:]
    report = json.loads(ran.stdout.strip().splitlines()[-1])

    assert report["site"] is False
    assert Path(report["distribution"]).resolve() == installed  # the wheel's metadata, not the editable one's
    assert report["services"] == sorted(PYPROJECT["project"]["entry-points"]["redress.services"])
    assert report["elsewhere"] == [], "modules not loaded from the unzipped wheel"
    assert report["modules"] > 20
    outside_wheel = [p for p in report["data_paths"] if not Path(p).resolve().is_relative_to(installed)]
    assert outside_wheel == [], "data read from outside the unzipped wheel"

    # What was loaded is what the repository has.
    text = top_packages()["redress"] / "text"
    assert report["conduct_languages"] == sorted(p.stem for p in (text / "rules" / "conduct").glob("*.json"))
    policies = top_packages()["redress_compensation"] / "config" / "policies"
    assert len(report["compensation_organisations"]) == len(list(policies.glob("*.json")))
    assert all(count > 0 for count in report["corpus"].values()), report["corpus"]
    assert report["places"]
    assert sorted(name.split("-")[0] for name in report["models"]) == ["category", "intent", "language", "sentiment"]
    assert report["detected"] == "tr"


def test_intake_serves_from_the_installed_package(installed, models_dir, outside, service_env, tmp_path):
    """`redress-serve intake` (its console script's entry point) from the unzipped wheel, on the
    session's broker, until its READY line and a SERVING health check."""
    serve = ("import importlib.metadata as metadata, sys\n"
             "from pathlib import Path\n"
             "root = Path(sys.argv[1])\n"
             "(script,) = metadata.entry_points(group='console_scripts', name='redress-serve')\n"
             "main = script.load()\n"
             "import redress.kernel.main, redress_intake.service\n"
             "for module in (redress.kernel.main, redress_intake.service):\n"
             "    if not Path(module.__file__).resolve().is_relative_to(root):\n"
             "        sys.exit(f'{module.__name__} is not from the wheel: {module.__file__}')\n"
             "sys.argv = ['redress-serve', 'intake']\n"
             "sys.exit(main())\n")
    env = clean_env(**{**service_env, "PYTHONPATH": python_path(installed), "HOME": str(outside),
                       "REDRESS_INTAKE_PORT": str(free_port()), "REDRESS_STATE_DIR": str(tmp_path / "state"),
                       "REDRESS_TEXT_MODELS_DIR": str(models_dir)})
    log = tmp_path / "intake.log"
    with open(log, "w") as log_file:
        process = subprocess.Popen([sys.executable, "-S", "-c", serve, str(installed)], cwd=outside, env=env,
                                   stdout=subprocess.PIPE, stderr=log_file, text=True, bufsize=1)
    service = None
    try:
        try:
            line = _ready_line(process, "intake", timeout=90)
        except Exception as failed:
            raise AssertionError(f"{failed}\n{log.read_text()[-4000:]}") from None
        service = ServiceProcess("intake", process, line.split()[2])
        with grpc.insecure_channel(service.address) as channel:
            answer = health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service="redress.intake.v1.IntakeService"), timeout=10)
        assert answer.status == health_pb2.HealthCheckResponse.SERVING
    finally:
        if service is not None:
            assert service.stop() == 0, log.read_text()[-4000:]
        elif process.poll() is None:
            process.kill()
            process.wait()

