# Pavu local stack, the PostgreSQL cluster: sourced by deploy/local/stack, whose settings and helpers it uses
# (STACK_DIR, PG_PORT, SERVICES; log, die, secret, port_open, pid_alive, svc_up, svc_down, svc_wait).
# shellcheck shell=bash
pg_bindir() {
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return; fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) /usr/local/pgsql/bin /opt/homebrew/bin /usr/local/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  return 1
}

pg_dir() {
  # PostgreSQL refuses to run as root: as root the cluster runs as user postgres in a folder it owns.
  if [ "$(id -u)" = 0 ]; then echo "${PAVU_PG_DIR:-/var/tmp/pavu-pg-$PG_PORT}"; else echo "${PAVU_PG_DIR:-$STACK_DIR/pg}"; fi
}

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# the database's services: <service> → role pavu_<service> (password: secret db-<service>), owner of its schemas
DB_SERVICES=(planner actuator verifier updater gateway)
db_schemas() { # the schemas of service $1: its own and its tests' (the gateway's tests use its own schema)
  if [ "$1" = gateway ]; then echo gateway; else echo "$1 ${1}_test"; fi
}
# every connection, also over the unix socket, needs a password (scram-sha-256); nothing is trusted
PG_HBA='# written by deploy/local/stack: every connection needs a password
local   all             all                                     scram-sha-256
host    all             all             127.0.0.1/32            scram-sha-256
host    all             all             ::1/128                 scram-sha-256
local   replication     all                                     scram-sha-256
host    replication     all             127.0.0.1/32            scram-sha-256
host    replication     all             ::1/128                 scram-sha-256'

pg_psql() { # psql as the cluster's superuser postgres; the SQL comes on stdin or as arguments
  PGPASSWORD="$(secret db-postgres)" "$(pg_bindir)/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA -X "$@"
}

pg_trusting() { grep -qE '^[[:space:]]*[^#[:space:]].*[[:space:]]trust([[:space:]]|$)' "$1/data/pg_hba.conf"; }

pg_up() {
  local bin dir
  bin=$(pg_bindir) || die "PostgreSQL server binaries not found: install them (Debian/Ubuntu: apt-get install -y postgresql; macOS: brew install postgresql@15), or use docker-compose.yml"
  dir=$(pg_dir)
  if port_open "$PG_PORT"; then
    log "postgres: already up on $PG_PORT"; pg_secure "$bin" "$dir"; pg_bootstrap; pg_restart_old_services; return
  fi
  if [ "$(id -u)" = 0 ]; then id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' user (created by the postgresql package)"; fi
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir" && chmod 700 "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    log "postgres: initdb in $dir/data (scram-sha-256; superuser postgres, password in $STACK_DIR/secrets/db-postgres)"
    # the secrets folder is the script user's (mode 700): initdb, running as postgres, gets a copy it owns, removed at once
    (umask 077; secret db-postgres >"$dir/pwfile")
    [ "$(id -u)" = 0 ] && chown postgres "$dir/pwfile"
    local rc=0
    as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=scram-sha-256 --pwfile="$dir/pwfile" -E UTF8 >"$dir/initdb.log" 2>&1 || rc=$?
    rm -f "$dir/pwfile"
    [ "$rc" = 0 ] || die "initdb failed (see $dir/initdb.log)"
  fi
  log "postgres: starting on 127.0.0.1:$PG_PORT (log $dir/postgres.log)"
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $dir -c max_connections=200 -c fsync=${PAVU_PG_FSYNC:-off} -c synchronous_commit=${PAVU_PG_FSYNC:-off}" start >/dev/null \
    || die "postgres did not start (see $dir/postgres.log)"
  pg_secure "$bin" "$dir"
  pg_bootstrap
  pg_restart_old_services
  log "postgres: up"
}

# A cluster made by an older version of this script trusts every local connection: postgres gets its password
# (secret db-postgres) while trust still lets us in, then pg_hba.conf asks every connection for a password. Data stays.
pg_secure() { # bindir pgdir
  [ -f "$2/data/pg_hba.conf" ] || return 0   # not our cluster's folder (someone else's PostgreSQL on the port)
  if pg_trusting "$2"; then
    log "postgres: trust authentication found in $2/data/pg_hba.conf: switching to scram-sha-256"
    printf "set password_encryption = 'scram-sha-256';\nalter role postgres password '%s';\n" "$(secret db-postgres)" \
      | "$1/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA -X >/dev/null \
      || die "postgres: could not set the superuser's password"
    printf '%s\n' "$PG_HBA" | as_pg tee "$2/data/pg_hba.conf" >/dev/null
    pg_psql -d postgres -c "select pg_reload_conf()" >/dev/null || die "postgres: reload after the pg_hba.conf change failed"
  fi
  pg_psql -d postgres -c "select 1" >/dev/null 2>&1 \
    || die "postgres refuses the password in $STACK_DIR/secrets/db-postgres: the cluster in $2 was initialised with another stack directory's secrets; restore that file, or stop PostgreSQL and remove $2 (its data is lost)"
}

