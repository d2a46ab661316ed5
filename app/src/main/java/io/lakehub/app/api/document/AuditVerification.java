package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** {@code GET /api/audit/verify}: whether every hash and link of the journal checks out. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AuditVerification(boolean intact, long eventsChecked, List<String> problems) {}
