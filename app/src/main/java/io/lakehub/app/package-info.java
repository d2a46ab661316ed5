/** The Spring Boot application and the command line that starts it. */
package io.lakehub.app;
