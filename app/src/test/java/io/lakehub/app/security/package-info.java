/** Tests of access control: keys, roles, column clearances, views and the query audit. */
package io.lakehub.app.security;
