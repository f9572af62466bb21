package io.resolutionledger.command.caching;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import java.util.Objects;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Axon's {@link Cache} on a bounded Caffeine map (least recently used entries go first). Axon ships adapters for
 * JCache and Ehcache and an unbounded weak-reference cache; a bound in entries is what the command side needs, and
 * Caffeine is already on the class path.
 */
public final class CaffeineCache implements Cache {

    private final ConcurrentMap<Object, Object> map;

    public CaffeineCache(long maximumSize) {
        this.map = Caffeine.newBuilder().maximumSize(maximumSize).build().asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) map.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        map.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return map.putIfAbsent(key, value) == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) map.computeIfAbsent(key, k -> valueSupplier.get());
    }

    @Override
    public boolean remove(Object key) {
        return map.remove(key) != null;
    }

    @Override
    public void removeAll() {
        map.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        map.computeIfPresent(key, (k, v) -> update.apply((V) v));
    }

    /** Axon's repositories never listen to their cache (only sagas do); entries here are not observable. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        Objects.requireNonNull(cacheEntryListener);
        throw new UnsupportedOperationException("entry listeners are not supported by this cache");
    }

    public long size() {
        return map.size();
    }
}
