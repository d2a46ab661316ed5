/** The web console tested in a real (headless) browser against a running hub. */
package io.lakehub.app.console;
