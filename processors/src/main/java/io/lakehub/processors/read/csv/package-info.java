/**
 * The CSV reader: dialect detection (charset, delimiter, quote, header), the type sample, the
 * byte source that hashes what it reads and validates UTF-8, and the FastCSV callback that parses
 * cells straight into Arrow vectors. Only {@link io.lakehub.processors.read.csv.CsvBatchReader} is
 * public; everything else is its machinery.
 */
package io.lakehub.processors.read.csv;
