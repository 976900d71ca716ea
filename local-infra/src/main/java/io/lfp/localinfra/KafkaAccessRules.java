package io.lfp.localinfra;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import io.lfp.events.Topics;

/**
 * Who may write and read which topic: the one table of the Kafka ACLs, taken from the services'
 * {@code mp.messaging.*} channels (docs/events.md). A service writes the topics it produces and the
 * dead-letter topic of each topic it consumes (its EventGuard dead-letters there), reads the topics it
 * consumes with its consumer group (the service's name), and nothing else. Topic creation stays with the
 * super user {@code admin}. WRITE on a topic also lets a producer be idempotent (Kafka 3+ no longer needs
 * IDEMPOTENT_WRITE on the cluster). docker-compose.yml's {@code kafka-init} applies the same table: keep them
 * in step.
 */
public final class KafkaAccessRules {

    /** What one principal produces and consumes. */
    public record Access(List<String> produces, List<String> consumes) {

        /** The topics it may write: what it produces, and the dead-letter topic of each topic it consumes. */
        public Set<String> writes() {
            Set<String> topics = new LinkedHashSet<>(produces);
            consumes.forEach(t -> topics.add(Topics.deadLetter(t)));
            return topics;
        }
    }

    /** Per principal; the services consume with the consumer group named like the service. */
    public static final Map<String, Access> TABLE = Map.of(
            "upload-service", new Access(
                    List.of(Topics.FILE_UPLOADED, Topics.INGEST_CHUNKS, Topics.UPLOAD_ABORTED,
                            Topics.INGEST_RETRY_REQUESTED),
                    List.of(Topics.INGEST_REQUESTED, Topics.INGEST_PROGRESS, Topics.INGEST_FINISHED,
                            Topics.AGGREGATES_CHANGED)),
            "ingest-worker", new Access(
                    List.of(Topics.INGEST_CHUNKS, Topics.INGEST_PROGRESS, Topics.INGEST_FINISHED,
                            Topics.PRODUCT_CHANGED),
                    List.of(Topics.INGEST_CHUNKS, Topics.FILE_UPLOADED, Topics.UPLOAD_ABORTED,
                            Topics.AGGREGATES_CHANGED, Topics.INGEST_RETRY_REQUESTED)),
            "aggregate-service", new Access(
                    List.of(Topics.AGGREGATES_CHANGED),
                    List.of(Topics.INGEST_FINISHED, Topics.PRODUCT_CHANGED)),
            "dashboard-service", new Access(
                    List.of(),
                    List.of(Topics.AGGREGATES_CHANGED, Topics.INGEST_PROGRESS, Topics.INGEST_FINISHED,
                            Topics.FILE_UPLOADED)),
            LocalSecrets.EXTERNAL_PRODUCER, new Access(List.of(Topics.INGEST_REQUESTED), List.of()));

    private KafkaAccessRules() {
    }

    /** Every principal of the table: the services and the external producer. */
    public static List<String> principals() {
        List<String> all = new ArrayList<>(LocalSecrets.SERVICES);
        all.add(LocalSecrets.EXTERNAL_PRODUCER);
        return all;
    }

    /** The ACLs of the whole table, all ALLOW from any host. */
    public static List<AclBinding> bindings() {
        List<AclBinding> acls = new ArrayList<>();
        for (String principal : principals()) {
            Access access = TABLE.get(principal);
            for (String topic : access.writes()) {
                acls.add(allow(principal, ResourceType.TOPIC, topic, AclOperation.WRITE));
                acls.add(allow(principal, ResourceType.TOPIC, topic, AclOperation.DESCRIBE));
            }
            for (String topic : access.consumes()) {
                acls.add(allow(principal, ResourceType.TOPIC, topic, AclOperation.READ));
                if (!access.writes().contains(topic)) {
                    acls.add(allow(principal, ResourceType.TOPIC, topic, AclOperation.DESCRIBE));
                }
            }
            if (!access.consumes().isEmpty()) {
                acls.add(allow(principal, ResourceType.GROUP, principal, AclOperation.READ));
            }
        }
        return acls;
    }

    /** The principal name Kafka's authorizer sees for a SCRAM user. */
    public static String user(String principal) {
        return "User:" + principal;
    }

    private static AclBinding allow(String principal, ResourceType type, String name, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(user(principal), "*", operation, AclPermissionType.ALLOW));
    }
}
