package io.lfp.localinfra;

import java.util.Map;

/**
 * JVM-wide handle on the shared test infrastructure, registered in the platform MBean server.
 * Only JDK types cross it, so a copy of this module loaded by another class loader (Quarkus
 * may load test resources once per application) reuses the running servers instead of
 * starting a second set. Internal to local-infra.
 */
public interface LocalInfraControlMBean {

    Map<String, String> getConfigOverrides();

    /** {@link LocalSecrets#asMap()} of the running servers. */
    Map<String, String> getSecrets();

    void stopRedis();

    void startRedis();

    void stopPostgres();

    void startPostgres();

    void stopS3();

    void startS3();
}
