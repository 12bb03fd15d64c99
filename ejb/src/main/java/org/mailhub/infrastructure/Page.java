package org.mailhub.infrastructure;

import java.util.List;

/**
 * One page of a list, the one envelope every list of the REST API answers with: the items, the page
 * number asked for (from 0), the page size and how many items there are in all.
 */
public record Page<T>(List<T> items, int page, int size, long total) {}
