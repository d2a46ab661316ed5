/** Actuator health contributions: whether the catalog database answers. */
package io.lakehub.app.health;
