/**
 * The Parquet reader, without Hadoop: {@link io.lakehub.processors.read.parquet.ParquetBatchReader}
 * reads through an NIO channel and Hadoop-free options, checks each row group's pages before
 * parquet-java decodes them (so a damaged file is a refusal, never a Hadoop class), maps Parquet
 * column kinds to lake types and renders nested groups as JSON text.
 */
package io.lakehub.processors.read.parquet;
