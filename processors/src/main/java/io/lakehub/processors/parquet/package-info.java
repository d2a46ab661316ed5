/**
 * Writing Arrow batches to Parquet with parquet-java, Hadoop-free at run time: our own
 * {@code OutputFile} on NIO and our own codec factory on zstd-jni and snappy-java,
 * which the Parquet reader decompresses with too. Files are
 * written under a temp name and renamed into place only when complete.
 */
package io.lakehub.processors.parquet;
