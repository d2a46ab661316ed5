/** Helpers the app's tests share: the HTTP client for the hub's API. */
package io.lakehub.app.testing;
