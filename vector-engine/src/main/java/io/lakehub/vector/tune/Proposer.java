package io.lakehub.vector.tune;

import io.lakehub.vector.chunk.ContentHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Proposes the next trial: ε-greedy around the champion on a bounded grid ({@link Space}), never a point the journal
 * already holds.
 *
 * <p>With probability {@link #epsilon()} it explores (a uniformly random grid point); otherwise it exploits (the
 * champion moved one or two grid steps along one or two dimensions); a few draws of the chosen kind are tried. Its random generator is seeded from the base
 * seed, the champion and every journal entry (parameters and status, in order), so the same history proposes the same
 * next trial — on any hub, after any restart. When random draws keep hitting tried points, the untried point nearest
 * the champion (grid steps, ties in a fixed order) is proposed; when the whole space is tried, nothing is.
 */
public final class Proposer {

    /** Random draws before falling back to the nearest untried point. */
    static final int ATTEMPTS = 64;

    /**
     * The grid: the values each parameter may take (sorted, at least one each). Champion values off the grid are
     * snapped to the nearest grid value.
     */
    public record Space(
            List<Integer> overquery,
            List<Double> exactScanSelectivity,
            List<Integer> maxDegree,
            List<Integer> beamWidth,
            List<Float> neighborOverflow,
            List<Float> alpha,
            List<Boolean> hierarchy) {

        /** Overquery 1–20, exact scan 0–10%, max degree 8–64, beam 20–300, overflow 1–2, alpha 1–1.4, both hierarchies. */
        public static final Space DEFAULT = new Space(
                List.of(1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20),
                List.of(0.0, 0.005, 0.01, 0.02, 0.05, 0.1),
                List.of(8, 12, 16, 24, 32, 48, 64),
                List.of(20, 40, 60, 80, 100, 150, 200, 300),
                List.of(1.0f, 1.2f, 1.5f, 2.0f),
                List.of(1.0f, 1.1f, 1.2f, 1.4f),
                List.of(false, true));

        public Space {
            overquery = sortedCopy("overquery", overquery);
            exactScanSelectivity = sortedCopy("exactScanSelectivity", exactScanSelectivity);
            maxDegree = sortedCopy("maxDegree", maxDegree);
            beamWidth = sortedCopy("beamWidth", beamWidth);
            neighborOverflow = sortedCopy("neighborOverflow", neighborOverflow);
            alpha = sortedCopy("alpha", alpha);
            hierarchy = sortedCopy("hierarchy", hierarchy);
            // Each value is validated independently, so the two corners cover every grid point (the fields are
            // not assigned yet inside this constructor: the parameters are read).
            for (int corner = 0; corner < 2; corner++) {
                boolean first = corner == 0;
                new TrialParameters(
                        new TrialParameters.BuildTime(
                                pick(maxDegree, first),
                                pick(beamWidth, first),
                                pick(neighborOverflow, first),
                                pick(alpha, first),
                                pick(hierarchy, first)),
                        new TrialParameters.SearchTime(pick(overquery, first), pick(exactScanSelectivity, first)));
            }
        }

        /** This space with the construction parameters fixed at {@code live}: search-time trials only. */
        public Space searchTimeOnly(TrialParameters.BuildTime live) {
            return new Space(
                    overquery,
                    exactScanSelectivity,
                    List.of(live.maxDegree()),
                    List.of(live.beamWidth()),
                    List.of(live.neighborOverflow()),
                    List.of(live.alpha()),
                    List.of(live.hierarchy()));
        }

        /** Grid points in all. */
        public long size() {
            long n = 1;
            for (int d = 0; d < DIMS; d++) {
                n *= length(d);
            }
            return n;
        }

        int length(int dim) {
            return values(dim).size();
        }

        List<?> values(int dim) {
            return switch (dim) {
                case 0 -> overquery;
                case 1 -> exactScanSelectivity;
                case 2 -> maxDegree;
                case 3 -> beamWidth;
                case 4 -> neighborOverflow;
                case 5 -> alpha;
                default -> hierarchy;
            };
        }

        /** The grid index nearest to each of the parameters' values. */
        int[] snap(TrialParameters p) {
            TrialParameters.BuildTime b = p.build();
            TrialParameters.SearchTime s = p.search();
            double[] v = {
                s.overquery(),
                s.exactScanSelectivity(),
                b.maxDegree(),
                b.beamWidth(),
                b.neighborOverflow(),
                b.alpha(),
                b.hierarchy() ? 1 : 0
            };
            int[] at = new int[DIMS];
            for (int d = 0; d < DIMS; d++) {
                List<?> values = values(d);
                double best = Double.POSITIVE_INFINITY;
                for (int i = 0; i < values.size(); i++) {
                    double dist = Math.abs(numeric(values.get(i)) - v[d]);
                    if (dist < best) {
                        best = dist;
                        at[d] = i;
                    }
                }
            }
            return at;
        }

        TrialParameters at(int[] idx) {
            return new TrialParameters(
                    new TrialParameters.BuildTime(
                            maxDegree.get(idx[2]),
                            beamWidth.get(idx[3]),
                            neighborOverflow.get(idx[4]),
                            alpha.get(idx[5]),
                            hierarchy.get(idx[6])),
                    new TrialParameters.SearchTime(overquery.get(idx[0]), exactScanSelectivity.get(idx[1])));
        }

        private static <T> T pick(List<T> values, boolean first) {
            return first ? values.get(0) : values.get(values.size() - 1);
        }

        private static double numeric(Object o) {
            return o instanceof Boolean b ? (b ? 1 : 0) : ((Number) o).doubleValue();
        }

        private static <T extends Comparable<T>> List<T> sortedCopy(String name, List<T> values) {
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException("the space needs at least one value of " + name);
            }
            List<T> out = new ArrayList<>(new java.util.TreeSet<>(values));
            return List.copyOf(out);
        }
    }

    /**
     * A proposed trial.
     *
     * @param parameters what to try
     * @param explored true for an exploring (random) proposal, false for a step from the champion (either may end
     *     as the nearest untried point when the draws only hit tried ones)
     * @param seed the seed this proposal was drawn with (derived from the history; for the journal)
     */
    public record Proposal(TrialParameters parameters, boolean explored, long seed) {}

    static final int DIMS = 7;

    private final Space space;
    private final double epsilon;
    private final long seed;

    /**
     * @param space the bounds
     * @param epsilon the probability of exploring (0 … 1; 0.2 is a reasonable start)
     * @param seed the base seed (e.g. derived from the index name), mixed with the history
     */
    public Proposer(Space space, double epsilon, long seed) {
        this.space = Objects.requireNonNull(space, "space");
        if (!(epsilon >= 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("epsilon must be in [0, 1], got " + epsilon);
        }
        this.epsilon = epsilon;
        this.seed = seed;
    }

    public Space space() {
        return space;
    }

    public double epsilon() {
        return epsilon;
    }

    /**
     * The next trial, or empty when every grid point is in the journal (or is the champion).
     *
     * @param champion the serving parameters
     * @param journal past trials, oldest first (every status counts as tried)
     */
    public Optional<Proposal> propose(TrialParameters champion, List<TrialResult> journal) {
        Objects.requireNonNull(champion, "champion");
        Set<String> tried = new HashSet<>();
        tried.add(champion.canonical());
        for (TrialResult r : journal) {
            tried.add(r.parameters().canonical());
        }
        long drawSeed = historySeed(champion, journal);
        Random random = new Random(drawSeed);
        int[] centre = space.snap(champion);
        boolean explore = random.nextDouble() < epsilon;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int[] point = explore ? randomPoint(random) : neighbour(centre, random);
            TrialParameters p = space.at(point);
            if (!tried.contains(p.canonical())) {
                return Optional.of(new Proposal(p, explore, drawSeed));
            }
        }
        return nearestUntried(centre, tried).map(p -> new Proposal(p, explore, drawSeed));
    }

    /** The seed of the next proposal: SHA-256 over the base seed, the champion and the journal, in order. */
    long historySeed(TrialParameters champion, List<TrialResult> journal) {
        MessageDigest digest = ContentHash.newDigest();
        update(digest, Long.toString(seed));
        update(digest, champion.canonical());
        for (TrialResult r : journal) {
            update(digest, r.parameters().canonical() + "|" + r.status());
        }
        byte[] h = digest.digest();
        long out = 0;
        for (int i = 0; i < 8; i++) {
            out = (out << 8) | (h[i] & 0xff);
        }
        return out;
    }

    private static void update(MessageDigest digest, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        digest.update((byte) (bytes.length >>> 8));
        digest.update((byte) bytes.length);
        digest.update(bytes);
    }

    private int[] randomPoint(Random random) {
        int[] p = new int[DIMS];
        for (int d = 0; d < DIMS; d++) {
            p[d] = random.nextInt(space.length(d));
        }
        return p;
    }

    private int[] neighbour(int[] centre, Random random) {
        int[] p = centre.clone();
        List<Integer> movable = new ArrayList<>();
        for (int d = 0; d < DIMS; d++) {
            if (space.length(d) > 1) {
                movable.add(d);
            }
        }
        if (movable.isEmpty()) {
            return p;
        }
        int moves = movable.size() > 1 && random.nextDouble() < 0.3 ? 2 : 1;
        for (int m = 0; m < moves; m++) {
            int d = movable.remove(random.nextInt(movable.size()));
            int step = (random.nextDouble() < 0.25 ? 2 : 1) * (random.nextBoolean() ? 1 : -1);
            p[d] = Math.max(0, Math.min(space.length(d) - 1, p[d] + step));
        }
        return p;
    }

    /** The untried point with the fewest grid steps from {@code centre} (ties by dimension order, lower first). */
    private Optional<TrialParameters> nearestUntried(int[] centre, Set<String> tried) {
        int[] point = new int[DIMS];
        int[] best = null;
        int bestDistance = Integer.MAX_VALUE;
        long total = space.size();
        for (long i = 0; i < total; i++) {
            long rest = i;
            int distance = 0;
            for (int d = 0; d < DIMS; d++) {
                point[d] = (int) (rest % space.length(d));
                rest /= space.length(d);
                distance += Math.abs(point[d] - centre[d]);
            }
            if (distance < bestDistance && !tried.contains(space.at(point).canonical())) {
                bestDistance = distance;
                best = point.clone();
            }
        }
        return best == null ? Optional.empty() : Optional.of(space.at(best));
    }

    @Override
    public String toString() {
        return "ε-greedy proposer (ε " + epsilon + ", " + space.size() + " grid points)";
    }
}
