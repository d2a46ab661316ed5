package io.lakehub.processors.ingest;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.InvalidDatasetNameException;
import io.lakehub.processors.read.BadRow;
import io.lakehub.processors.read.BadRowHandler;
import io.lakehub.processors.read.ReadFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The {@link BadRowHandler} of one read of one source under a {@link BadRowPolicy} of {@code skip}
 * or {@code rejects}: counts the bad rows, keeps them for the rejects dataset ({@code rejects}
 * only), and refuses the source once there are more than the policy's limit allows, by throwing a
 * {@link ReadFailedException} from the handler (which ends the read; nothing is written). An
 * absolute limit is checked at every bad row; a percentage needs the total and is checked by {@link
 * #checkTotal} once the source is read, and also early, at every bad row once {@value
 * #EARLY_PERCENT_CHECK} are held, against the rows read so far (so a file that is mostly bad does
 * not fill the memory with its rejects).
 *
 * <p>Rows kept for the rejects dataset are held in memory until the source is read (each cut to
 * {@link BadRow#MAX_RAW_CHARS} characters): at the default limit of 1% that is a hundredth of the
 * file at most. Not thread-safe: the reading thread calls it.
 */
final class BadRows implements BadRowHandler {
    /** Suffix of the dataset that receives a dataset's rejected rows. */
    static final String REJECTS_SUFFIX = "__rejects";

    static final int EARLY_PERCENT_CHECK = 10_000;

    private final String source;
    private final BadRowPolicy policy;
    private final LongSupplier goodRowsSoFar;
    private final DatasetName rejectsDataset;
    private final String rejectsNameProblem;
    private final List<BadRow> kept = new ArrayList<>();
    private long count;
    private BadRow first;

    /**
     * @param source the source as messages name it
     * @param dataset the dataset ingested into; its rejects go to {@code <dataset>__rejects}
     * @param policy resolved: both parts set, action skip or rejects
     * @param goodRowsSoFar the rows the reader has returned so far
     */
    BadRows(String source, DatasetName dataset, BadRowPolicy policy, LongSupplier goodRowsSoFar) {
        this.source = source;
        this.policy = policy;
        this.goodRowsSoFar = goodRowsSoFar;
        DatasetName name = null;
        String problem = null;
        if (policy.action() == BadRowPolicy.Action.REJECTS) {
            try {
                name = rejectsOf(dataset);
            } catch (InvalidDatasetNameException e) {
                problem = e.getMessage();
            }
        }
        this.rejectsDataset = name;
        this.rejectsNameProblem = problem;
    }

    /** The dataset receiving {@code dataset}'s rejected rows: {@code <dataset>__rejects}. */
    static DatasetName rejectsOf(DatasetName dataset) {
        return DatasetName.of(dataset.value() + REJECTS_SUFFIX);
    }

    @Override
    public void handle(BadRow row) {
        count++;
        if (first == null) {
            first = row;
        }
        if (rejectsNameProblem != null) {
            throw new ReadFailedException(
                    source + ": line " + row.line() + ": " + row.reason() + "; on_bad_rows is rejects, but the"
                            + " rejects dataset cannot be named '" + rejectsDatasetName() + "' ("
                            + rejectsNameProblem + "). Choose on_bad_rows skip or fail for this dataset."
                            + " Nothing was written.",
                    row.line(),
                    null);
        }
        BadRowPolicy.Limit limit = policy.limit();
        long seen = goodRowsSoFar.getAsLong() + count;
        if (limit.absolute()
                ? limit.exceededBy(count, seen)
                : count >= EARLY_PERCENT_CHECK && limit.exceededBy(count, seen)) {
            throw tooMany(seen, true);
        }
        if (rejectsDataset != null) {
            kept.add(row);
        }
    }

    /** Refuses the source if its bad rows, among {@code goodRows} good ones, are more than the limit. */
    void checkTotal(long goodRows) {
        long total = goodRows + count;
        if (count > 0 && policy.limit().exceededBy(count, total)) {
            throw tooMany(total, false);
        }
    }

    private ReadFailedException tooMany(long rows, boolean soFar) {
        String what;
        if (soFar) {
            what = count + " bad rows" + (policy.limit().absolute() ? "" : " among the first " + rows + " rows");
        } else {
            String share = String.format(Locale.ROOT, "%.2f%%", rows == 0 ? 100.0 : count * 100.0 / rows);
            what = count + " of " + rows + " rows are bad (" + share + ")";
        }
        return new ReadFailedException(
                source + ": " + what + ", more than max_bad_rows " + policy.limit() + " allows (on_bad_rows "
                        + policy.action().configName() + "); the first bad row is line " + first.line() + ": "
                        + first.reason() + ". Nothing was written.",
                first.line(),
                null);
    }

    long count() {
        return count;
    }

    /** The rows for the rejects dataset, in source order (empty with {@code skip}). */
    List<BadRow> kept() {
        return kept;
    }

    /** The rejects dataset, or {@code null} with {@code skip}. */
    DatasetName rejectsDataset() {
        return rejectsDataset;
    }

    private String rejectsDatasetName() {
        return "<dataset>" + REJECTS_SUFFIX;
    }
}
