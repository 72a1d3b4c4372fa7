# shellcheck shell=bash
# etcd (Debian) + kube-apiserver and kube-controller-manager v1.20.2 (built once per machine by
# kube-build.sh): TLS with the instance's own CA, static token users, RBAC, service accounts,
# the Bucket CRD and the Cozystack-like roles from manifests/.

MANIFESTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../manifests" && pwd)"
KUBE_BUILD="$(dirname "${BASH_SOURCE[0]}")/kube-build.sh"
# The portal's production ClusterRoles, unchanged, and the local bindings to hikube-system/hikube-portal.
PORTAL_RBAC=("$MANIFESTS_DIR/../../kubernetes/rbac.yaml" "$MANIFESTS_DIR/../../kubernetes/rbac-service-account-mode.yaml"
  "$MANIFESTS_DIR/portal-rbac.yaml")

kube_server() { echo "https://127.0.0.1:$KUBE_PORT"; }

# kube_bin_dir: the cached binaries; waits for a build already running, else builds them.
kube_bin_dir() {
  local cache="${HIKUBE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hikube-portal}"
  local bins=("$cache"/kube-*/bin)
  if [[ ! -x "${bins[-1]}/kube-apiserver" ]] && pgrep -f 'kube-build\.sh' >/dev/null; then
    log "kube-apiserver is being built by another process: waiting for it (up to 15 min)"
    local deadline=$(($(now_ms) + 900000))
    while pgrep -f 'kube-build\.sh' >/dev/null && (($(now_ms) < deadline)); do sleep 2; done
  fi
  mkdir -p "$cache"
  # One build at a time on this machine; kube-build.sh returns at once when cached.
  flock -w 3600 "$cache/.build.lock" "$KUBE_BUILD" 9>&-
}

# kube_pki: CA, apiserver serving certificate (127.0.0.1, localhost), service-account keys.
kube_pki() {
  local d="$KUBE_DIR/pki"
  [[ -f "$d/.done" ]] && return 0
  mkdir -p "$d"
  chmod 0700 "$d"
  (
    cd "$d"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -keyout ca.key -out ca.crt \
      -subj "/CN=hikube-local-ca-$INSTANCE" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -keyout apiserver.key -out apiserver.csr \
      -subj "/CN=kube-apiserver" 2>/dev/null
    printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,IP:10.0.0.1" \
      "extendedKeyUsage=serverAuth" "keyUsage=critical,digitalSignature,keyEncipherment" >apiserver.ext
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
      -extfile apiserver.ext -out apiserver.crt 2>/dev/null
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
    rm -f apiserver.csr apiserver.ext ca.srl
  ) || die "creating the Kubernetes certificates failed"
  touch "$d/.done"
}

# kube_tokens: static token users (cluster admin, controller-manager, three test users).
kube_tokens() {
  (
    umask 077
    cat >"$KUBE_DIR/tokens.csv" <<EOF
$KUBE_ADMIN_TOKEN,hikube-admin,hikube-admin,"system:masters"
$KUBE_CM_TOKEN,system:kube-controller-manager,system:kube-controller-manager,"system:masters"
$KUBE_TEST_TOKEN_1,hikube-test-1,hikube-test-1
$KUBE_TEST_TOKEN_2,hikube-test-2,hikube-test-2
$KUBE_TEST_TOKEN_3,hikube-test-3,hikube-test-3
EOF
  )
}

# write_kubeconfig FILE USER TOKEN [NAMESPACE]
write_kubeconfig() {
  local file=$1 user=$2 token=$3 ns=${4:-default}
  (
    umask 077
    cat >"$file.tmp" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: hikube-$INSTANCE
  cluster:
    server: $(kube_server)
    certificate-authority-data: $(base64 -w0 <"$KUBE_DIR/pki/ca.crt")
users:
- name: $user
  user:
    token: $token
contexts:
- name: $user@hikube-$INSTANCE
  context:
    cluster: hikube-$INSTANCE
    user: $user
    namespace: $ns
current-context: $user@hikube-$INSTANCE
EOF
  )
  mv "$file.tmp" "$file"
}

