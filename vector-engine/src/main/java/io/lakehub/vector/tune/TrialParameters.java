package io.lakehub.vector.tune;

import io.lakehub.vector.index.GraphParams;
import io.lakehub.vector.search.SearchParams;
import java.util.Locale;
import java.util.Objects;

/**
 * The parameters one trial measures: {@link SearchTime search-time} ones (tried on the live graph, no rebuild) and
 * {@link BuildTime build-time} ones (tried on a candidate graph built from the same vectors).
 *
 * @param build the graph's construction parameters
 * @param search the parameters read at search time
 */
public record TrialParameters(BuildTime build, SearchTime search) {

    public TrialParameters {
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(search, "search");
    }

    /**
     * Construction parameters (changing any needs a new graph); see {@link GraphParams}.
     *
     * @param maxDegree the most neighbours a node keeps (≥ 2)
     * @param beamWidth the search beam while building (≥ 1)
     * @param neighborOverflow how far a neighbour list may overflow before pruning (≥ 1.0)
     * @param alpha the diversity pruning factor (&gt; 0)
     * @param hierarchy whether to build upper layers
     */
    public record BuildTime(int maxDegree, int beamWidth, float neighborOverflow, float alpha, boolean hierarchy) {

        public BuildTime {
            // GraphParams validates the same ranges and names the offending value.
            new GraphParams(maxDegree, beamWidth, neighborOverflow, alpha, hierarchy, 1);
        }

        public static BuildTime of(GraphParams g) {
            return new BuildTime(g.maxDegree(), g.beamWidth(), g.neighborOverflow(), g.alpha(), g.hierarchy());
        }

        /** These construction parameters with the given search-time overquery. */
        public GraphParams toGraphParams(int overquery) {
            return new GraphParams(maxDegree, beamWidth, neighborOverflow, alpha, hierarchy, overquery);
        }
    }

    /**
     * Search-time parameters; see {@link SearchParams}.
     *
     * @param overquery the layer-0 beam as a multiple of k (≥ 1)
     * @param exactScanSelectivity filters accepting at most this fraction of the chunks are scanned exactly (0 … 1)
     */
    public record SearchTime(int overquery, double exactScanSelectivity) {

        public SearchTime {
            SearchParams.DEFAULT.withOverquery(overquery).withExactScan(exactScanSelectivity, 0); // validates
        }

        public static SearchTime of(SearchParams s) {
            return new SearchTime(s.overquery(), s.exactScanSelectivity());
        }

        /** {@code base} with these values (the rest — exact-scan size, RRF k, max k — is kept). */
        public SearchParams applyTo(SearchParams base) {
            return base.withOverquery(overquery).withExactScan(exactScanSelectivity, base.exactScanBelow());
        }
    }

    /** The parameters an index and its searcher run with now. */
    public static TrialParameters of(GraphParams graph, SearchParams search) {
        return new TrialParameters(BuildTime.of(graph), SearchTime.of(search));
    }

    /** The parameters of an index whose searcher uses the index's own overquery and the default exact-scan rule. */
    public static TrialParameters of(GraphParams graph) {
        return of(graph, SearchParams.DEFAULT.withOverquery(graph.overquery()));
    }

    /** The graph parameters these stand for (construction parameters plus overquery). */
    public GraphParams graphParams() {
        return build.toGraphParams(search.overquery());
    }

    /** {@code base} with the search-time values of these parameters. */
    public SearchParams searchParams(SearchParams base) {
        return search.applyTo(base);
    }

    public TrialParameters withBuild(BuildTime value) {
        return new TrialParameters(value, search);
    }

    public TrialParameters withSearch(SearchTime value) {
        return new TrialParameters(build, value);
    }

    /** Whether a trial of these parameters needs a new graph when the live one was built with {@code live}. */
    public boolean needsBuild(BuildTime live) {
        return !build.equals(live);
    }

    /**
     * A stable text naming every value (the journal's de-duplication key), e.g.
     * {@code m=16,beam=100,overflow=1.2,alpha=1.2,hier=true;oq=5,exact=0.02}.
     */
    public String canonical() {
        return String.format(
                Locale.ROOT,
                "m=%d,beam=%d,overflow=%s,alpha=%s,hier=%b;oq=%d,exact=%s",
                build.maxDegree,
                build.beamWidth,
                Float.toString(build.neighborOverflow),
                Float.toString(build.alpha),
                build.hierarchy,
                search.overquery,
                Double.toString(search.exactScanSelectivity));
    }

    /**
     * Reads {@link #canonical()} back (the journal can store parameters as that text).
     *
     * @throws IllegalArgumentException naming the missing or malformed field
     */
    public static TrialParameters parse(String canonical) {
        java.util.Map<String, String> fields = new java.util.HashMap<>();
        for (String part : canonical.split("[,;]")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "'" + part + "' in trial parameters '" + canonical + "' is not name=value");
            }
            fields.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
        try {
            return new TrialParameters(
                    new BuildTime(
                            Integer.parseInt(field(fields, "m", canonical)),
                            Integer.parseInt(field(fields, "beam", canonical)),
                            Float.parseFloat(field(fields, "overflow", canonical)),
                            Float.parseFloat(field(fields, "alpha", canonical)),
                            Boolean.parseBoolean(field(fields, "hier", canonical))),
                    new SearchTime(
                            Integer.parseInt(field(fields, "oq", canonical)),
                            Double.parseDouble(field(fields, "exact", canonical))));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "trial parameters '" + canonical + "' hold a malformed number: " + e.getMessage(), e);
        }
    }

    private static String field(java.util.Map<String, String> fields, String name, String canonical) {
        String v = fields.get(name);
        if (v == null) {
            throw new IllegalArgumentException("trial parameters '" + canonical + "' lack '" + name + "='");
        }
        return v;
    }

    @Override
    public String toString() {
        return canonical();
    }
}
