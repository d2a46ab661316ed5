/** The hub's Camel routes and its {@code lakehub:} component. */
package io.lakehub.routes;
