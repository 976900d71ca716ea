package io.lfp.upload.service;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The uploads this instance is receiving right now (an HTTP body, or a requested object being planned).
 * {@link UploadSweeper} keeps their rows fresh, so only an upload whose instance died falls silent and is
 * swept; a slow client on a live instance is never cut off by the sweeper.
 */
@ApplicationScoped
public class ActiveUploads {

    private final Set<UUID> ids = ConcurrentHashMap.newKeySet();

    public void started(UUID id) {
        ids.add(id);
    }

    public void ended(UUID id) {
        ids.remove(id);
    }

    public List<UUID> ids() {
        return List.copyOf(ids);
    }
}
