package io.lakehub.app.api;

import io.lakehub.app.api.document.SqlRequest;
import io.lakehub.app.api.document.SqlResponse;
import io.lakehub.app.hub.HubApi;
import io.lakehub.app.hub.InvalidRequestException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/sql {"sql": "..."}}: one read-only statement over the lake. */
@RestController
public class SqlController {
    private final HubApi hub;

    public SqlController(HubApi hub) {
        this.hub = hub;
    }

    @PostMapping(path = "/api/sql", consumes = MediaType.APPLICATION_JSON_VALUE)
    public SqlResponse sql(@RequestBody(required = false) SqlRequest request) {
        if (request == null) {
            throw new InvalidRequestException("No SQL given: send {\"sql\": \"SELECT ...\"}.");
        }
        return hub.sql(request.sql());
    }
}
