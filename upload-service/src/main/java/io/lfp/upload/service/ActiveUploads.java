package io.lfp.upload.service;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The uploads this instance is receiving right now (an HTTP body, or a requested object being planned).
 * {@link UploadSweeper} keeps their rows fresh, so only an upload whose instance died falls silent and is
 * swept; a slow client on a live instance is never cut off by the sweeper. An upload whose cleanup waits for a
 * server to come back ({@link AbortedUploadCleanup}) counts too: it is ending already, with its own reason.
 */
@ApplicationScoped
public class ActiveUploads {

    private final Set<UUID> ids = ConcurrentHashMap.newKeySet();
    private final Set<UUID> cleaning = ConcurrentHashMap.newKeySet();

    public void started(UUID id) {
        ids.add(id);
    }

    public void ended(UUID id) {
        ids.remove(id);
    }

    public void cleaningUp(UUID id) {
        cleaning.add(id);
    }

    public void cleanedUp(UUID id) {
        cleaning.remove(id);
    }

    public List<UUID> ids() {
        Set<UUID> all = new HashSet<>(ids);
        all.addAll(cleaning);
        return List.copyOf(all);
    }
}
