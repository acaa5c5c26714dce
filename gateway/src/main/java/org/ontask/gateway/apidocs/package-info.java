/**
 * One place to browse every service's API: the {@code /api-docs} page (Swagger UI, served
 * by the gateway itself) and the list of the services' OpenAPI descriptions it offers.
 */
package org.ontask.gateway.apidocs;
