package io.lakehub.catalog.views;

import java.time.Instant;

/**
 * One user view as the catalog keeps it.
 *
 * @param name the view's name, queried like a dataset
 * @param base the dataset it reads
 * @param definition a JSON object with the view's columns, row filter and redactions (never data)
 * @param createdBy the role that created it
 * @param createdAt when it was created
 */
public record StoredView(String name, String base, String definition, String createdBy, Instant createdAt) {}
