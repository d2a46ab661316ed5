package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * What {@code POST /api/profiles/{id}/activate} answers: the indexes warmed into memory.
 *
 * @param profile the profile's id
 * @param warmed one entry per index of the profile
 * @param elapsedMs how long the whole activation took
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProfileActivation(String profile, List<Warmed> warmed, long elapsedMs) {

    /**
     * One index warmed.
     *
     * @param index the index's name
     * @param chunks the chunks (vectors) it holds
     * @param elapsedMs how long opening it took (near 0 when it was open already)
     * @param error why it could not be warmed (it is then searched from disk on first use); null when warmed
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Warmed(String index, long chunks, long elapsedMs, String error) {}
}
