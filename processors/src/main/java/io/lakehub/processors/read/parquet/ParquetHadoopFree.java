package io.lakehub.processors.read.parquet;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetMetricsCallback;

/**
 * {@link ParquetReadOptions} built without loading any Hadoop class.
 *
 * <p>Both public builders of parquet-java 1.16 touch Hadoop: {@code ParquetReadOptions.builder()}
 * creates a Hadoop {@code Configuration}, and {@code builder(ParquetConfiguration)} calls {@code
 * ParquetInputFormat.getFilter}, whose superclass is Hadoop's {@code FileInputFormat}
 * (apache/parquet-java GH-3780, open). Without Hadoop on the class path both fail with {@code
 * NoClassDefFoundError}. The options' full constructor is package-private, so it is called
 * reflectively here. Replace this with {@code builder(new PlainParquetConfiguration())} once
 * parquet-java ships the fix; {@code ParquetHadoopFreeTest} proves either way that no Hadoop class
 * is needed.
 */
final class ParquetHadoopFree {
    /** parquet-java's default cap on one allocation while reading (8 MiB). */
    private static final int MAX_ALLOCATION = 8 * 1024 * 1024;

    private ParquetHadoopFree() {}

    /**
     * Plain options: no filters (every row is read), no page checksum verification, heap buffers,
     * the given codecs, no decryption.
     */
    static ParquetReadOptions readOptions(CompressionCodecFactory codecs) {
        try {
            Constructor<ParquetReadOptions> c = ParquetReadOptions.class.getDeclaredConstructor(
                    boolean.class, // useSignedStringMinMax
                    boolean.class, // useStatsFilter
                    boolean.class, // useDictionaryFilter
                    boolean.class, // useRecordFilter
                    boolean.class, // useColumnIndexFilter
                    boolean.class, // usePageChecksumVerification
                    boolean.class, // useBloomFilter
                    boolean.class, // useOffHeapDecryptBuffer
                    boolean.class, // useHadoopVectoredIo
                    FilterCompat.Filter.class,
                    ParquetMetadataConverter.MetadataFilter.class,
                    CompressionCodecFactory.class,
                    ByteBufferAllocator.class,
                    int.class,
                    java.util.Map.class,
                    FileDecryptionProperties.class,
                    ParquetMetricsCallback.class,
                    ParquetConfiguration.class);
            c.setAccessible(true);
            return c.newInstance(
                    false,
                    false,
                    false,
                    false,
                    false,
                    false,
                    false,
                    false,
                    false,
                    FilterCompat.NOOP,
                    ParquetMetadataConverter.NO_FILTER,
                    codecs,
                    new HeapByteBufferAllocator(),
                    MAX_ALLOCATION,
                    new HashMap<String, String>(),
                    null,
                    null,
                    new PlainParquetConfiguration());
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException(
                    "This parquet-java version's ParquetReadOptions constructor differs from 1.16's;"
                            + " update ParquetHadoopFree",
                    e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("ParquetReadOptions could not be created", e.getCause());
        }
    }
}
