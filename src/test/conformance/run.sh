#!/usr/bin/env bash
# Runs the official MCP conformance suite's protocol scenarios against one endpoint of the
# running gateway. Called by Maven in the integration-test phase (pom.xml); usable by hand too:
#   src/test/conformance/run.sh http://localhost:9080/mcp/lead-ingest
# Node 22 and the suite come from the npm registry, pinned by package-lock.json beside this file,
# into a cache folder outside target/ so that later builds do not download them again.
set -euo pipefail
url="${1:?usage: run.sh MCP_ENDPOINT_URL [REPORT_DIR]}"
report_dir="${2:-target/conformance}"
here="$(cd "$(dirname "$0")" && pwd)"
node_dir="${CONFORMANCE_NODE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/mcp-gateway-conformance}"
scenarios="server-initialize ping logging-set-level tools-list resources-list server-sse-multiple-streams dns-rebinding-protection"

mkdir -p "$node_dir" "$report_dir"
if ! cmp -s "$here/package-lock.json" "$node_dir/package-lock.json" || [ ! -x "$node_dir/node_modules/.bin/conformance" ]; then
  echo "conformance: installing Node 22 and @modelcontextprotocol/conformance into $node_dir"
  cp "$here/package.json" "$here/package-lock.json" "$node_dir/"
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
# Node 22 first on PATH: the suite's "#!/usr/bin/env node" then runs on it.
export PATH="$node_dir/node_modules/.bin:$PATH"
node -e 'if (+process.versions.node.split(".")[0] < 22) { console.error("conformance needs Node >= 22, got " + process.version); process.exit(1) }'

failed=""
for s in $scenarios; do
  echo "=== conformance $s against $url"
  if ! conformance server --url "$url" --scenario "$s" -o "$report_dir"; then
    failed="$failed $s"
  fi
done
if [ -n "$failed" ]; then
  echo "conformance: FAILED:$failed"
  exit 1
fi
echo "conformance: all 7 scenarios passed against $url"
