/**
 * Service-to-service calls on {@code /internal/**}: the caller signs each request with a
 * secret shared by the services (never by browsers or API clients) and names the user it
 * acts for, so the callee still authorises per workflow. The gateway never routes
 * {@code /internal/**}; the signature makes a request that reaches a service some other
 * way worthless without the secret.
 */
package org.ontask.platform.internal;