# Idempotent, at every up: database pavu (owner postgres), a login role per service with its generated password, its
# schemas owned by it (those of a stack made by an older version, owned by the shared role pavu, are handed over with
# everything in them), and nothing else writable: no new schemas, nothing in public, no other service's schema.
PG_OLD_ROLE=0   # set by pg_bootstrap when it dropped the shared role pavu
pg_bootstrap() {
  local svc s sql=""
  if pg_psql -d postgres -c "select 1 from pg_roles where rolname = 'pavu'" | grep -q 1; then PG_OLD_ROLE=1; fi
  if ! pg_psql -d postgres -c "select 1 from pg_database where datname='pavu'" | grep -q 1; then
    pg_psql -d postgres -c "create database pavu owner postgres" >/dev/null
  fi
  sql+="set password_encryption = 'scram-sha-256';"$'\n'
  for svc in "${DB_SERVICES[@]}"; do
    sql+="do \$\$ begin if not exists (select 1 from pg_roles where rolname = 'pavu_$svc') then create role pavu_$svc; end if; end \$\$;"$'\n'
    sql+="alter role pavu_$svc login nosuperuser nocreatedb nocreaterole password '$(secret "db-$svc")';"$'\n'
    sql+="grant connect on database pavu to pavu_$svc;"$'\n'
    for s in $(db_schemas "$svc"); do
      sql+="create schema if not exists $s authorization pavu_$svc;"$'\n'
      sql+="select pg_temp.hand_over('$s', 'pavu_$svc');"$'\n'
    done
  done
  pg_psql -d pavu >/dev/null <<SQL || die "postgres: bootstrap of database pavu failed"
set client_min_messages = warning;
-- hand_over(schema, role): the schema and every table, view, sequence, type and routine in it now belong to role
create function pg_temp.hand_over(s text, r text) returns void language plpgsql as \$\$
declare o record;
begin
  execute format('alter schema %I owner to %I', s, r);
  for o in select c.relname, c.relkind from pg_class c
           where c.relnamespace = s::regnamespace and c.relowner <> r::regrole and c.relkind in ('r','p','v','m','S','f','c')
             and not (c.relkind = 'S' and exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass
                                                  and d.objid = c.oid and d.deptype in ('a', 'i'))) loop
    execute format('alter %s %I.%I owner to %I', case o.relkind when 'S' then 'sequence' when 'v' then 'view'
      when 'm' then 'materialized view' when 'f' then 'foreign table' when 'c' then 'type' else 'table' end, s, o.relname, r);
  end loop;
  for o in select p.oid::regprocedure as sig from pg_proc p where p.pronamespace = s::regnamespace and p.proowner <> r::regrole loop
    execute format('alter routine %s owner to %I', o.sig, r);
  end loop;
  for o in select t.oid::regtype as t from pg_type t where t.typnamespace = s::regnamespace and t.typowner <> r::regrole
           and t.typtype in ('e', 'd', 'r') loop
    execute format('alter type %s owner to %I', o.t, r);
  end loop;
end \$\$;
$sql
revoke all on database pavu from public;
revoke all on schema public from public;
revoke connect on database postgres from public;
-- the role every service shared before: whatever it still owns goes to postgres, then it is dropped
-- (kept without login when it still owns something in another database)
do \$\$ begin
  if exists (select 1 from pg_roles where rolname = 'pavu') then
    begin
      reassign owned by pavu to postgres;
      drop owned by pavu;
      drop role pavu;
    exception when dependent_objects_still_exist then
      alter role pavu nologin;
      raise warning 'role pavu still owns objects in another database: kept, without login';
    end;
  end if;
end \$\$;
SQL
}

# services started by an older version of this script logged in as the role pavu, now gone: restart them as their own
pg_restart_old_services() {
  [ "$PG_OLD_ROLE" = 1 ] || return 0
  local s restarted=()
  for s in "${SERVICES[@]}"; do
    pid_alive "$STACK_DIR/services/$s.pid" || continue
    log "$s: restarting: it logged in as the shared role pavu, which is gone"
    svc_down "$s"; svc_up "$s"; restarted+=("$s")
  done
  for s in "${restarted[@]}"; do svc_wait "$s"; done
}

pg_down() {
  local bin dir
  bin=$(pg_bindir) || return 0
  dir=$(pg_dir)
  if [ -f "$dir/data/postmaster.pid" ]; then
    log "postgres: stopping"
    as_pg "$bin/pg_ctl" -D "$dir/data" -m "${PAVU_PG_STOP_MODE:-fast}" -w stop >/dev/null 2>&1 || true
  fi
}
