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
    public void stopRedis() {
        infra.stopRedis();
    }

    @Override
    public void startRedis() {
        infra.startRedis();
    }
}
