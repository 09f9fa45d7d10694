# lib.sh: drives the real redress in a private tmux server (never the user's own), at
# 80x24 unless told otherwise, with the clock fixed through REDRESS_NOW. Sourced by the
# tests/e2e/*.test scripts after tap.sh. Needs tmux; REDRESS_FIXTURE names the helper that
# writes through the core's own functions.
. "${REDRESS_TESTS:-$(dirname "$0")/..}/tap.sh"
: "${REDRESS_FIXTURE:?REDRESS_FIXTURE must name tests/e2e/fixture}"

e2e_sock="$tap_tmp/tmux.sock"
e2e_db="$tap_tmp/redress.db"
e2e_conf="$tap_tmp/redress.conf"
e2e_me=$(id -un)
e2e_now="2025-12-15T10:00"
# The tmux session the keys, typing and captures go to; a test with several terminals
# sets it before each step.
e2e_target=rd
trap 'e2e_stop; rm -rf "$tap_tmp"' EXIT

# LeakSanitizer's stop-the-world can deadlock at exit in a process whose terminal was just
# hung up, leaving it spinning; the screens' leaks are checked under valgrind instead, and
# a sanitized build still checks every memory access and undefined behaviour here.
e2e_san="ASAN_OPTIONS=detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"

e2e_tmux() {
   tmux -S "$e2e_sock" -f /dev/null "$@"
}

# e2e_init: a throwaway database whose first admin (this login) may also log and handle
# complaints, and a configuration that looks again every REFRESH seconds (default 2).
e2e_init() {
   printf 'timer = { refresh_seconds = %s; };\n' "${1:-2}" > "$e2e_conf"
   "$REDRESS_BIN" init --db "$e2e_db" --name "Test Admin" > /dev/null || return 1
   e2e_fix - staff "$e2e_me" "Test Admin" Housing Housing 6 admin,front-desk,handler,manager yes
}

# e2e_fix AS COMMAND ARGS...: the fixture helper at the test's clock; prints what it prints.
e2e_fix() {
   "$REDRESS_FIXTURE" "$e2e_db" "$e2e_now" "$@"
}

# e2e_start [VAR=VALUE...]: starts redress on the database in a new tmux server. The
# environment given wins over the defaults (TERM=xterm-256color, REDRESS_NOW=$e2e_now);
# E2E_AS acts as another login and E2E_ARGS adds options (e.g. --read-only).
# E2E_AS=LOGIN starts it acting as that member of staff (--as).
e2e_start() {
   e2e_stop
   e2e_tmux new-session -d -x "${E2E_COLS:-80}" -y "${E2E_LINES:-24}" -s rd \
      "env TERM=xterm-256color REDRESS_NOW=$e2e_now $e2e_san $* '$REDRESS_BIN' --config '$e2e_conf' --db '$e2e_db' \
       ${E2E_AS:+--as '$E2E_AS'} ${E2E_ARGS:-}; \
       echo \"[exit \$?]\"; sleep 600"
   e2e_tmux set-option -t rd status off > /dev/null
}

# e2e_keys KEY...: tmux key names (Enter, Escape, C-s, Down) or literal words.
e2e_keys() {
   e2e_tmux send-keys -t "$e2e_target" "$@"
}

# e2e_type TEXT: types the text as it is.
e2e_type() {
   e2e_tmux send-keys -t "$e2e_target" -l "$1"
}

# e2e_capture [-e]: the screen now, as text (-e: with attributes as escape sequences).
e2e_capture() {
   e2e_tmux capture-pane -t "$e2e_target" -p "$@"
}

# e2e_wait TEXT [SECONDS]: waits until the screen shows TEXT; false after SECONDS (5).
# Leaves the screen in $screen either way.
e2e_wait() {
   e2e_deadline=$(( $(date +%s) + ${2:-5} ))
   while :; do
      screen=$(e2e_capture)
      case "$screen" in *"$1"*) return 0 ;; esac
      [ "$(date +%s)" -ge "$e2e_deadline" ] && return 1
      sleep 0.1
   done
}

# e2e_gone TEXT [SECONDS]: waits until the screen no longer shows TEXT.
e2e_gone() {
   e2e_deadline=$(( $(date +%s) + ${2:-5} ))
   while :; do
      screen=$(e2e_capture)
      case "$screen" in *"$1"*) ;; *) return 0 ;; esac
      [ "$(date +%s)" -ge "$e2e_deadline" ] && return 1
      sleep 0.1
   done
}

# e2e_line TEXT: the first line of the screen holding TEXT.
e2e_line() {
   printf '%s\n' "$screen" | grep -F -m1 -- "$1"
}

# e2e_row N: line N (0 = the title line) of the screen.
e2e_row() {
   printf '%s\n' "$screen" | sed -n "$(( $1 + 1 ))p"
}

# e2e_stop: ends the tmux server, which hangs up on redress, and waits (up to 5 s) until
# redress has gone, so the next step never meets it still closing the database.
e2e_stop() {
   e2e_pid=$(e2e_tmux list-panes -t rd -F '#{pane_pid}' 2> /dev/null | head -1)
   e2e_child=${e2e_pid:+$(pgrep -P "$e2e_pid" 2> /dev/null | head -1)}
   e2e_tmux kill-server 2> /dev/null || true
   for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 \
            31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50; do
      [ -n "$e2e_child" ] && kill -0 "$e2e_child" 2> /dev/null || break
      sleep 0.1
   done
   # Never leave a redress behind for the next test or the machine (tests that care
   # whether it ended by itself check before calling this).
   [ -n "$e2e_child" ] && kill -9 "$e2e_child" 2> /dev/null
   return 0
}

# check_screen NAME TEST...: like check, showing the screen when it fails.
check_screen() {
   out=$screen
   err=""
   rc=""
   check "$@"
}
