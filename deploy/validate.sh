#!/usr/bin/env bash
# Offline checks of the deployment files (no Docker engine or Kubernetes API server needed):
#   1. both kustomize overlays render;
#   2. the production render holds no Secret (secrets must pre-exist there), the local one only labelled dev values;
#   3. yamllint (deploy/.yamllint) over docker-compose.yml and deploy/;
#   4. the compose and the local-cluster PostgreSQL init scripts create the same databases;
#   5. the Prometheus alerting rules are valid and pass their unit tests (promtool);
#   6. docker-compose.yml parses (docker-compose v1 or the docker compose plugin, when either is installed).
# Usage: deploy/validate.sh   (from anywhere; exits non-zero on the first failing check)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rendered="$(mktemp -d)"
trap 'rm -rf "$rendered"' EXIT

step() { printf '==> %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
need() { command -v "$1" > /dev/null || fail "$1 is not installed ($2)"; }

need kubectl "it renders the kustomize overlays offline"
need yamllint "apt-get install -y yamllint"
need promtool "apt-get install -y prometheus"

for overlay in local production; do
  step "kubectl kustomize deploy/k8s/overlays/$overlay"
  kubectl kustomize "deploy/k8s/overlays/$overlay" > "$rendered/$overlay.yaml"
  printf '    %s resources\n' "$(grep -c '^kind: ' "$rendered/$overlay.yaml")"
done

step "production render contains no Secret"
if grep -q '^kind: Secret$' "$rendered/production.yaml"; then
  fail "the production overlay must not generate Secrets; they are expected to exist in the cluster"
fi

step "local render: every Secret is labelled local-development-only"
secrets="$(grep -c '^kind: Secret$' "$rendered/local.yaml" || true)"
labelled="$(grep -c 'compute-market.dev/secret-scope: local-development-only' "$rendered/local.yaml" || true)"
[ "$secrets" = "$labelled" ] || fail "$secrets Secrets but $labelled labelled local-development-only"

step "yamllint -c deploy/.yamllint docker-compose.yml deploy/"
yamllint -c deploy/.yamllint docker-compose.yml deploy/
yamllint -c deploy/.yamllint "$rendered/local.yaml" "$rendered/production.yaml"

step "PostgreSQL init scripts of compose and the local overlay agree"
diff <(grep -v '^--' deploy/compose/init-databases.sql) \
     <(grep -v '^--' deploy/k8s/overlays/local/postgres/init-databases.sql) \
  || fail "deploy/compose/init-databases.sql and deploy/k8s/overlays/local/postgres/init-databases.sql differ"

alerts=deploy/k8s/components/alerts
step "promtool check rules / test rules ($alerts)"
promtool check rules "$alerts/compute-market-rules.yml"
promtool test rules "$alerts/compute-market-rules.test.yml"

if command -v docker-compose > /dev/null; then
  step "docker-compose -f docker-compose.yml config -q"
  docker-compose -f docker-compose.yml config -q
elif command -v docker > /dev/null && docker compose version > /dev/null 2>&1; then
  step "docker compose -f docker-compose.yml config -q"
  docker compose -f docker-compose.yml config -q
else
  step "docker-compose not installed: compose file check skipped (apt-get install -y docker-compose)"
fi

step "all deployment checks passed"