etcd_ready() { curl -fsS --max-time 2 "http://127.0.0.1:$ETCD_PORT/health" | grep -q '"health":"true"'; }

etcd_start() {
  if is_running etcd; then
    wait_ready etcd 30 etcd_ready
    return 0
  fi
  mkdir -p "$ETCD_DIR"
  chmod 0700 "$ETCD_DIR"
  start_bg etcd etcd --name hikube --data-dir "$ETCD_DIR/data" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "hikube=http://127.0.0.1:$ETCD_PEER_PORT" --initial-cluster-state new \
    --logger zap --log-level warn --quota-backend-bytes 2147483648 --auto-compaction-retention 1h
  wait_ready etcd 30 etcd_ready
}

apiserver_ready() {
  [[ "$(curl -sS --max-time 2 --cacert "$KUBE_DIR/pki/ca.crt" -H "Authorization: Bearer $KUBE_ADMIN_TOKEN" \
    "$(kube_server)/readyz")" == ok ]]
}

apiserver_start() {
  if is_running apiserver; then
    wait_ready apiserver 60 apiserver_ready
    return 0
  fi
  local pki="$KUBE_DIR/pki"
  start_bg apiserver "$KUBE_BIN/kube-apiserver" \
    --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$KUBE_PORT" --insecure-port=0 \
    --cert-dir="$pki" --tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" \
    --client-ca-file="$pki/ca.crt" --token-auth-file="$KUBE_DIR/tokens.csv" \
    --authorization-mode=RBAC \
    --service-account-issuer=https://kubernetes.default.svc \
    --service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
    --service-cluster-ip-range=10.0.0.0/24 --endpoint-reconciler-type=none \
    --allow-privileged=false --profiling=false --logtostderr=true --v=0
  wait_ready apiserver 90 apiserver_ready
}

