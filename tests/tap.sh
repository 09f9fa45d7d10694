# tap.sh: sourced by the shell tests. Each check prints one TAP line; tap_done prints
# the plan and sets the exit status. Needs REDRESS_BIN (set by make check).
tap_n=0
tap_failed=0
tap_tmp=$(mktemp -d "${TMPDIR:-/tmp}/redress-sh-XXXXXX")
trap 'rm -rf "$tap_tmp"' EXIT
: "${REDRESS_BIN:?REDRESS_BIN must name the redress binary}"

# run CMD...: runs it, keeping stdout in $out, stderr in $err and the status in $rc.
run() {
   out=$("$@" 2>"$tap_tmp/stderr")
   rc=$?
   err=$(cat "$tap_tmp/stderr")
}

# rd ARGS...: runs redress.
rd() {
   run "$REDRESS_BIN" "$@"
}

# check NAME TEST...: one TAP line; on failure shows what the last run printed.
check() {
   tap_name=$1
   shift
   tap_n=$((tap_n + 1))
   if "$@"; then
      echo "ok $tap_n - $tap_name"
   else
      tap_failed=$((tap_failed + 1))
      echo "not ok $tap_n - $tap_name"
      echo "# status $rc"
      printf '%s\n' "$out" | sed 's/^/# stdout: /'
      printf '%s\n' "$err" | sed 's/^/# stderr: /'
   fi
}

has() { case "$1" in *"$2"*) return 0 ;; esac; return 1; }
lacks() { ! has "$1" "$2"; }
is() { [ "$1" = "$2" ]; }

tap_done() {
   echo "1..$tap_n"
   [ "$tap_failed" -eq 0 ]
}
