# Shell functions the HTTP benchmarks share; sourced, with $work set and die() defined.

# Waits for "$pid" to print the URL it serves on (it was given port 0) and prints the port.
served_port() {
  local pid=$1 log=$2 pattern=$3 i port
  for ((i = 0; i < 600; i++)); do
    port=$(grep -o "$pattern" "$log" 2>/dev/null | head -1 | sed 's/.*:\([0-9]*\)\/.*/\1/') || true
    if [ -n "$port" ]; then echo "$port"; return 0; fi
    kill -0 "$pid" 2>/dev/null || { tail -5 "$log" >&2; die "the server exited while starting"; }
    sleep 0.1
  done
  die "no port after 60 s; see the end of $log:
$(tail -5 "$log")"
}

machine() {
  echo "cpu: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), nproc $(nproc)," \
    "memory $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "data directory on: $(df -T "$work" | awk 'NR == 2 {print $2, $1}')"
}
load() { cut -d' ' -f1-3 /proc/loadavg; }

# Polls BASE/readyz until it answers 200, for at most 60 s.
await_ready() {
  local i
  for ((i = 0; i < 600; i++)); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1/readyz")" != 200 ] || return 0
    sleep 0.1
  done
  die "$1/readyz did not answer 200 within 60 s"
}
