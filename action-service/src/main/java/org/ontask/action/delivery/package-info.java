/**
 * Delivery of JSON documents to other systems: checks of target URLs (no internal
 * addresses unless allowed), the bearer token kept encrypted while a run needs it, and
 * the HTTP client that POSTs each document with timeouts, retries with backoff and a
 * circuit breaker per target host.
 */
package org.ontask.action.delivery;
