package io.lakehub.vector.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.vector.index.GraphParams;
import io.lakehub.vector.search.SearchParams;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrialParametersTest {

    @Test
    void splitsGraphAndSearchParametersAndPutsThemBack() {
        GraphParams graph = new GraphParams(24, 80, 1.5f, 1.1f, false, 7);
        SearchParams base = new SearchParams(3, 0.05, 500, 40, 200);
        TrialParameters p = TrialParameters.of(graph, base);
        assertThat(p.build()).isEqualTo(new TrialParameters.BuildTime(24, 80, 1.5f, 1.1f, false));
        assertThat(p.search()).isEqualTo(new TrialParameters.SearchTime(3, 0.05));
        assertThat(p.graphParams()).isEqualTo(graph.withOverquery(3));
        SearchParams applied =
                p.withSearch(new TrialParameters.SearchTime(9, 0.1)).searchParams(base);
        assertThat(applied).isEqualTo(new SearchParams(9, 0.1, 500, 40, 200));
        assertThat(TrialParameters.of(graph).search().overquery()).isEqualTo(7);
        assertThat(p.needsBuild(TrialParameters.BuildTime.of(graph))).isFalse();
        assertThat(p.needsBuild(TrialParameters.BuildTime.of(GraphParams.DEFAULT)))
                .isTrue();
        assertThat(p.canonical()).isEqualTo("m=24,beam=80,overflow=1.5,alpha=1.1,hier=false;oq=3,exact=0.05");
    }

    @Test
    void canonicalFormRoundTripsOnRandomParameters() {
        Random random = new Random(12);
        for (int i = 0; i < 500; i++) {
            TrialParameters p = new TrialParameters(
                    new TrialParameters.BuildTime(
                            2 + random.nextInt(100),
                            1 + random.nextInt(500),
                            1 + random.nextFloat() * 2,
                            0.01f + random.nextFloat() * 2,
                            random.nextBoolean()),
                    new TrialParameters.SearchTime(1 + random.nextInt(50), random.nextDouble()));
            assertThat(TrialParameters.parse(p.canonical())).isEqualTo(p);
        }
    }

    @Test
    void invalidValuesAreNamed() {
        assertThatThrownBy(() -> new TrialParameters.BuildTime(1, 10, 1.2f, 1.2f, true))
                .hasMessageContaining("max degree must be ≥ 2, got 1");
        assertThatThrownBy(() -> new TrialParameters.SearchTime(2, 1.5))
                .hasMessageContaining("exact-scan selectivity must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> TrialParameters.parse("m=16,beam=100,overflow=1.2,alpha=1.2,hier=true;exact=0.02"))
                .hasMessageContaining("lack 'oq='");
        assertThatThrownBy(() ->
                        TrialParameters.parse("m=sixteen,beam=100,overflow=1.2,alpha=1.2,hier=true;oq=1,exact=0.02"))
                .hasMessageContaining("malformed number");
    }
}
