package io.resolutionledger.query.web;

import java.util.Map;

/** A checked {@code ?page=&size=}: size 1..200 (default 20), page from 0. */
public record Paging(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    public static Paging of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            throw new InvalidParameterException(Map.of("page", "must be 0 or more"));
        }
        if (s < 1 || s > MAX_SIZE) {
            throw new InvalidParameterException(Map.of("size", "must be between 1 and " + MAX_SIZE));
        }
        // beyond this the offset would overflow; no list is that long
        if ((long) p * s > Integer.MAX_VALUE) {
            throw new InvalidParameterException(Map.of("page", "is too large"));
        }
        return new Paging(p, s);
    }

    public long offset() {
        return (long) page * size;
    }
}
