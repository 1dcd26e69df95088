#!/usr/bin/env bash
# Re-fetches the CRDs tests/deploy validates the custom resources against (README.md beside this file).
#   deploy/k8s/crds/fetch.sh            # the pinned versions below
# Needs Maven and a Java >= 21 (Strimzi 1.x is built for 21; JAVA=/path/to/java to choose one) and Go.
set -euo pipefail

STRIMZI_VERSION=1.2.0
KEDA_VERSION=v2.21.0
PROMETHEUS_OPERATOR_VERSION=v0.85.0

here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

java_21() {
  for candidate in "${JAVA:-}" java /usr/lib/jvm/*/bin/java; do
    [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 || continue
    major="$("$candidate" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$candidate"; return; fi
  done
  echo "fetch.sh: no Java >= 21 found (set JAVA)" >&2; exit 1
}

# Strimzi: no artifact carries the CRD YAMLs, so generate them as Strimzi's build does, from io.strimzi:api and
# io.strimzi:crd-generator on Maven Central. Only the kinds Redress uses.
mvn -q -B -f "$here/strimzi-pom.xml" -Dstrimzi.version="$STRIMZI_VERSION" \
  dependency:copy-dependencies -DoutputDirectory="$work/strimzi"
mkdir -p "$here/strimzi"
"$(java_21)" -cp "$work/strimzi/*" io.strimzi.crdgenerator.CrdGenerator \
  --label app:strimzi --label strimzi.io/crd-install:true --target-kube 1.16+ \
  --crd-api-version v1 --api-versions v1 --storage-version v1 --yaml \
  io.strimzi.api.kafka.model.kafka.Kafka="$here/strimzi/040-Crd-kafka.yaml" \
  io.strimzi.api.kafka.model.topic.KafkaTopic="$here/strimzi/043-Crd-kafkatopic.yaml" \
  io.strimzi.api.kafka.model.user.KafkaUser="$here/strimzi/044-Crd-kafkauser.yaml" \
  io.strimzi.api.kafka.model.nodepool.KafkaNodePool="$here/strimzi/045-Crd-kafkanodepool.yaml"

# KEDA and prometheus-operator: the CRDs are in their Go modules' source, from the Go module proxy.
module_dir() {
  GOPATH="$work/go" GOFLAGS=-modcacherw go mod download -json "$1@$2" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p'
}
keda="$(module_dir github.com/kedacore/keda/v2 "$KEDA_VERSION")"
mkdir -p "$here/keda"
cp "$keda/config/crd/bases/keda.sh_scaledobjects.yaml" "$keda/config/crd/bases/keda.sh_triggerauthentications.yaml" \
  "$here/keda/"
promop="$(module_dir github.com/prometheus-operator/prometheus-operator "$PROMETHEUS_OPERATOR_VERSION")"
mkdir -p "$here/prometheus-operator"
cp "$promop/example/prometheus-operator-crd/monitoring.coreos.com_podmonitors.yaml" \
  "$promop/example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml" "$here/prometheus-operator/"
chmod 0644 "$here"/keda/*.yaml "$here"/prometheus-operator/*.yaml
echo "CRDs fetched: Strimzi $STRIMZI_VERSION, KEDA $KEDA_VERSION, prometheus-operator $PROMETHEUS_OPERATOR_VERSION"
