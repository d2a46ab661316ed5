/**
 * The JSON readers: a JSON array of objects ({@link io.lakehub.processors.read.json.JsonBatchReader})
 * and NDJSON / JSON Lines ({@link io.lakehub.processors.read.json.NdjsonBatchReader}), both streaming
 * with Jackson through one record reader, with the JSON value types, temporal shapes and parser
 * failures translated into refusals that name the line and column.
 */
package io.lakehub.processors.read.json;
