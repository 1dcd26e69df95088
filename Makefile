# Redress. `make run` starts everything; `make test` runs the whole suite.
SHELL := /bin/bash
PY := .venv/bin/python
VENV_STAMP := .venv/.installed
KAFKA_STAMP := deploy/kafka/target/lib/.fetched
PROTO_FILES := $(shell find protos -name '*.proto' | sort)
FIELD_BEHAVIOR := build/proto-deps/google/api/field_behavior.proto
# The benchmark's load generator, built from the Go module proxy.
GHZ_VERSION := v0.120.0
GHZ_STAMP := build/go/bin/.ghz-$(GHZ_VERSION)
BENCH_MODE ?= reduced

.PHONY: run test unit lint protos protos-check demo replay bench eval-text kafka-start kafka-stop kafka-status clean images k8s-validate

run: $(VENV_STAMP) $(KAFKA_STAMP)
	$(PY) -m redress.dev.run

# Starts its own broker (ports 19092/19093, data in .redress/test-kafka) and stops it after.
test: $(VENV_STAMP) $(KAFKA_STAMP) protos-check lint
	$(PY) -m pytest -q -p no:cacheprovider --durations=5; status=$$?; \
	REDRESS_KAFKA_DATA_DIR=.redress/test-kafka $(PY) -m redress.dev.broker stop >/dev/null; exit $$status

# Trains the text classifiers on the fixed split and prints held-out accuracy per language and category.
eval-text: $(VENV_STAMP)
	$(PY) -m redress.dev.eval_text

unit: $(VENV_STAMP)
	$(PY) -m pytest -q -m "not kafka" tests

$(VENV_STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(PY) || python3.11 -m venv .venv || python3 -m venv .venv
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	$(PY) -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

$(KAFKA_STAMP): deploy/kafka/pom.xml
	mvn -q -B -f deploy/kafka/pom.xml dependency:copy-dependencies
	touch $@

$(FIELD_BEHAVIOR): $(VENV_STAMP)
	mkdir -p $(dir $@)
	cp $$($(PY) -c 'import os, google.api.field_behavior_pb2 as m; print(os.path.dirname(m.__file__))')/field_behavior.proto $@

# Generates the Python code for every .proto into the shared library (lib/redress).
protos: $(VENV_STAMP) $(FIELD_BEHAVIOR)
	.venv/bin/buf lint protos
	find lib/redress -name '*_pb2*.py*' -delete
	$(PY) -m grpc_tools.protoc -I protos -I build/proto-deps \
	  --python_out=lib --pyi_out=lib --grpc_python_out=lib $(PROTO_FILES)

# Fails when the committed generated code is not what `make protos` makes now.
protos-check: $(VENV_STAMP) $(FIELD_BEHAVIOR)
	rm -rf build/protos-check && mkdir -p build/protos-check
	$(PY) -m grpc_tools.protoc -I protos -I build/proto-deps \
	  --python_out=build/protos-check --pyi_out=build/protos-check --grpc_python_out=build/protos-check $(PROTO_FILES)
	@for f in $$(cd build/protos-check && find . -name '*_pb2*'); do \
	  cmp -s build/protos-check/$$f lib/$$f || { echo "generated code is stale: lib/$$f; run 'make protos' and commit"; exit 1; }; \
	done; \
	for f in $$(cd lib && find . -name '*_pb2*' -not -path '*/__pycache__/*'); do \
	  test -e build/protos-check/$$f || { echo "generated code has no .proto any more: lib/$$f; run 'make protos'"; exit 1; }; \
	done

lint: $(VENV_STAMP) $(FIELD_BEHAVIOR)
	.venv/bin/buf lint protos
	.venv/bin/hadolint deploy/docker/Dockerfile
	$(PY) -m pyflakes lib/redress/kernel/*.py lib/redress/dev/*.py lib/redress/text/*.py lib/redress/*.py services/*/redress_*/*.py tests bench

demo: $(VENV_STAMP)
	$(PY) -m redress.dev.demo

# Rebuilds a service's read models from offset zero and prints events/s (SERVICE=intake).
replay: $(VENV_STAMP)
	$(PY) -m redress.dev.cli replay $${SERVICE:-intake}

# reduced (about two minutes) or BENCH_MODE=full (1,000,000 complaints); see docs/performance.md.
bench: $(VENV_STAMP) $(KAFKA_STAMP) $(FIELD_BEHAVIOR) $(GHZ_STAMP)
	BENCH_MODE=$(BENCH_MODE) $(PY) bench/run.py

$(GHZ_STAMP):
	GOBIN=$(CURDIR)/build/go/bin go install github.com/bojand/ghz/cmd/ghz@$(GHZ_VERSION)
	touch $@

kafka-start: $(VENV_STAMP) $(KAFKA_STAMP)
	$(PY) -m redress.dev.broker start
kafka-stop: $(VENV_STAMP)
	$(PY) -m redress.dev.broker stop
kafka-status: $(VENV_STAMP)
	$(PY) -m redress.dev.broker status

clean:
	rm -rf build .pytest_cache

# The services' images (deploy/docker/Dockerfile, docs/images.md), one per declared service,
# tagged with the commit; without a Docker engine it says so and succeeds.
images: $(VENV_STAMP)
	@if ! docker info >/dev/null 2>&1; then \
	  echo "images: no Docker engine answers ('docker info' failed): no image built"; exit 0; \
	fi; \
	revision=$$(git rev-parse HEAD 2>/dev/null || echo unknown); tag=$${revision:0:12}; \
	for service in $$($(PY) -c 'from redress.kernel.declaration import declared; print(*declared())'); do \
	  echo "building redress-$$service:$$tag"; \
	  docker build -f deploy/docker/Dockerfile --build-arg SERVICE=$$service --build-arg REVISION=$$revision \
	    --build-arg CREATED=$$(date -u +%Y-%m-%dT%H:%M:%SZ) -t redress-$$service:$$tag . || exit 1; \
	done

# Renders every deploy/k8s overlay and component combination and validates it (no cluster needed).
k8s-validate: $(VENV_STAMP)
	$(PY) -m pytest -q -p no:cacheprovider tests/deploy/test_manifests.py
