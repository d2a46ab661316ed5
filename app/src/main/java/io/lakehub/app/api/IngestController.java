package io.lakehub.app.api;

import io.lakehub.app.api.document.IngestApiRequest;
import io.lakehub.app.api.document.IngestOutcome;
import io.lakehub.app.hub.HubApi;
import io.lakehub.app.hub.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/ingest {"path", "dataset", "format", "on_bad_rows", "max_bad_rows", ...}}: ingests a
 * file on the hub's own machine ({@link IngestApiRequest}); answers an {@link IngestOutcome}, with
 * {@code bad_rows} and {@code rejects_dataset}.
 * This is how {@code lakehub ingest} works while a hub holds the home. Because it reads any file
 * the hub's user can read, it only answers requests from the same machine (loopback); remote
 * clients get 403.
 */
@RestController
public class IngestController {
    private final HubApi hub;

    public IngestController(HubApi hub) {
        this.hub = hub;
    }

    @PostMapping(path = "/api/ingest", consumes = MediaType.APPLICATION_JSON_VALUE)
    public IngestOutcome ingest(@RequestBody(required = false) IngestApiRequest body, HttpServletRequest request) {
        if (!fromLoopback(request)) {
            throw new ResponseStatusException(
                    HttpStatus.FORBIDDEN,
                    "POST /api/ingest reads files on the hub's machine and is only accepted from that machine.");
        }
        if (body == null) {
            throw new InvalidRequestException(
                    "No file given: send {\"path\": \"/abs/file.csv\", \"dataset\": \"name\"}.");
        }
        return hub.ingest(body);
    }

    private static boolean fromLoopback(HttpServletRequest request) {
        try {
            return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
