/** The maintenance jobs against the embedded catalog: what they report while they run. */
package io.lakehub.app.maintenance;
