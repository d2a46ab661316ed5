/**
 * The inbox route: a file dropped into {@code <home>/inbox/<dataset>/} is ingested into that
 * dataset through the {@code lakehub:} component, then moved to {@code .processed/} or, when
 * refused, to {@code .failed/} next to a {@code <file>.error.txt} holding the reason.
 */
package io.lakehub.routes.inbox;
