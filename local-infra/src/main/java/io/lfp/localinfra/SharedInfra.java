package io.lfp.localinfra;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Map;

import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** One throwaway {@link LocalInfrastructure} per JVM, whatever the class loader asking for it. */
final class SharedInfra {

    private static final ObjectName NAME = name();

    private SharedInfra() {
    }

    /** The instance this JVM already runs (possibly a view of another class loader's), or a new one. */
    static LocalInfrastructure obtain() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (server.isRegistered(NAME)) {
            return attach(server);
        }
        LocalInfrastructure infra = new LocalInfrastructure(LocalInfraSettings.defaults()).start();
        try {
            server.registerMBean(new LocalInfraControl(infra), NAME);
        } catch (InstanceAlreadyExistsException e) {
            // cannot happen: callers hold the JVM-wide lock of LocalInfraTestResource
            throw new IllegalStateException(e);
        } catch (JMException e) {
            throw new IllegalStateException("cannot register " + NAME, e);
        }
        return infra;
    }

    @SuppressWarnings("unchecked")
    private static LocalInfrastructure attach(MBeanServer server) {
        try {
            Map<String, String> o = (Map<String, String>) server.getAttribute(NAME, "ConfigOverrides");
            LocalInfraSettings settings = LocalInfraSettings.builder()
                    .pgPort(Integer.parseInt(o.get("lfp.pg.port")))
                    .pgDatabase(o.get("lfp.pg.database"))
                    .kafkaPort(Integer.parseInt(o.get("lfp.kafka.bootstrap").replaceAll(".*:", "")))
                    .redisPort(URI.create(o.get("lfp.redis.url")).getPort())
                    .s3Port(URI.create(o.get("lfp.s3.endpoint")).getPort())
                    .region(o.get("lfp.s3.region"))
                    .bucket(o.get("lfp.s3.bucket"))
                    .secrets(LocalSecrets.of((Map<String, String>) server.getAttribute(NAME, "Secrets")))
                    .build();
            return new LocalInfrastructure(settings, new Remote(server));
        } catch (JMException e) {
            throw new IllegalStateException("cannot read " + NAME, e);
        }
    }

    private static ObjectName name() {
        try {
            return new ObjectName("io.lfp.localinfra:type=LocalInfrastructure");
        } catch (JMException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Calls into the class loader that owns the servers. */
    record Remote(MBeanServer server) {

        void stopRedis() {
            invoke("stopRedis");
        }

        void startRedis() {
            invoke("startRedis");
        }

        /** An operation of {@link LocalInfraControlMBean} without arguments. */
        void invoke(String operation) {
            try {
                server.invoke(NAME, operation, new Object[0], new String[0]);
            } catch (JMException e) {
                throw new IllegalStateException(operation + " failed", e);
            }
        }
    }
}
