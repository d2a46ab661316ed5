/**
 * The plain-text and Markdown reader: one file is one row of {@code path} and {@code text},
 * decoded strictly by BOM or the given charset.
 */
package io.lakehub.processors.read.text;
