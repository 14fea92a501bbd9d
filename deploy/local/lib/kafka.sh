# Pavu local stack, the Kafka broker: sourced by deploy/local/stack, whose settings and helpers it uses
# (STACK_DIR, KAFKA_PORT, KAFKA_CONTROLLER_PORT, JAVA_HOME, ROOT; log, die, secret, port_open, wait_port, pid_alive).
# shellcheck shell=bash
kafka_up() {
  local dir="$STACK_DIR/kafka"
  mkdir -p "$dir"
  if pid_alive "$dir/pid" || port_open "$KAFKA_PORT"; then log "kafka: already up on $KAFKA_PORT"; kafka_trust; return; fi
  if [ ! -f "$dir/lib/.complete" ]; then
    log "kafka: fetching the broker jars (org.apache.kafka:kafka_2.13:4.1.1) from Maven Central"
    (cd "$ROOT/deploy/local/kafka" && "$ROOT/mvnw" -B -q dependency:copy-dependencies -DoutputDirectory="$dir/lib" >"$dir/fetch.log" 2>&1) \
      || die "could not fetch the Kafka jars (see $dir/fetch.log)"
    touch "$dir/lib/.complete"
  fi
  local admin; admin=$(secret kafka-admin)
  local plain="org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"$admin\" user_admin=\"$admin\";"
  # Every listener authenticates (SASL): the services with their own SCRAM-SHA-512 users (KafkaTrust.java creates
  # them and the ACLs of acls.tsv), the broker itself and KafkaTrust as the super user admin (PLAIN, known only to
  # this file, mode 600). Nothing is allowed without an ACL.
  (umask 077; cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=SASL_PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=SASL_PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
inter.broker.listener.name=SASL_PLAINTEXT
sasl.mechanism.inter.broker.protocol=PLAIN
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=$plain
listener.name.sasl_plaintext.sasl.enabled.mechanisms=SCRAM-SHA-512,PLAIN
listener.name.sasl_plaintext.plain.sasl.jaas.config=$plain
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
log.dirs=$dir/data
num.partitions=4
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
PROPS
  )
  cat >"$dir/log4j2.properties" <<PROPS
rootLogger.level=WARN
rootLogger.appenderRef.console.ref=console
appender.console.type=Console
appender.console.name=console
appender.console.layout.type=PatternLayout
appender.console.layout.pattern=%d{ISO8601} %-5p [%c{1}] %m%n
logger.kafka.name=kafka
logger.kafka.level=INFO
logger.server.name=kafka.server.KafkaRaftServer
logger.server.level=INFO
PROPS
  if [ ! -f "$dir/data/meta.properties" ]; then
    local id
    id=$("$JAVA_HOME/bin/java" -cp "$dir/lib/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
    "$JAVA_HOME/bin/java" -Dlog4j2.configurationFile="$dir/log4j2.properties" -cp "$dir/lib/*" kafka.tools.StorageTool format -t "$id" -c "$dir/server.properties" >"$dir/format.log" 2>&1 \
      || die "kafka: storage format failed (see $dir/format.log)"
  fi
  log "kafka: starting on 127.0.0.1:$KAFKA_PORT (log $dir/kafka.log)"
  nohup "$JAVA_HOME/bin/java" -Xms128m -Xmx512m -XX:+UseG1GC -Dlog4j2.configurationFile="$dir/log4j2.properties" \
    -cp "$dir/lib/*" kafka.Kafka "$dir/server.properties" >"$dir/kafka.log" 2>&1 </dev/null &
  echo $! >"$dir/pid"
  wait_port "$KAFKA_PORT" 60 || die "kafka did not open port $KAFKA_PORT within 60 s (see $dir/kafka.log)"
  kafka_trust
  log "kafka: up"
}

# The services' SCRAM users, their ACLs (deploy/local/kafka/acls.tsv) and the topics; idempotent, about 3 s.
kafka_trust() {
  local dir="$STACK_DIR/kafka" s
  for s in admin planner actuator verifier updater; do secret "kafka-$s" >/dev/null; done
  "$JAVA_HOME/bin/java" -Dlog4j2.configurationFile="$dir/log4j2.properties" -cp "$dir/lib/*" \
    "$ROOT/deploy/local/kafka/KafkaTrust.java" "127.0.0.1:$KAFKA_PORT" "$STACK_DIR/secrets" "$ROOT/deploy/local/kafka/acls.tsv" \
    >"$dir/trust.log" 2>&1 || die "kafka: users and ACLs could not be set (see $dir/trust.log)"
  log "$(tail -1 "$dir/trust.log")"
}

kafka_down() {
  local dir="$STACK_DIR/kafka"
  if pid_alive "$dir/pid"; then
    log "kafka: stopping"; kill "$(cat "$dir/pid")" 2>/dev/null || true
    for _ in $(seq 1 100); do pid_alive "$dir/pid" || break; sleep 0.2; done
    pid_alive "$dir/pid" && kill -9 "$(cat "$dir/pid")" 2>/dev/null || true
  fi
  rm -f "$dir/pid"
}
