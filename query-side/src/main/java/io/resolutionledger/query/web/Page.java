package io.resolutionledger.query.web;

import java.util.List;

/** One page of a list, as every list of the API answers: {@code {"items": [...], "page": 0, "size": 20, "total": 57}}. */
public record Page<T>(List<T> items, int page, int size, long total) {
}
