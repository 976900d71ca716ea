package io.lfp.messaging;

import io.smallrye.config.ConfigMapping;

/**
 * The service's Kafka login, used by {@code kafka.sasl.jaas.config} in its application.properties. Mapped so
 * that a service started without it fails at once naming the property, instead of a Kafka client failing later
 * on an empty JAAS line. No defaults: the local run and the tests hand them out.
 */
@ConfigMapping(prefix = "lfp.kafka")
public interface KafkaLogin {

    /** The broker's address, host:port (env LFP_KAFKA_BOOTSTRAP). */
    String bootstrap();

    /** The SCRAM-SHA-512 principal: the service's name (env LFP_KAFKA_USER). */
    String user();

    /** Its password (env LFP_KAFKA_PASSWORD). */
    String password();
}
