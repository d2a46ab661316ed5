package io.lakehub.catalog.commit;

import java.util.List;

/**
 * A cheap fingerprint of the files live in one snapshot of a dataset: how many there are and the sums
 * of their ids, row counts and sizes. Two reads of the same snapshot's files agree on it unless a file
 * was rewritten in place (an erasure leaves fewer rows in it) or the set changed; new files always
 * have ids above all earlier ones, so adding and removing files never cancel out. Additive: the
 * fingerprint of a later snapshot that removed nothing is this one {@link #plus} the files it added.
 * The catalog database computes it in one aggregate, without sending the files.
 *
 * @param files number of live files (data and delete markers)
 * @param idSum sum of their catalog ids
 * @param rowSum sum of their row counts
 * @param byteSum sum of their sizes in bytes
 */
public record FilesFingerprint(long files, long idSum, long rowSum, long byteSum) {

    /** The fingerprint of no files. */
    public static final FilesFingerprint EMPTY = new FilesFingerprint(0, 0, 0, 0);

    /** The fingerprint of these files. */
    public static FilesFingerprint of(List<DataFile> files) {
        return EMPTY.plus(files);
    }

    /** This fingerprint with these files added. */
    public FilesFingerprint plus(List<DataFile> added) {
        long n = files;
        long ids = idSum;
        long rows = rowSum;
        long bytes = byteSum;
        for (DataFile f : added) {
            n++;
            ids += f.id();
            rows += f.rowCount();
            bytes += f.sizeBytes();
        }
        return new FilesFingerprint(n, ids, rows, bytes);
    }

    /** {@code files/idSum/rowSum/byteSum}, as stored (e.g. in an Iceberg snapshot summary). */
    @Override
    public String toString() {
        return files + "/" + idSum + "/" + rowSum + "/" + byteSum;
    }
}
