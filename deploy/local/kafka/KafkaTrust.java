import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Internal trust on the local stack's broker (issue 14 item 3), run by {@code deploy/local/stack up} after Kafka
 * started: as the broker's super user {@code admin} (SASL/PLAIN), it upserts one SASL/SCRAM-SHA-512 user
 * {@code pavu-<service>} per service with the password in {@code <secrets>/kafka-<service>}, makes the ACLs of the
 * {@code pavu-*} users exactly those of {@code acls.tsv} (creates the missing, deletes the ones the table no longer
 * gives) and creates the topics they name (the event topics and the per-group retry topics). Idempotent: the same
 * users, ACLs and topics again change nothing.
 *
 * <p>Usage: {@code java -cp '<kafka lib>/*' KafkaTrust.java <bootstrap> <secrets dir> <acls.tsv>}; exits 1 with the
 * broker's error when a step fails.
 */
public final class KafkaTrust {

    private static final int PARTITIONS = 4;

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        Path secrets = Path.of(args[1]);
        List<String[]> rows = rows(Path.of(args[2]));
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", "PLAIN");
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" "
                + "password=\"" + read(secrets.resolve("kafka-admin")) + "\";");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        try (Admin admin = Admin.create(p)) {
            Set<String> users = new LinkedHashSet<>();
            rows.forEach(r -> users.add(r[0]));
            List<UserScramCredentialUpsertion> upserts = new ArrayList<>();
            for (String user : users) {
                String service = user.substring("pavu-".length());
                upserts.add(new UserScramCredentialUpsertion(user,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), read(secrets.resolve("kafka-" + service))));
            }
            admin.alterUserScramCredentials(new ArrayList<>(upserts)).all().get(60, TimeUnit.SECONDS);

            List<AclBinding> acls = new ArrayList<>();
            Set<String> topics = new LinkedHashSet<>();
            for (String[] r : rows) {
                ResourceType type = ResourceType.valueOf(r[1].toUpperCase(Locale.ROOT));
                PatternType pattern = PatternType.valueOf(r[2].toUpperCase(Locale.ROOT));
                for (String op : r[4].split(",")) {
                    acls.add(new AclBinding(new ResourcePattern(type, r[3], pattern),
                            new AccessControlEntry("User:" + r[0], "*", AclOperation.valueOf(op), AclPermissionType.ALLOW)));
                }
                boolean eventTopic = pattern == PatternType.LITERAL;
                boolean retryTopic = r[3].matches(".*\\.retry\\..+") && r[4].contains("READ");
                if (type == ResourceType.TOPIC && (eventTopic || retryTopic)) {
                    topics.add(r[3]);
                }
            }
            admin.createAcls(acls).all().get(60, TimeUnit.SECONDS);
            // exactly the table: a right of a pavu-* user that the table no longer gives (an older stack's) is removed
            List<AclBindingFilter> stale = new ArrayList<>();
            for (AclBinding b : admin.describeAcls(AclBindingFilter.ANY).values().get(60, TimeUnit.SECONDS)) {
                if (b.entry().principal().startsWith("User:pavu-") && !acls.contains(b)) {
                    stale.add(b.toFilter());
                }
            }
            if (!stale.isEmpty()) {
                admin.deleteAcls(stale).all().get(60, TimeUnit.SECONDS);
            }
            for (String t : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(t, PARTITIONS, (short) 1))).all().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            System.out.printf("kafka trust: %d SCRAM users, %d ACLs (%d stale removed), %d topics%n", users.size(), acls.size(),
                    stale.size(), topics.size());
        }
    }

    private static List<String[]> rows(Path file) throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] cols = t.split("\\s+");
            if (cols.length != 5 || !cols[0].startsWith("pavu-")) {
                throw new IllegalArgumentException(file + ": expected 'pavu-<service> resource pattern name ops', got: " + line);
            }
            rows.add(cols);
        }
        return rows;
    }

    private static String read(Path f) throws Exception {
        return Files.readString(f).strip();
    }
}
