/** Apache Arrow as the in-memory batch between processors, and its mapping to the hub's types. */
package io.lakehub.processors.batch;
