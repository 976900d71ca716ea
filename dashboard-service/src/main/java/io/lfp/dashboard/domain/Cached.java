package io.lfp.dashboard.domain;

/** A view plus whether it was served with Redis working. */
public record Cached<T>(T value, CacheStatus cache) {

    public static <T> Cached<T> online(T value) {
        return new Cached<>(value, CacheStatus.ONLINE);
    }

    public static <T> Cached<T> offline(T value) {
        return new Cached<>(value, CacheStatus.OFFLINE);
    }

    public <R> Cached<R> with(R other) {
        return new Cached<>(other, cache);
    }
}
