#!/bin/sh
# One-shot set-up of the compose `kafka` broker, run as admin after it is healthy, again on every
# `docker compose up` (every step is idempotent): the SCRAM users, the topics and the ACLs.
# The ACCESS table is local-infra's io.lfp.localinfra.KafkaAccessRules.TABLE (KafkaAccessRulesTest checks they agree):
# each service writes what it produces and <topic>-dlq of each topic it consumes, reads what it consumes with the
# consumer group named like the service; external-producer writes ingest-requested only.
set -eu
BOOTSTRAP=kafka:9092
BIN=/opt/kafka/bin
cat > /tmp/admin.properties <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${ADMIN_PASSWORD:?KAFKA_ADMIN_PASSWORD is not set}";
PROPS
ADMIN="--bootstrap-server $BOOTSTRAP --command-config /tmp/admin.properties"

# principal | produces | consumes  (comma separated, - for none)
ACCESS="
upload-service|file-uploaded,ingest-chunks,upload-aborted,ingest-retry-requested|ingest-requested,ingest-progress,ingest-finished,aggregates-changed
ingest-worker|ingest-chunks,ingest-progress,ingest-finished,product-changed|ingest-chunks,file-uploaded,upload-aborted,aggregates-changed,ingest-retry-requested
aggregate-service|aggregates-changed|ingest-finished,product-changed
dashboard-service|-|aggregates-changed,ingest-progress,ingest-finished,file-uploaded
external-producer|ingest-requested|-
"
# io.lfp.events.Topics.ALL; ingest-chunks gets 16 partitions (Topics.CHUNK_PARTITIONS), the others 8
TOPICS="ingest-requested file-uploaded upload-aborted ingest-chunks ingest-progress ingest-finished aggregates-changed product-changed ingest-retry-requested"

password() {
    case "$1" in
        upload-service) echo "${UPLOAD_PASSWORD:?KAFKA_UPLOAD_PASSWORD is not set}" ;;
        ingest-worker) echo "${INGEST_PASSWORD:?KAFKA_INGEST_PASSWORD is not set}" ;;
        aggregate-service) echo "${AGGREGATE_PASSWORD:?KAFKA_AGGREGATE_PASSWORD is not set}" ;;
        dashboard-service) echo "${DASHBOARD_PASSWORD:?KAFKA_DASHBOARD_PASSWORD is not set}" ;;
        external-producer) echo "${EXTERNAL_PASSWORD:?KAFKA_EXTERNAL_PASSWORD is not set}" ;;
    esac
}

for topic in $TOPICS; do
    partitions=8
    [ "$topic" = ingest-chunks ] && partitions=16
    $BIN/kafka-topics.sh $ADMIN --create --if-not-exists --topic "$topic" --partitions $partitions --replication-factor 1
    $BIN/kafka-topics.sh $ADMIN --create --if-not-exists --topic "$topic-dlq" --partitions 8 --replication-factor 1
done

echo "$ACCESS" | while IFS='|' read -r principal produces consumes; do
    [ -n "$principal" ] || continue
    $BIN/kafka-configs.sh $ADMIN --alter --entity-type users --entity-name "$principal" \
        --add-config "SCRAM-SHA-512=[iterations=8192,password=$(password "$principal")]"
    writes=""
    [ "$produces" = - ] || writes=$(echo "$produces" | tr ',' ' ')
    if [ "$consumes" != - ]; then
        for topic in $(echo "$consumes" | tr ',' ' '); do
            writes="$writes $topic-dlq"
            $BIN/kafka-acls.sh $ADMIN --add --allow-principal "User:$principal" --operation Read --operation Describe \
                --topic "$topic"
        done
        $BIN/kafka-acls.sh $ADMIN --add --allow-principal "User:$principal" --operation Read --group "$principal"
    fi
    for topic in $writes; do
        $BIN/kafka-acls.sh $ADMIN --add --allow-principal "User:$principal" --operation Write --operation Describe \
            --topic "$topic"
    done
done
echo "kafka-init: users, topics and ACLs are set"
