package io.lfp.localinfra;

import java.util.Map;

/** The MBean behind {@link LocalInfraControlMBean}. Internal to local-infra. */
public final class LocalInfraControl implements LocalInfraControlMBean {

    private final LocalInfrastructure infra;

    LocalInfraControl(LocalInfrastructure infra) {
        this.infra = infra;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.copyOf(infra.configOverrides());
    }

    @Override
    public Map<String, String> getSecrets() {
        return Map.copyOf(infra.secrets().asMap());
    }

    @Override
    public void stopRedis() {
        infra.stopRedis();
    }

    @Override
    public void startRedis() {
        infra.startRedis();
    }

    @Override
    public void stopPostgres() {
        infra.stopPostgres();
    }

    @Override
    public void startPostgres() {
        infra.startPostgres();
    }

    @Override
    public void stopS3() {
        infra.stopS3();
    }

    @Override
    public void startS3() {
        infra.startS3();
    }
}
