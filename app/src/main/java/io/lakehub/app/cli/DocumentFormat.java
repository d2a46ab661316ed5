package io.lakehub.app.cli;

/** Output of the listing commands: readable text, or the API's JSON document. Lower case, as typed. */
enum DocumentFormat {
    table,
    json
}
