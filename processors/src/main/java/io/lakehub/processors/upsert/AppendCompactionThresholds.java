package io.lakehub.processors.upsert;

/**
 * When and how {@link AppendCompactor} rewrites the small files of an append dataset (ADR 0057): once
 * it has {@code minSmallFiles} live data files smaller than {@code smallFileBytes}, they are rewritten,
 * in commit order, into files of about {@code targetFileBytes} (by the sum of the replaced files'
 * sizes), at most {@code maxFilesPerRewrite} files into one.
 *
 * @param targetFileBytes a rewrite stops adding files once their sizes add up to this
 * @param smallFileBytes a live data file smaller than this is compacted; at most {@code targetFileBytes}
 * @param minSmallFiles small files that trigger a compaction of the dataset; 0 turns append compaction
 *     off, else at least 2
 * @param maxFilesPerRewrite most files read by one rewrite (and removed by one commit), which bounds
 *     the query over them and the commit; at least 2
 */
public record AppendCompactionThresholds(
        long targetFileBytes, long smallFileBytes, int minSmallFiles, int maxFilesPerRewrite) {

    public AppendCompactionThresholds {
        if (targetFileBytes < 1
                || smallFileBytes < 1
                || smallFileBytes > targetFileBytes
                || (minSmallFiles != 0 && minSmallFiles < 2)
                || maxFilesPerRewrite < 2) {
            throw new IllegalArgumentException("Append compaction needs a target file size >= 1 byte, a small file"
                    + " size between 1 byte and the target, min small files 0 (off) or >= 2 and max files per"
                    + " rewrite >= 2; got " + targetFileBytes + ", " + smallFileBytes + ", " + minSmallFiles + ", "
                    + maxFilesPerRewrite);
        }
    }

    /** Files under 32 MiB compacted into files of about 128 MiB once there are 32 of them, 10,000 per rewrite. */
    public static AppendCompactionThresholds defaults() {
        return new AppendCompactionThresholds(128L << 20, 32L << 20, 32, 10_000);
    }

    /** Whether append datasets are compacted at all. */
    public boolean enabled() {
        return minSmallFiles > 0;
    }
}
