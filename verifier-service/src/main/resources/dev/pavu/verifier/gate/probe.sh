# The runtime probe, run by the Pavu verifier with sh inside the candidate's sandbox (loopback network only).
# In:  PAVU_PROBE_START (sh command that starts the application and keeps running; may be empty),
#      PAVU_PROBE_URL (health URL polled until 2xx; may be empty), PAVU_PROBE_SMOKE (sh command; may be empty),
#      PAVU_PROBE_TIMEOUT_MS (how long the health URL may take).
# Out: one line "PAVU-PROBE <result> key=value…" and the exit code:
#      0 passed, 10 health URL answered a failing status, 11 no answer in time, 12 the application exited,
#      13 smoke command failed, 14 no HTTP client in the sandbox.
set -m  # background jobs get their own process group: stopping the application stops its children too
now() { date +%s%3N; }
t0=$(now)
app=""
applog=.pavu-probe-app.log
stop() {
  if [ -n "$app" ]; then
    kill -TERM -- "-$app" 2>/dev/null
    i=0
    while [ ! -e .pavu-probe-app.exit ] && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
    kill -KILL -- "-$app" 2>/dev/null
    echo "[pavu-probe] application stopped"
  fi
}
show_app_log() {
  if [ -s "$applog" ]; then
    echo "[pavu-probe] last lines of the application's output:"
    tail -n 20 "$applog" | sed 's/^/[app] /'
  fi
}
elapsed() { echo $(( $(now) - t0 )); }
rm -f .pavu-probe-app.exit
if [ -n "$PAVU_PROBE_START" ]; then
  ( sh -c "$PAVU_PROBE_START" > "$applog" 2>&1; echo $? > .pavu-probe-app.exit ) &
  app=$!
  echo "[pavu-probe] started: $PAVU_PROBE_START"
fi
app_exited() { [ -n "$app" ] && [ -e .pavu-probe-app.exit ]; }
status_of() {
  if command -v curl > /dev/null 2>&1; then
    curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true
  elif command -v python3 > /dev/null 2>&1; then
    python3 -c 'import sys, urllib.request, urllib.error
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=2).status)
except urllib.error.HTTPError as e:
    print(e.code)
except Exception:
    print("000")' "$1"
  else
    echo none
  fi
}
if [ -n "$PAVU_PROBE_URL" ]; then
  deadline=$(( t0 + PAVU_PROBE_TIMEOUT_MS ))
  last=000
  while :; do
    if app_exited; then
      code=$(cat .pavu-probe-app.exit)
      show_app_log
      echo "PAVU-PROBE exited code=$code after=$(elapsed)"
      exit 12
    fi
    last=$(status_of "$PAVU_PROBE_URL")
    case "$last" in
      none) stop; echo "PAVU-PROBE noclient after=$(elapsed)"; exit 14 ;;
      2??) echo "[pavu-probe] $PAVU_PROBE_URL answered $last after $(elapsed) ms"; break ;;
      000|503) ;;
      *) stop; show_app_log; echo "PAVU-PROBE status code=$last after=$(elapsed)"; exit 10 ;;
    esac
    if [ "$(now)" -ge "$deadline" ]; then
      stop; show_app_log; echo "PAVU-PROBE timeout last=$last after=$(elapsed)"; exit 11
    fi
    sleep 0.2
  done
elif [ -n "$app" ] && [ -z "$PAVU_PROBE_SMOKE" ]; then
  # nothing to ask: the application must at least stay up for a moment
  sleep 2
  if app_exited; then
    code=$(cat .pavu-probe-app.exit); show_app_log
    echo "PAVU-PROBE exited code=$code after=$(elapsed)"; exit 12
  fi
fi
if [ -n "$PAVU_PROBE_SMOKE" ]; then
  echo "[pavu-probe] smoke: $PAVU_PROBE_SMOKE"
  sh -c "$PAVU_PROBE_SMOKE" > .pavu-probe-smoke.log 2>&1
  rc=$?
  sed 's/^/[smoke] /' .pavu-probe-smoke.log | tail -n 40
  if [ $rc -ne 0 ]; then
    stop; show_app_log
    echo "PAVU-PROBE smoke code=$rc after=$(elapsed)"
    exit 13
  fi
fi
stop
echo "PAVU-PROBE passed after=$(elapsed)"
exit 0
