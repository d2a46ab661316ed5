/**
 * The JSON documents of the HTTP API ({@code snake_case} keys), shared by the server, which writes
 * them, and the command line, which prints them or reads them back from a running hub.
 */
package io.lakehub.app.api.document;