cm_ready() { [[ "$(curl -sSk --max-time 2 "https://127.0.0.1:$CM_PORT/healthz")" == ok ]]; }

controller_manager_start() {
  controller_manager_launch
  wait_ready controller-manager 60 cm_ready
}

# controller_manager_launch: starts the controller-manager unless it runs; does not wait.
controller_manager_launch() {
  is_running controller-manager && return 0
  local pki="$KUBE_DIR/pki"
  write_kubeconfig "$KUBE_DIR/controller-manager.kubeconfig" system:kube-controller-manager "$KUBE_CM_TOKEN"
  mkdir -p "$KUBE_DIR/cm-certs"
  start_bg controller-manager "$KUBE_BIN/kube-controller-manager" \
    --kubeconfig="$KUBE_DIR/controller-manager.kubeconfig" \
    --controllers=namespace,garbagecollector,serviceaccount-token \
    --service-account-private-key-file="$pki/sa.key" --root-ca-file="$pki/ca.crt" \
    --use-service-account-credentials=false --leader-elect=false \
    --port=0 --bind-address=127.0.0.1 --secure-port="$CM_PORT" --cert-dir="$KUBE_DIR/cm-certs" \
    --authentication-skip-lookup=true --authorization-always-allow-paths=/healthz \
    --kube-api-qps=100 --kube-api-burst=200 --logtostderr=true --v=0
}

kctl() { kubectl --kubeconfig "$KUBE_DIR/admin.kubeconfig" --request-timeout=30s "$@"; }

# sa_token NAMESPACE NAME: the token of the service account's token Secret (issued by the
# controller-manager's serviceaccount-token controller).
sa_token() {
  local ns=$1 sa=$2 deadline=$(($(now_ms) + 30000)) secret token
  while :; do
    secret="$(kctl -n "$ns" get serviceaccount "$sa" -o 'jsonpath={.secrets[0].name}' 2>/dev/null || true)"
    if [[ -n "$secret" ]]; then
      token="$(kctl -n "$ns" get secret "$secret" -o 'jsonpath={.data.token}' 2>/dev/null || true)"
      if [[ -n "$token" ]]; then
        base64 -d <<<"$token"
        return 0
      fi
    fi
    (($(now_ms) < deadline)) || fail_server controller-manager "no token Secret for service account $ns/$sa after 30s"
    sleep 0.1
  done
}

# kube_get PATH TOKEN: GET on the apiserver succeeds (2xx).
kube_get() {
  curl -fsS -o /dev/null --max-time 5 --cacert "$KUBE_DIR/pki/ca.crt" -H "Authorization: Bearer $2" "$(kube_server)$1"
}

kubeconfig_token() { sed -n 's/^ *token: //p' "$1" 2>/dev/null; }

# kube_bootstrap: CRD, roles, the portal's and the provisioner's service accounts and kubeconfigs.
# Skipped when these manifests were applied to this etcd already and both tokens still work.
kube_bootstrap() {
  local hash kc
  hash="$(cat "$MANIFESTS_DIR/buckets-crd.yaml" "$MANIFESTS_DIR/workloads-crd.yaml" "$MANIFESTS_DIR/rbac.yaml" "${PORTAL_RBAC[@]}" | sha256sum | cut -c1-16)"
  if [[ "$(cat "$KUBE_DIR/.manifests" 2>/dev/null)" == "$hash" ]] &&
    kube_get /apis/apiextensions.k8s.io/v1/customresourcedefinitions/buckets.apps.cozystack.io "$KUBE_ADMIN_TOKEN" &&
    kube_get /apis/apiextensions.k8s.io/v1/customresourcedefinitions/workloads.cozystack.io "$KUBE_ADMIN_TOKEN" &&
    kube_get /api "$(kubeconfig_token "$KUBE_DIR/portal.kubeconfig")" &&
    kube_get /api "$(kubeconfig_token "$KUBE_DIR/provisioner.kubeconfig")"; then
    return 0
  fi
  rm -f "$KUBE_DIR/.manifests"
  kctl apply -f "$MANIFESTS_DIR/buckets-crd.yaml" -f "$MANIFESTS_DIR/workloads-crd.yaml" -f "$MANIFESTS_DIR/rbac.yaml" >>"$(log_file apiserver)" 2>&1 ||
    fail_server apiserver "applying the manifests failed"
  local f args=()
  for f in "${PORTAL_RBAC[@]}"; do args+=(-f "$f"); done
  kctl apply "${args[@]}" >>"$(log_file apiserver)" 2>&1 ||
    fail_server apiserver "applying the portal's ClusterRoles (deploy/kubernetes) failed"
  kctl wait --for condition=established --timeout=30s crd/buckets.apps.cozystack.io crd/workloads.cozystack.io >/dev/null 2>>"$(log_file apiserver)" ||
    fail_server apiserver "the Bucket and Workload CRDs were not established"
  # The service accounts' token Secrets come from the controller-manager.
  wait_ready controller-manager 60 cm_ready
  for kc in portal provisioner; do
    write_kubeconfig "$KUBE_DIR/$kc.kubeconfig" "hikube-$kc" "$(sa_token hikube-system "hikube-$kc")" hikube-system
  done
  echo "$hash" >"$KUBE_DIR/.manifests"
}

kube_start() {
  mkdir -p "$KUBE_DIR"
  kube_pki
  kube_tokens
  write_kubeconfig "$KUBE_DIR/admin.kubeconfig" hikube-admin "$KUBE_ADMIN_TOKEN"
  etcd_start
  apiserver_start
  controller_manager_launch
  kube_bootstrap
  wait_ready controller-manager 60 cm_ready
}

kube_stop() {
  stop_server controller-manager TERM 15
  stop_server apiserver TERM 5
  stop_server etcd TERM 15
}

kube_wipe() { rm -rf "$ETCD_DIR/data" "$KUBE_DIR/portal.kubeconfig" "$KUBE_DIR/provisioner.kubeconfig" "$KUBE_DIR/.manifests"; }

# tenant NAME: namespace tenant-NAME and the RoleBindings of the three tenant roles; idempotent.
kube_tenant() {
  local name=$1
  [[ "$name" =~ ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ && ${#name} -le 56 ]] ||
    die "tenant name '$name' must be a DNS label of at most 56 characters (namespace tenant-$name)"
  sed "s/__TENANT__/$name/g" "$MANIFESTS_DIR/tenant.yaml.in" | kctl apply -f -
}
