/**
 * Writing Arrow batches to Parquet with parquet-java, Hadoop-free at run time: our own
 * {@code OutputFile} on NIO and our own codec factory on zstd-jni and snappy-java. Files are
 * written under a temp name and renamed into place only when complete.
 */
package io.lakehub.processors.parquet;
