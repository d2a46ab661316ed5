/**
 * The hub's Spring context prepared when the application is built (Spring AOT, ADR 0066): Spring Boot's {@code
 * process-aot} goal evaluates the configuration classes and their conditions once, at build time, and writes the
 * bean definitions as code, which a start then registers instead of parsing ~150 configuration classes again.
 * {@link io.lakehub.app.aot.PreparedContext} decides at each start whether that prepared context holds for the
 * start's settings; {@link io.lakehub.app.aot.BuildEnvironment} is what the build's evaluation looked at.
 */
package io.lakehub.app.aot;
